/**
 * The result count, announced politely to screen readers once typing or ticking pauses
 * (so they are not flooded). Keeps its own state: only this line re-renders on announce.
 */
import { useEffect, useState } from 'preact/hooks';

export function LiveCount({ text }: { readonly text: string }) {
  const [said, setSaid] = useState('');
  useEffect(() => {
    const timer = window.setTimeout(() => setSaid(text), 600);
    return () => window.clearTimeout(timer);
  }, [text]);
  return (
    <p class="fr-count" role="status" aria-live="polite">
      {said}
    </p>
  );
}

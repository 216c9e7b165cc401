/**
 * The result count. Shown at once, so the line is never empty or late on screen; told to
 * screen readers through a separate polite status only once typing or ticking pauses (so
 * they are not flooded with every intermediate count). Keeps its own state: only these
 * lines re-render on announce.
 */
import { useEffect, useState } from 'preact/hooks';

/** How long the count must stay the same before a screen reader hears it. */
const ANNOUNCE_AFTER_MS = 600;

export function LiveCount({ text }: { readonly text: string }) {
  const [said, setSaid] = useState('');
  useEffect(() => {
    const timer = window.setTimeout(() => setSaid(text), ANNOUNCE_AFTER_MS);
    return () => window.clearTimeout(timer);
  }, [text]);
  return (
    <>
      {/* The status below carries the same words for screen readers. */}
      <p class="fr-count" aria-hidden="true">
        {text}
      </p>
      <p class="visually-hidden" role="status" aria-live="polite">
        {said}
      </p>
    </>
  );
}

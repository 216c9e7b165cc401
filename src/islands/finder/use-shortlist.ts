/** The saved shortlist, kept in sync with other tabs and other parts of the page. */
import { useCallback, useEffect, useState } from 'preact/hooks';
import { SHORTLIST_EVENT, SHORTLIST_KEY, readShortlist, toggleShortlist, writeShortlist } from '../../lib/finder/shortlist.ts';

export interface Shortlist {
  readonly ids: readonly string[];
  toggle: (id: string) => void;
  remove: (id: string) => void;
  clear: () => void;
}

export function useShortlist(): Shortlist {
  const [ids, setIds] = useState<readonly string[]>(() => readShortlist());
  useEffect(() => {
    const refresh = () => setIds(readShortlist());
    const onStorage = (e: StorageEvent) => {
      if (e.key === null || e.key === SHORTLIST_KEY) refresh();
    };
    window.addEventListener(SHORTLIST_EVENT, refresh);
    window.addEventListener('storage', onStorage);
    return () => {
      window.removeEventListener(SHORTLIST_EVENT, refresh);
      window.removeEventListener('storage', onStorage);
    };
  }, []);
  const toggle = useCallback((id: string) => setIds(toggleShortlist(id)), []);
  const remove = useCallback((id: string) => {
    const next = readShortlist().filter((x) => x !== id);
    writeShortlist(next);
    setIds(next);
  }, []);
  const clear = useCallback(() => {
    writeShortlist([]);
    setIds([]);
  }, []);
  return { ids, toggle, remove, clear };
}

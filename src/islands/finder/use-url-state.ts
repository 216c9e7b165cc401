/**
 * Finder state ⇄ address bar. Discrete choices push a history entry (so Back undoes
 * them); typing replaces the current one. Back and Forward restore the state.
 *
 * The state changes at once; the address follows when the page is idle (url-writer.ts), so
 * the costly history call never holds up the updated list.
 */
import { useCallback, useEffect, useState } from 'preact/hooks';
import { finderUrl, parseFinderParams, type FinderState } from '../../lib/finder/url.ts';
import { createUrlWriter, whenIdle, type HistoryMode, type UrlWriter } from './url-writer.ts';

export type { HistoryMode };

export function useUrlState(): [FinderState, (next: FinderState, how: HistoryMode) => void] {
  const [state, setState] = useState<FinderState>(() => parseFinderParams(window.location.search));
  const [writer] = useState<UrlWriter>(() =>
    createUrlWriter(window.history, () => `${window.location.pathname}${window.location.search}`, whenIdle),
  );
  useEffect(() => {
    const onPop = () => {
      writer.drop();
      setState(parseFinderParams(window.location.search));
    };
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, [writer]);
  const update = useCallback(
    (next: FinderState, how: HistoryMode) => {
      setState(next);
      writer.write(finderUrl(next), how);
    },
    [writer],
  );
  return [state, update];
}

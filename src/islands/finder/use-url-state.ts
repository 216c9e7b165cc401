/**
 * Finder state ⇄ address bar. Discrete choices push a history entry (so Back undoes
 * them); typing replaces the current one. Back and Forward restore the state.
 */
import { useCallback, useEffect, useState } from 'preact/hooks';
import { finderUrl, parseFinderParams, type FinderState } from '../../lib/finder/url.ts';

export type HistoryMode = 'push' | 'replace';

export function useUrlState(): [FinderState, (next: FinderState, how: HistoryMode) => void] {
  const [state, setState] = useState<FinderState>(() => parseFinderParams(window.location.search));
  useEffect(() => {
    const onPop = () => setState(parseFinderParams(window.location.search));
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  const update = useCallback((next: FinderState, how: HistoryMode) => {
    setState(next);
    const url = finderUrl(next);
    if (url === `${window.location.pathname}${window.location.search}`) return;
    if (how === 'push') window.history.pushState(null, '', url);
    else window.history.replaceState(null, '', url);
  }, []);
  return [state, update];
}

/**
 * Fetch and decode the finder index once per page (the finder and the shortlist share it).
 */
import { useEffect, useState } from 'preact/hooks';
import type { FinderIndexJson } from '../../lib/finder/index-format.ts';
import { decodeFinderIndex, type FinderData } from '../../lib/finder/index-data.ts';

export type IndexLoad =
  { readonly status: 'loading' } | { readonly status: 'ready'; readonly data: FinderData } | { readonly status: 'error' };

const cache = new Map<string, Promise<FinderData>>();

async function fetchIndex(url: string): Promise<FinderData> {
  const response = await fetch(url, { credentials: 'same-origin' });
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return decodeFinderIndex((await response.json()) as FinderIndexJson);
}

/** The decoded index, and a function to try again after a failure. */
export function useFinderData(url: string): [IndexLoad, () => void] {
  const [load, setLoad] = useState<IndexLoad>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let live = true;
    let promise = cache.get(url);
    if (promise === undefined || attempt > 0) {
      promise = fetchIndex(url);
      cache.set(url, promise);
    }
    setLoad({ status: 'loading' });
    promise.then(
      (data) => live && setLoad({ status: 'ready', data }),
      (error: unknown) => {
        console.error('finder index', error);
        cache.delete(url);
        if (live) setLoad({ status: 'error' });
      },
    );
    return () => {
      live = false;
    };
  }, [url, attempt]);
  return [load, () => setAttempt((n) => n + 1)];
}

/**
 * Fetch the finder's data once per page (the finder and the shortlist share it): the
 * overview (regions) and the parts of the provinces asked for, merged and decoded. Parts
 * already fetched are kept, so going back to a province costs nothing.
 */
import { useEffect, useState } from 'preact/hooks';
import type { FinderOverviewJson, FinderPartJson } from '../../lib/finder/index-format.ts';
import { decodeFinderIndex, type FinderData } from '../../lib/finder/index-data.ts';
import { mergeParts, provincesMaybeNear, provincesNear } from '../../lib/finder/parts.ts';
import { yieldToMain } from './yield.ts';

/** Addresses of the finder's data (src/lib/finder/index-file.ts, finderSources()). */
export interface FinderSources {
  readonly overview: string;
  /** Province code → address of its part. */
  readonly parts: Readonly<Record<string, string>>;
  /** Records in all parts. */
  readonly n: number;
  /** Every part loads at once, with or without a place (a registry of at most FINDER_SPLIT_ABOVE records, src/lib/finder/split-setting.ts). */
  readonly all: boolean;
}

export type IndexLoad =
  | { readonly status: 'loading' }
  | { readonly status: 'ready'; readonly data: FinderData; readonly overview: FinderOverviewJson }
  | { readonly status: 'error' };

const files = new Map<string, Promise<unknown>>();
interface Loaded {
  readonly data: FinderData;
  readonly overview: FinderOverviewJson;
}
const decoded = new Map<string, Promise<Loaded>>();
/** Data already decoded, by key: shown at once when a person comes back to a place. */
const ready = new Map<string, Loaded>();

const keyOf = (sources: FinderSources, provinces: readonly string[]): string =>
  [sources.overview, ...provinces.flatMap((p) => sources.parts[p] ?? [])].join(' ');

function fetchJson<T>(url: string): Promise<T> {
  let promise = files.get(url) as Promise<T> | undefined;
  if (promise === undefined) {
    promise = fetch(url, { credentials: 'same-origin' }).then((response) => {
      if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
      return response.json() as Promise<T>;
    });
    files.set(url, promise);
    promise.catch(() => files.delete(url));
  }
  return promise;
}

function load(sources: FinderSources, provinces: readonly string[]): Promise<Loaded> {
  const urls = provinces.flatMap((p) => sources.parts[p] ?? []);
  const key = keyOf(sources, provinces);
  let promise = decoded.get(key);
  if (promise === undefined) {
    // The overview and the parts are fetched side by side: the page already knows every part's address.
    promise = Promise.all([fetchJson<FinderOverviewJson>(sources.overview), ...urls.map((u) => fetchJson<FinderPartJson>(u))]).then(
      async ([overview, ...parts]) => {
        // Decoding and the render it leads to each get a task of their own (yield.ts): on a
        // slow phone the two together were one long task that held up the first tap.
        await yieldToMain();
        const loaded = { data: decodeFinderIndex(mergeParts(overview, parts)), overview };
        ready.set(key, loaded);
        await yieldToMain();
        return loaded;
      },
    );
    decoded.set(key, promise);
    promise.catch(() => decoded.delete(key));
  }
  return promise;
}

/** The decoded data for these provinces (in code order), and a function to try again after a failure. */
export function useFinderData(sources: FinderSources, provinces: readonly string[]): [IndexLoad, () => void] {
  const key = keyOf(sources, provinces);
  const [state, setState] = useState<{ readonly key: string; readonly load: IndexLoad }>({ key: '', load: { status: 'loading' } });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let live = true;
    load(sources, provinces).then(
      (loaded) => live && setState({ key, load: { status: 'ready', ...loaded } }),
      (error: unknown) => {
        console.error('finder data', error);
        if (live) setState({ key, load: { status: 'error' } });
      },
    );
    return () => {
      live = false;
    };
    // `key` stands for `provinces` (a new array on every render).
  }, [sources, key, attempt]);
  // Never one province's records for another's place while its part loads; a place seen before shows at once.
  const known = ready.get(key);
  const current: IndexLoad = state.key === key ? state.load : known !== undefined ? { status: 'ready', ...known } : { status: 'loading' };
  return [current, () => setAttempt((n) => n + 1)];
}

/** The overview alone (regions and parts), once fetched: what "use my location" needs to know which parts to load. */
export function useOverview(sources: FinderSources): FinderOverviewJson | null {
  const [overview, setOverview] = useState<FinderOverviewJson | null>(null);
  useEffect(() => {
    let live = true;
    fetchJson<FinderOverviewJson>(sources.overview).then(
      (o) => live && setOverview(o),
      () => undefined, // useFinderData reports the failure and offers to try again
    );
    return () => {
      live = false;
    };
  }, [sources]);
  return overview;
}

/**
 * After "use my location" (`at`: "lat,lng", '' for none): the provinces whose parts to load,
 * in code order, or null while that is being worked out. The overview lists no counties, so
 * the parts of the provinces that may be near are fetched first (provincesMaybeNear) and
 * their counties decide (provincesNear); the parts are kept, so loading them costs nothing more.
 */
export function useNearProvinces(sources: FinderSources, overview: FinderOverviewJson | null, at: string): readonly string[] | null {
  const [found, setFound] = useState<{ readonly at: string; readonly provinces: readonly string[] } | null>(null);
  useEffect(() => {
    if (at === '' || overview === null) return;
    let live = true;
    const [lat = 0, lng = 0] = at.split(',').map(Number);
    const maybe = provincesMaybeNear(overview, { lat, lng }).filter((p) => sources.parts[p] !== undefined);
    Promise.all(maybe.map((p) => fetchJson<FinderPartJson>(sources.parts[p] ?? ''))).then(
      (parts) => live && setFound({ at, provinces: provincesNear(parts, { lat, lng }).sort() }),
      // useFinderData fetches them again, reports the failure and offers to try again.
      () => live && setFound({ at, provinces: maybe }),
    );
    return () => {
      live = false;
    };
  }, [sources, overview, at]);
  return found !== null && found.at === at ? found.provinces : null;
}

/**
 * The live availability feed for the finder: fetched once, beside the index (not after
 * it), laid over the index when both are there, and read again against the clock each
 * minute so a status that expires while the page is open falls to 未知 in the badges and
 * out of the "现在可接收" filter.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { AvailabilityFeed } from '../../lib/network/availability.ts';
import { loadAvailabilityFeed } from '../../lib/network/availability-feed.ts';
import type { FinderData } from '../../lib/finder/index-data.ts';
import { applyFeed, type FinderLive } from '../../lib/finder/live.ts';

export type LiveLoad =
  { readonly status: 'loading' } | { readonly status: 'error' } | { readonly status: 'ready'; readonly live: FinderLive };

const MINUTE = 60_000;

export function useLive(data: FinderData | null): LiveLoad {
  const [feed, setFeed] = useState<AvailabilityFeed | null | undefined>(undefined);
  const [tick, setTick] = useState(0);
  const previous = useRef<FinderLive | undefined>(undefined);
  useEffect(() => {
    let live = true;
    void loadAvailabilityFeed().then((f) => live && setFeed(f));
    return () => {
      live = false;
    };
  }, []);
  useEffect(() => {
    if (feed === null || feed === undefined) return undefined;
    const timer = setInterval(() => setTick((n) => n + 1), MINUTE);
    return () => clearInterval(timer);
  }, [feed]);
  return useMemo((): LiveLoad => {
    if (feed === null) return { status: 'error' };
    if (feed === undefined || data === null) return { status: 'loading' };
    const live = applyFeed(data, feed, new Date(), previous.current);
    previous.current = live;
    return { status: 'ready', live };
    // tick: read the statuses again at the new time.
  }, [data, feed, tick]);
}

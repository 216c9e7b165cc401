/** The results, nearest first, a page at a time (the DOM stays small at 10 000 records). */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { FinderData } from '../../lib/finder/index-data.ts';
import type { FinderLive } from '../../lib/finder/live.ts';
import { ResultItem } from './ResultItem.tsx';
import type { Translate } from '../../i18n/island.ts';
import { yieldToMain } from './yield.ts';

/**
 * Results rendered per step when new data has arrived: a phone's first screenful, then as many
 * again after each paint, up to the page. Decoding, the first list and its layout are then
 * not one long task on a slow phone; "show more" and filter changes render at once.
 */
const STEP = 5;

interface Props {
  readonly data: FinderData;
  readonly results: Uint32Array;
  readonly km: Float64Array | null;
  /** How many to show. */
  readonly shown: number;
  readonly selected: number | null;
  readonly saved: readonly string[];
  readonly mapShown: boolean;
  readonly today: string;
  /** The live availability feed over the index, or null without it (no badges then). */
  readonly live: FinderLive | null;
  readonly t: Translate;
  onMore: () => void;
  onToggleSaved: (id: string) => void;
  onShowOnMap: (i: number) => void;
}

export function ResultList({
  data,
  results,
  km,
  shown,
  selected,
  saved,
  mapShown,
  today,
  live,
  t,
  onMore,
  onToggleSaved,
  onShowOnMap,
}: Props) {
  // The data a whole page of results has been rendered for; until then, `upTo` results.
  const fullFor = useRef<FinderData | null>(null);
  const [upTo, setUpTo] = useState(STEP);
  const staged = fullFor.current !== data && shown > upTo && results.length > upTo;
  if (!staged) fullFor.current = data;
  useEffect(() => {
    if (!staged) return undefined;
    let live = true;
    // Effects run after the paint; the yield gives the next step a task of its own.
    void yieldToMain().then(() => {
      if (!live) return;
      if (upTo + STEP >= shown) fullFor.current = data;
      setUpTo(upTo + STEP >= shown ? STEP : upTo + STEP);
    });
    return () => {
      live = false;
    };
  }, [staged, data, upTo, shown]);
  const visible = Array.from(results.subarray(0, staged ? upTo : shown));
  const previous = useRef(shown);
  const list = useRef<HTMLOListElement>(null);
  // After "show more", move focus to the first new result so keyboard and screen-reader users continue there.
  useEffect(() => {
    if (shown > previous.current) {
      list.current?.querySelectorAll<HTMLElement>('.fr-name a')[previous.current]?.focus();
    }
    previous.current = shown;
  }, [shown]);

  const rest = staged ? 0 : results.length - visible.length;
  return (
    <>
      <ol class="fr-list" ref={list}>
        {visible.map((i) => (
          <ResultItem
            key={i}
            data={data}
            i={i}
            km={km === null ? null : (km[i] ?? null)}
            selected={selected === i}
            saved={saved.includes(data.ids[i] ?? '')}
            mapShown={mapShown}
            today={today}
            live={live}
            t={t}
            onToggleSaved={onToggleSaved}
            onShowOnMap={onShowOnMap}
          />
        ))}
      </ol>
      {rest > 0 && (
        <p class="fr-more">
          <button type="button" class="button--secondary" onClick={onMore}>
            {t('finder.results.more', { n: rest })}
          </button>
        </p>
      )}
    </>
  );
}

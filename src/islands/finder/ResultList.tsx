/** The results, nearest first, a page at a time (the DOM stays small at 10 000 records). */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { FinderData } from '../../lib/finder/index-data.ts';
import type { FinderLive } from '../../lib/finder/live.ts';
import { ResultItem } from './ResultItem.tsx';
import type { Translate } from '../../i18n/island.ts';
import { yieldToMain } from './yield.ts';

/**
 * Results rendered at first when new data has arrived: a phone's first screenful. The rest of
 * the page (and the "show more" button) follows once that has been painted, in a task of its
 * own, so decoding, the first list and its layout are not one long task on a slow phone.
 * "Show more" and filter changes render at once.
 */
const FIRST_SCREEN = 5;

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
  // The data a whole page of results has been rendered for; until then, the first screenful.
  const fullFor = useRef<FinderData | null>(null);
  const [, setFull] = useState(0);
  const staged = fullFor.current !== data && shown > FIRST_SCREEN && results.length > FIRST_SCREEN;
  if (!staged) fullFor.current = data;
  useEffect(() => {
    if (!staged) return undefined;
    let live = true;
    // Effects run after the paint; the yield gives the rest a task of its own.
    void yieldToMain().then(() => {
      if (!live) return;
      fullFor.current = data;
      setFull((n) => n + 1);
    });
    return () => {
      live = false;
    };
  }, [staged, data]);
  const visible = Array.from(results.subarray(0, staged ? FIRST_SCREEN : shown));
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

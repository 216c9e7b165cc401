/**
 * The live availability feed laid over the finder index: per record, a bitmask of the care
 * modes that can take someone now (acceptingNow at the reader's clock), so the "现在可接收"
 * filter costs one array read per record, and the badge of a shown result or map popup.
 * Made once when the feed arrives and again each minute (statuses age into 未知 while the
 * page stays open); never per filter change.
 */
import type { Translate } from '../../i18n/island.ts';
import { acceptingNow, type AvailabilityFeed } from '../network/availability.ts';
import { badgeMode, badgeText, liveState, statusTone } from '../network/availability-display.ts';
import { isSample, modesOf, type FinderData } from './index-data.ts';
import { MODES } from './vocab.ts';

export interface FinderLive {
  readonly feed: AvailabilityFeed;
  /** The clock the statuses were read at. */
  readonly now: Date;
  /** By record position: bits over MODES of the modes accepting someone now (0: none, or no report). */
  readonly accepting: Uint8Array;
  /** Records of the index with at least one report in the feed. */
  readonly reported: number;
}

/**
 * The feed over the index at `now`. Feed ids the index does not hold are ignored. With
 * `previous` (the same feed read a minute ago) an unchanged mask is kept as the same array,
 * so the result list is not filtered again (nor its "show more" reset) when nothing changed.
 */
export function applyFeed(data: FinderData, feed: AvailabilityFeed, now: Date, previous?: FinderLive): FinderLive {
  const accepting = new Uint8Array(data.count);
  let reported = 0;
  for (const [id, modes] of Object.entries(feed.institutions)) {
    const i = data.idIndex.get(id);
    if (i === undefined) continue;
    reported++;
    let mask = 0;
    for (let m = 0; m < MODES.length; m++) {
      const mode = MODES[m];
      const report = mode === undefined ? undefined : modes[mode];
      if (report === undefined) continue;
      const state = liveState(report, now);
      if (state.kind === 'fresh' && acceptingNow(state.report)) mask |= 1 << m;
    }
    accepting[i] = mask;
  }
  const same = previous !== undefined && previous.feed === feed && previous.accepting.every((v, i) => v === accepting[i]);
  return { feed, now, accepting: same ? previous.accepting : accepting, reported };
}

export interface RecordBadge {
  readonly text: string;
  readonly tone: ReturnType<typeof statusTone>;
  /** False when the institution never reported (the list says so; the map's small popup leaves it out). */
  readonly reported: boolean;
}

/** The badge of record i (its main mode's shown status and time), or null for samples and without the feed. */
export function recordBadge(data: FinderData, live: FinderLive | null, i: number, t: Translate): RecordBadge | null {
  if (live === null || isSample(data, i)) return null;
  const modes = live.feed.institutions[data.ids[i] ?? ''];
  const offered = modesOf(data, i)
    .map((m) => MODES[m])
    .filter((m) => m !== undefined);
  const mode = badgeMode(offered, modes);
  const state = liveState(mode === null ? undefined : modes?.[mode], live.now);
  const text = badgeText(mode, state, live.now, t);
  return text === null ? null : { text, tone: statusTone(state), reported: state.kind !== 'never' };
}

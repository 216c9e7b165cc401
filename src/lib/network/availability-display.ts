/**
 * How the public pages show live availability: which mode a badge speaks for, the words
 * for each state (fresh, expired, never reported, sample) and the time in China. Pure and
 * small: it runs in the institution page's script and in the finder, both after the page
 * has loaded GET /api/availability, and the texts come through a Translate (the `live.*`
 * strings) so the browser carries only the words it shows.
 *
 * Honest freshness is decided again here, at the reader's `now`: the feed may have been
 * cached (max-age 60) and a page may stay open for hours, so a report the server still
 * called fresh is shown as 未知 once its expiry has passed on this clock too.
 */
import type { Translate } from '../../i18n/island.ts';
import { AVAILABILITY_MODES, MODE_LABELS, type AvailabilityMode, type PublicModeStatus } from './availability.ts';

/** What a place on a page can say about one mode of one institution. */
export type LiveState =
  /** A sample (invented) institution: never any live figures. */
  | { readonly kind: 'sample' }
  /** A real institution with no report for this mode. */
  | { readonly kind: 'never' }
  | { readonly kind: 'fresh'; readonly report: PublicModeStatus }
  /** Past its expiry: only the time of the last update may be shown. */
  | { readonly kind: 'expired'; readonly report: PublicModeStatus };

/** The report as the reader sees it at `now`: fresh only while both the server and this clock say so. */
export function liveState(report: PublicModeStatus | undefined, now: Date, sample = false): LiveState {
  if (sample) return { kind: 'sample' };
  if (report === undefined) return { kind: 'never' };
  const fresh = report.fresh && Date.parse(report.expiresAt) > now.getTime();
  return fresh ? { kind: 'fresh', report } : { kind: 'expired', report: { ...report, fresh: false, shownStatus: '未知' } };
}

/**
 * The mode a badge speaks for: 住院 when the institution offers it (the question families
 * ask first is "is there a bed"), else the first mode it offers, else the first mode it
 * reported on; null when there is nothing to speak for.
 */
export function badgeMode(
  offered: readonly AvailabilityMode[],
  reported: Readonly<Partial<Record<AvailabilityMode, unknown>>> | undefined,
): AvailabilityMode | null {
  if (offered.includes('住院')) return '住院';
  if (offered[0] !== undefined) return offered[0];
  if (reported === undefined) return null;
  return AVAILABILITY_MODES.find((m) => reported[m] !== undefined) ?? null;
}

/** Modes shown on an institution page: those it offers (registry order), then any other it reported on. */
export function pageModes(
  offered: readonly AvailabilityMode[],
  reported: Readonly<Partial<Record<AvailabilityMode, unknown>>> | undefined,
): AvailabilityMode[] {
  const extra = reported === undefined ? [] : AVAILABILITY_MODES.filter((m) => reported[m] !== undefined && !offered.includes(m));
  return [...offered, ...extra];
}

const CHINA_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;
const two = (n: number) => String(n).padStart(2, '0');

/**
 * A time as people in China read it (UTC+8 all year, no daylight saving): 今天 14:05,
 * 昨天 09:30, 12月1日 08:00, or with the year when it is not this year.
 */
export function chinaTime(iso: string, now: Date, t: Translate): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  const at = new Date(ms + CHINA_OFFSET_MS);
  const today = new Date(now.getTime() + CHINA_OFFSET_MS);
  const hm = `${two(at.getUTCHours())}:${two(at.getUTCMinutes())}`;
  const days = Math.floor(today.getTime() / DAY_MS) - Math.floor(at.getTime() / DAY_MS);
  if (days === 0) return t('live.time.today', { hm });
  if (days === 1) return t('live.time.yesterday', { hm });
  const month = at.getUTCMonth() + 1;
  const day = at.getUTCDate();
  return at.getUTCFullYear() === today.getUTCFullYear()
    ? t('live.time.date', { month, day, hm })
    : t('live.time.year', { year: at.getUTCFullYear(), month, day, hm });
}

/** Beds for 住院, places for the other modes (家庭病床名额, 号源 …). */
export function figuresText(report: Pick<PublicModeStatus, 'mode' | 'openBeds' | 'freeBeds'>, t: Translate): string | null {
  const unit = report.mode === '住院' ? 'beds' : 'places';
  const { openBeds: open, freeBeds: free } = report;
  if (open !== null && free !== null) return t(`live.${unit}Both`, { free, open });
  if (free !== null) return t(`live.${unit}Free`, { free });
  if (open !== null) return t(`live.${unit}Open`, { open });
  return null;
}

/** Tone of a shown status, for styling beside its words (never instead of them). */
export function statusTone(state: LiveState): 'open' | 'limited' | 'closed' | 'unknown' {
  if (state.kind !== 'fresh') return 'unknown';
  switch (state.report.shownStatus) {
    case '有空位':
      return 'open';
    case '紧张':
    case '需先评估':
      return 'limited';
    case '已满可登记等候':
    case '暂停接收':
      return 'closed';
    case '未知':
      return 'unknown';
  }
}

/** One mode of one institution, as lines of plain text for the institution page. */
export interface ModeLines {
  readonly mode: AvailabilityMode;
  /** 住院病床：有空位 */
  readonly heading: string;
  /** Figures, waiting band, whom it accepts, area and note (only while fresh). */
  readonly details: readonly string[];
  /** 更新于今天 14:05，请致电确认。 / 最近一次更新是…，已经过期… / nothing when never reported. */
  readonly time: string | null;
  readonly tone: ReturnType<typeof statusTone>;
}

export function modeLines(mode: AvailabilityMode, state: LiveState, now: Date, t: Translate): ModeLines {
  const label = MODE_LABELS[mode];
  const tone = statusTone(state);
  if (state.kind === 'sample') return { mode, heading: t('live.sample'), details: [], time: null, tone };
  if (state.kind === 'never')
    return { mode, heading: t('live.mode', { mode: label, status: t('live.modeNever') }), details: [], time: null, tone };
  const { report } = state;
  const time = chinaTime(report.reportedAt, now, t);
  if (state.kind === 'expired') {
    // Nothing of an expired report is shown as current: no figures, no band, no note.
    return { mode, heading: t('live.mode', { mode: label, status: '未知' }), details: [], time: t('live.expired', { time }), tone };
  }
  const details: string[] = [];
  const figures = figuresText(report, t);
  if (figures !== null) details.push(figures);
  if (report.waiting !== null) details.push(t('live.waiting', { band: report.waiting }));
  if (report.accepts !== null) details.push(t('live.accepts', { accepts: report.accepts }));
  if (report.area !== null && report.area !== '') details.push(t('live.area', { area: report.area }));
  if (report.note !== null && report.note !== '') details.push(t('live.note', { note: report.note }));
  return {
    mode,
    heading: t('live.mode', { mode: label, status: report.shownStatus }),
    details,
    time: t('live.updated', { time }),
    tone,
  };
}

/** The one-line badge of a finder result or map popup; null for samples (already marked 示例). */
export function badgeText(mode: AvailabilityMode | null, state: LiveState, now: Date, t: Translate): string | null {
  if (state.kind === 'sample') return null;
  if (state.kind === 'never' || mode === null) return t('live.badge.never');
  const time = chinaTime(state.report.reportedAt, now, t);
  const label = MODE_LABELS[mode];
  return state.kind === 'fresh'
    ? t('live.badge.fresh', { mode: label, status: state.report.shownStatus, time })
    : t('live.badge.expired', { mode: label, time });
}

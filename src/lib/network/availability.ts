/**
 * Live availability: what an institution reports per care mode, and the honest-freshness
 * rules every place that shows it obeys. Pure (no database), shared by the staff console,
 * the public endpoint (GET /api/availability), the server-rendered availability page and
 * the browser code that shows a badge on static pages.
 *
 * A report has a time and an expiry (default 24 hours, at most 72). Once expired, the
 * public status is 未知 and only the time of the last update is shown: nothing expired is
 * ever shown as current. Reports are appended to a history, never edited in place.
 */
import { CARE_MODES } from '../../schemas/vocabularies.ts';

/** The care modes an institution reports on (the registry's CARE_MODES). */
export const AVAILABILITY_MODES = CARE_MODES;
export type AvailabilityMode = (typeof AVAILABILITY_MODES)[number];

/** What the public reads for each mode, in the words of issue #17. */
export const MODE_LABELS: Readonly<Record<AvailabilityMode, string>> = {
  住院: '住院病床',
  居家: '居家/家庭病床名额',
  门诊: '门诊号源',
  会诊: '会诊',
  互联网: '线上咨询',
};

export const AVAILABILITY_STATUSES = ['有空位', '紧张', '已满可登记等候', '暂停接收', '需先评估', '未知'] as const;
export type AvailabilityStatus = (typeof AVAILABILITY_STATUSES)[number];

export const WAITING_BANDS = ['一周内', '一至四周', '一至三个月', '不确定'] as const;
export type WaitingBand = (typeof WAITING_BANDS)[number];

/** Who may ask directly: the family, or only with a doctor's referral. */
export const ACCEPTS = ['家属可直接咨询', '需医生转介'] as const;
export type Accepts = (typeof ACCEPTS)[number];

export const DEFAULT_EXPIRY_HOURS = 24;
export const MAX_EXPIRY_HOURS = 72;
export const MAX_NOTE_LENGTH = 200;

/** One report for one mode, as stored and as published (without who reported it). */
export interface ModeReport {
  readonly mode: AvailabilityMode;
  readonly status: AvailabilityStatus;
  /** Beds (or places) open in the mode; optional. */
  readonly openBeds: number | null;
  /** Of those, free now; never above openBeds. */
  readonly freeBeds: number | null;
  readonly waiting: WaitingBand | null;
  readonly accepts: Accepts | null;
  /** For home care: the districts or streets covered, in words. */
  readonly area: string | null;
  /** ≤ 200 characters. */
  readonly note: string | null;
  /** ISO 8601 UTC. */
  readonly reportedAt: string;
  /** ISO 8601 UTC; at most 72 hours after reportedAt. */
  readonly expiresAt: string;
}

/** What the public endpoint says for one mode: the report, whether it is fresh, and the status to show. */
export interface PublicModeStatus extends ModeReport {
  readonly fresh: boolean;
  /** The report's status while fresh; 未知 once expired. */
  readonly shownStatus: AvailabilityStatus;
}

/** GET /api/availability. */
export interface AvailabilityFeed {
  /** When the server made this answer (ISO). */
  readonly generatedAt: string;
  /** Registry id → mode → status. Only real (non-sample) institutions that have reported. */
  readonly institutions: Readonly<Record<string, Partial<Record<AvailabilityMode, PublicModeStatus>>>>;
}

/** Whether a report still speaks for now. */
export function isFresh(report: Pick<ModeReport, 'expiresAt'>, now: Date): boolean {
  return Date.parse(report.expiresAt) > now.getTime();
}

/** The report as the public sees it at `now`. */
export function publicStatus(report: ModeReport, now: Date): PublicModeStatus {
  const fresh = isFresh(report, now);
  return { ...report, fresh, shownStatus: fresh ? report.status : '未知' };
}

/** Whether the mode can take someone now: fresh, and neither full, paused nor unknown. */
export function acceptingNow(status: PublicModeStatus): boolean {
  return status.fresh && (status.shownStatus === '有空位' || status.shownStatus === '紧张' || status.shownStatus === '需先评估');
}

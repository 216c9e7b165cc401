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

/** What each status means, in a few words (beside the choice in the console, and for the public). */
export const STATUS_HINTS: Readonly<Record<AvailabilityStatus, string>> = {
  有空位: '现在就能接收',
  紧张: '还能接收，但空位很少',
  已满可登记等候: '暂时满了，可以先登记排队',
  暂停接收: '暂时不接收新的病人',
  需先评估: '要先评估，才能确定能否接收',
  未知: '没有最新的情况',
};

/** ASCII names of the modes, for element ids and URLs (the modes themselves are Chinese). */
export const MODE_SLUGS: Readonly<Record<AvailabilityMode, string>> = {
  住院: 'inpatient',
  门诊: 'outpatient',
  居家: 'home',
  会诊: 'consultation',
  互联网: 'online',
};

/** What the two counts are called in each mode (beds on a ward, places in home care, appointments in a clinic). */
export const COUNT_LABELS: Readonly<Record<AvailabilityMode, { readonly open: string; readonly free: string; readonly unit: string }>> = {
  住院: { open: '开放床位', free: '空床', unit: '张' },
  居家: { open: '名额', free: '空余名额', unit: '个' },
  门诊: { open: '号源', free: '剩余号源', unit: '个' },
  会诊: { open: '名额', free: '空余名额', unit: '个' },
  互联网: { open: '名额', free: '空余名额', unit: '个' },
};

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

// ---------------------------------------------------------------------------------------
// Reporting: what a staff member may send, and the time window of a report.
// ---------------------------------------------------------------------------------------

/**
 * The statuses a report can carry: all but 未知, which is what the public sees when no
 * fresh report exists. Reporting "unknown" would say nothing a lapsed report does not.
 */
export const REPORTABLE_STATUSES = AVAILABILITY_STATUSES.filter((s): s is Exclude<AvailabilityStatus, '未知'> => s !== '未知');
export type ReportableStatus = (typeof REPORTABLE_STATUSES)[number];

export const MIN_EXPIRY_HOURS = 1;
/** Largest bed (or place) count accepted: a typo guard, far above any hospice ward. */
export const MAX_COUNT = 9999;
/** The districts or streets a home-care service covers, in words. */
export const MAX_AREA_LENGTH = 100;

const HOUR_MS = 3_600_000;

/** What a staff member reports for one mode, checked (the time window is added when it is stored). */
export interface ReportInput {
  readonly status: ReportableStatus;
  readonly openBeds: number | null;
  readonly freeBeds: number | null;
  readonly waiting: WaitingBand | null;
  readonly accepts: Accepts | null;
  /** Only for 居家; null for the other modes. */
  readonly area: string | null;
  readonly note: string | null;
  /** 1–72; default 24. */
  readonly expiryHours: number;
}

/** The form's fields, in the order the console shows them (and the order messages are listed in). */
export const REPORT_FIELDS = ['status', 'openBeds', 'freeBeds', 'waiting', 'accepts', 'area', 'note', 'expiryHours'] as const;
export type ReportField = (typeof REPORT_FIELDS)[number];

/** The message keys (src/i18n/zh-CN.json) a report can be refused with. */
export const REPORT_MESSAGES = {
  statusRequired: 'availabilityForm.error.status',
  countInvalid: 'availabilityForm.error.count',
  freeAboveOpen: 'availabilityForm.error.freeAboveOpen',
  freeWhenAvailable: 'availabilityForm.error.freeWhenAvailable',
  freeWhenFull: 'availabilityForm.error.freeWhenFull',
  waiting: 'availabilityForm.error.waiting',
  accepts: 'availabilityForm.error.accepts',
  areaTooLong: 'availabilityForm.error.areaTooLong',
  noteTooLong: 'availabilityForm.error.noteTooLong',
  textInvalid: 'availabilityForm.error.text',
  expiryHours: 'availabilityForm.error.expiryHours',
} as const;
export type ReportMessageKey = (typeof REPORT_MESSAGES)[keyof typeof REPORT_MESSAGES];

/** One message per field: the first problem found. */
export type ReportErrors = Partial<Record<ReportField, ReportMessageKey>>;

export type ReportCheck = { readonly ok: true; readonly report: ReportInput } | { readonly ok: false; readonly errors: ReportErrors };

// eslint-disable-next-line no-control-regex -- matching control characters is this pattern's whole job
const CONTROL_CHARS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
// eslint-disable-next-line no-control-regex -- matching control characters is this pattern's whole job
const LINE_BREAKS = /[\u0000-\u001f\u007f]/;

/** Characters as people count them (and as both databases' length() does): code points, not UTF-16 units. */
export function textLength(text: string): number {
  return [...text].length;
}

/** A typed field: full-width digits made half-width, spaces trimmed; '' when absent. */
function cleaned(value: string | null | undefined): string {
  return (value ?? '').normalize('NFKC').trim();
}

/** '' → null; a whole number 0..MAX_COUNT → it; anything else → undefined (refused). */
function count(value: string): number | null | undefined {
  if (value === '') return null;
  if (!/^\d{1,6}$/.test(value)) return undefined;
  const n = Number(value);
  return n <= MAX_COUNT ? n : undefined;
}

/**
 * Checks a report as the console's form sends it (every field a string, or absent). `mode`
 * decides whether the area field applies (居家 only; ignored for the others).
 */
export function checkReport(mode: AvailabilityMode, get: (field: ReportField) => string | null | undefined): ReportCheck {
  const errors: ReportErrors = {};
  const statusText = cleaned(get('status'));
  const status = REPORTABLE_STATUSES.find((s) => s === statusText);
  if (status === undefined) errors.status = REPORT_MESSAGES.statusRequired;

  const openBeds = count(cleaned(get('openBeds')));
  if (openBeds === undefined) errors.openBeds = REPORT_MESSAGES.countInvalid;
  const freeBeds = count(cleaned(get('freeBeds')));
  if (freeBeds === undefined) errors.freeBeds = REPORT_MESSAGES.countInvalid;
  else if (freeBeds !== null && typeof openBeds === 'number' && freeBeds > openBeds) errors.freeBeds = REPORT_MESSAGES.freeAboveOpen;
  else if (freeBeds === 0 && status === '有空位') errors.freeBeds = REPORT_MESSAGES.freeWhenAvailable;
  else if (freeBeds !== null && freeBeds > 0 && status === '已满可登记等候') errors.freeBeds = REPORT_MESSAGES.freeWhenFull;

  const waitingText = cleaned(get('waiting'));
  const waiting = waitingText === '' ? null : WAITING_BANDS.find((w) => w === waitingText);
  if (waiting === undefined) errors.waiting = REPORT_MESSAGES.waiting;
  const acceptsText = cleaned(get('accepts'));
  const accepts = acceptsText === '' ? null : ACCEPTS.find((a) => a === acceptsText);
  if (accepts === undefined) errors.accepts = REPORT_MESSAGES.accepts;

  let area: string | null = null;
  if (mode === '居家') {
    const text = cleaned(get('area'));
    if (LINE_BREAKS.test(text)) errors.area = REPORT_MESSAGES.textInvalid;
    else if (textLength(text) > MAX_AREA_LENGTH) errors.area = REPORT_MESSAGES.areaTooLong;
    else area = text === '' ? null : text;
  }

  let note: string | null = null;
  const noteText = (get('note') ?? '').replace(/\r\n?/g, '\n').normalize('NFC').trim();
  if (CONTROL_CHARS.test(noteText)) errors.note = REPORT_MESSAGES.textInvalid;
  else if (textLength(noteText) > MAX_NOTE_LENGTH) errors.note = REPORT_MESSAGES.noteTooLong;
  else note = noteText === '' ? null : noteText;

  const hoursText = cleaned(get('expiryHours'));
  const expiryHours = hoursText === '' ? DEFAULT_EXPIRY_HOURS : /^\d{1,3}$/.test(hoursText) ? Number(hoursText) : Number.NaN;
  if (!(expiryHours >= MIN_EXPIRY_HOURS && expiryHours <= MAX_EXPIRY_HOURS)) errors.expiryHours = REPORT_MESSAGES.expiryHours;

  if (
    status === undefined ||
    openBeds === undefined ||
    freeBeds === undefined ||
    waiting === undefined ||
    accepts === undefined ||
    Object.keys(errors).length > 0
  )
    return { ok: false, errors };
  return { ok: true, report: { status, openBeds, freeBeds, waiting, accepts, area, note, expiryHours } };
}

/**
 * The time window of a report made at `now`: every status expires, 暂停接收 and
 * 已满可登记等候 included (they must be confirmed again within it, never left standing).
 */
export function reportWindow(now: Date, expiryHours: number): { reportedAt: string; expiresAt: string } {
  const hours = Math.min(MAX_EXPIRY_HOURS, Math.max(MIN_EXPIRY_HOURS, Math.round(expiryHours)));
  return { reportedAt: now.toISOString(), expiresAt: new Date(now.getTime() + hours * HOUR_MS).toISOString() };
}

/** The expiry a report was given, in whole hours (1–72): a "仍然如此" keeps it. */
export function expiryHoursOf(report: Pick<ModeReport, 'reportedAt' | 'expiresAt'>): number {
  const hours = Math.round((Date.parse(report.expiresAt) - Date.parse(report.reportedAt)) / HOUR_MS);
  return Number.isFinite(hours) ? Math.min(MAX_EXPIRY_HOURS, Math.max(MIN_EXPIRY_HOURS, hours)) : DEFAULT_EXPIRY_HOURS;
}

/**
 * Sample (invented) institutions take no reports. The registry's checks tie the id to the
 * flag both ways (validate.ts: a sample's id starts with sample-, and only a sample's
 * does), so the id alone says it, even where the registry hides samples (SHOW_SAMPLES=0).
 */
export function isSampleId(id: string): boolean {
  return id.startsWith('sample-');
}

/**
 * The modes a console screen and the public page show for an institution: the care modes
 * its listing offers, plus any it has reported on (a listing may drop a mode later); all
 * modes when the listing names none yet (服务方式待核实: the institution knows best). In
 * the registry's order.
 */
export function modesShown(listed: readonly AvailabilityMode[], reported: readonly AvailabilityMode[] = []): AvailabilityMode[] {
  const base = listed.length === 0 ? AVAILABILITY_MODES : listed;
  return AVAILABILITY_MODES.filter((m) => base.includes(m) || reported.includes(m));
}

export function isAvailabilityMode(value: unknown): value is AvailabilityMode {
  return typeof value === 'string' && (AVAILABILITY_MODES as readonly string[]).includes(value);
}

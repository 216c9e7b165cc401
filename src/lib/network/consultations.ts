/**
 * Consultation requests from families (issue #18): the vocabularies of the request form,
 * the status lifecycle each institution follows, and the response promise (contacted
 * within N working days). Pure: no database, no clock of its own ("now" is a parameter),
 * shared by the form, the family's status page and the console.
 *
 * One request goes to one to three institutions the family chose, or to every real
 * institution of its county that offers the care mode ("本区任何一家"); each institution
 * handles its copy on its own (a target), so each has its own status.
 */
import type { Need } from '../../schemas/consultation-form.ts';
import type { CareMode } from '../../schemas/vocabularies.ts';

export {
  AGE_BANDS,
  CALL_TIMES,
  ILLNESS_GROUPS,
  MAX_TARGETS,
  NAME_MAX,
  NEEDS,
  NOTE_MAX,
  RELATIONS,
  SETTINGS,
  STREET_MAX,
  type AgeBand,
  type CallTime,
  type IllnessGroup,
  type Need,
  type Relation,
  type Setting,
} from '../../schemas/consultation-form.ts';

/** The care mode a need asks of an institution; null when any institution may help (家属支持, 其他). */
export const NEED_MODE: Readonly<Record<Need, CareMode | null>> = {
  住院: '住院',
  居家上门: '居家',
  门诊: '门诊',
  家属支持: null,
  其他: null,
};

export const STATUSES = ['新申请', '已受理', '婉拒', '已联系', '已结束'] as const;
export type ConsultationStatus = (typeof STATUSES)[number];

export const DECLINE_REASONS = ['床位已满', '不在服务范围', '不符合收治条件', '其他'] as const;
export type DeclineReason = (typeof DECLINE_REASONS)[number];

export const OUTCOMES = ['已预约评估', '已入住', '已转介', '已答复', '多次未接通'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** When the institution will call, after accepting: a day and a part of it. */
export const CALL_PARTS = ['上午', '下午', '晚上'] as const;
export type CallPart = (typeof CALL_PARTS)[number];
/** How far ahead an accepted request may promise the call. */
export const MAX_CALL_DAYS = 14;

/** Statuses in which the institution still owes the family a call. */
export const OPEN_STATUSES: readonly ConsultationStatus[] = ['新申请', '已受理', '已联系'];
export const isOpen = (status: ConsultationStatus) => status !== '婉拒' && status !== '已结束';

/** What staff may do with a request in each status. */
export type Action = 'accept' | 'decline' | 'contacted' | 'close';
export const ACTIONS_BY_STATUS: Readonly<Record<ConsultationStatus, readonly Action[]>> = {
  新申请: ['accept', 'decline'],
  已受理: ['contacted', 'close', 'decline'],
  已联系: ['close'],
  婉拒: [],
  已结束: [],
};
export const ACTION_STATUS: Readonly<Record<Action, ConsultationStatus>> = {
  accept: '已受理',
  decline: '婉拒',
  contacted: '已联系',
  close: '已结束',
};

export function mayDo(status: ConsultationStatus, action: Action): boolean {
  return ACTIONS_BY_STATUS[status].includes(action);
}

export function isStatus(value: unknown): value is ConsultationStatus {
  return typeof value === 'string' && (STATUSES as readonly string[]).includes(value);
}

// ---------------------------------------------------------------------------------------
// The response promise: contacted within N working days (default one).
// ---------------------------------------------------------------------------------------

export const DEFAULT_RESPONSE_DAYS = 1;
export const MAX_RESPONSE_DAYS = 5;

const CHINA_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

/** China-time weekday (0 Sunday … 6 Saturday) of an instant. */
function chinaWeekday(ms: number): number {
  return new Date(ms + CHINA_OFFSET_MS).getUTCDay();
}

/** The instant of 09:00 China time on the day `ms` falls on. */
function chinaNineOClock(ms: number): number {
  const local = ms + CHINA_OFFSET_MS;
  return Math.floor(local / DAY_MS) * DAY_MS + 9 * 3_600_000 - CHINA_OFFSET_MS;
}

/**
 * When the promise falls due: `days` working days (Monday to Friday, China time) after the
 * request arrived. A request that arrives on a Saturday or Sunday counts from Monday 09:00.
 * Public holidays are not known to the site: staff see the time and judge.
 */
export function responseDue(createdAt: Date, days: number): Date {
  let at = createdAt.getTime();
  if (chinaWeekday(at) === 6 || chinaWeekday(at) === 0) {
    at = chinaNineOClock(at);
    while (chinaWeekday(at) === 6 || chinaWeekday(at) === 0) at += DAY_MS;
  }
  let left = Math.max(1, Math.min(MAX_RESPONSE_DAYS, Math.trunc(days)));
  while (left > 0) {
    at += DAY_MS;
    if (chinaWeekday(at) !== 6 && chinaWeekday(at) !== 0) left--;
  }
  return new Date(at);
}

/** An accepted request's call day ('YYYY-MM-DD') ends at midnight China time. */
export function endOfChinaDay(day: string): Date {
  return new Date(Date.parse(`${day}T00:00:00+08:00`) + DAY_MS);
}

/** The China-time calendar day of an instant, 'YYYY-MM-DD'. */
export function chinaDay(at: Date): string {
  return new Date(at.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/**
 * Whether an institution has let the family wait past its promise: a new request past its
 * due time, or an accepted one past the end of the day it said it would call (or its due
 * time, if later).
 */
export function isOverdue(
  target: { readonly status: ConsultationStatus; readonly dueAt: string; readonly callDay: string | null },
  now: Date,
): boolean {
  if (target.status === '新申请') return now.getTime() > Date.parse(target.dueAt);
  if (target.status === '已受理') {
    const due = Math.max(Date.parse(target.dueAt), target.callDay === null ? 0 : endOfChinaDay(target.callDay).getTime());
    return now.getTime() > due;
  }
  return false;
}

/** Checks the day an accepting institution promises to call: today up to MAX_CALL_DAYS ahead. */
export function validCallDay(day: string, now: Date): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(Date.parse(`${day}T00:00:00+08:00`))) return false;
  const today = chinaDay(now);
  const last = chinaDay(new Date(now.getTime() + MAX_CALL_DAYS * DAY_MS));
  return day >= today && day <= last;
}

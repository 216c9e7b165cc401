/**
 * Referrals between institutions (转介, issue #18): the vocabularies a referral is written
 * in and its status lifecycle, as pure rules (no database), shared by the console pages and
 * the storage (src/server/network/referrals.ts).
 *
 * The lifecycle follows FHIR Task (network-anchors.md 2.2, B3): requested → received (the
 * destination has opened it) → accepted (with a planned date) or rejected (with a reason)
 * → scheduled → in progress → completed, which the origin then acknowledges; on hold and
 * back; cancelled by the origin. Who may set each status follows Gravity's referral Task:
 * the responder (destination) accepts, rejects, schedules, starts, holds and completes; the
 * requester (origin) cancels and acknowledges.
 */
import { t } from '../../i18n/index.ts';
import type { CareMode } from '../../schemas/vocabularies.ts';
import { ownInstitutions, type StaffGrant } from './roles.ts';

// ---------------------------------------------------------------------------------------
// Where the patient is and where they go: the plans' chain 居家-社区-门诊-病床.
// ---------------------------------------------------------------------------------------

/**
 * Where the patient is cared for now (the origin's setting). 社区 stands for a community
 * health centre or township hospital looking after the patient, in its beds or at home.
 */
export const FROM_SETTINGS = ['病房', '社区', '门诊', '居家'] as const;
export type FromSetting = (typeof FROM_SETTINGS)[number];

/**
 * Where the patient is to go: a ward bed (住院), home hospice care (居家: 家庭病床 or 巡诊)
 * or an outpatient clinic. Each is one care mode of the availability board, which is what
 * the referrer sees before sending.
 */
export const TO_SETTINGS = ['病房', '居家', '门诊'] as const;
export type ToSetting = (typeof TO_SETTINGS)[number];

export const TO_MODE: Readonly<Record<ToSetting, CareMode>> = { 病房: '住院', 居家: '居家', 门诊: '门诊' };

/** A direction as stored and shown, e.g. 病房→居家. */
export type Direction = `${FromSetting}→${ToSetting}`;

/** Every direction: any setting to any other (a ward to another ward is a transfer, 病房→病房, and allowed). */
export const DIRECTIONS: readonly Direction[] = FROM_SETTINGS.flatMap((from) =>
  TO_SETTINGS.filter((to) => !(from === '居家' && to === '居家') && !(from === '门诊' && to === '门诊')).map(
    (to): Direction => `${from}→${to}`,
  ),
);

/** What each direction usually means, for the form's choices. */
export const DIRECTION_HINTS: Readonly<Partial<Record<Direction, string>>> = {
  '病房→居家': '出院回家，转居家安宁疗护',
  '病房→病房': '转到另一家医院或安宁疗护病房',
  '社区→病房': '症状加重，需要住院',
  '居家→病房': '在家症状加重，需要住院',
  '门诊→病房': '门诊病人需要住院',
  '病房→门诊': '出院后到门诊随访',
  '社区→居家': '由社区转为居家上门服务',
};

export function isDirection(value: unknown): value is Direction {
  return typeof value === 'string' && (DIRECTIONS as readonly string[]).includes(value);
}

/** The care mode a direction asks of the destination. */
export function modeOf(direction: Direction): CareMode {
  const to = direction.split('→')[1] as ToSetting;
  return TO_MODE[to];
}

/** Direction in words with spaces around the arrow, for reading aloud: 病房 → 居家. */
export const directionLabel = (direction: string): string => direction.replace('→', ' → ');

// ---------------------------------------------------------------------------------------
// Urgency and the minimal clinical summary (B3; the Glasgow and Metro North forms).
// ---------------------------------------------------------------------------------------

export const URGENCIES = ['当日', '48 小时内', '一周内', '两周内'] as const;
export type Urgency = (typeof URGENCIES)[number];

/** Broad diagnosis groups: what a receiving team needs to plan, nothing finer. */
export const DIAGNOSIS_GROUPS = ['恶性肿瘤', '心肺疾病终末期', '肾衰竭终末期', '神经系统疾病（含痴呆）', '其他'] as const;

/** Palliative phase (PCOC): 稳定 / 不稳定 / 恶化 / 临终. */
export const PHASES = ['稳定', '不稳定', '恶化', '临终'] as const;

/** Karnofsky performance status, 0–100 in steps of 10 (B3 names KPS; widely used in Chinese wards). */
export const KPS_SCORES = [100, 90, 80, 70, 60, 50, 40, 30, 20, 10, 0] as const;

/** Main symptoms scored 0–10 (a symptom left blank was not assessed). */
export const SYMPTOMS = ['疼痛', '呼吸困难', '恶心呕吐', '乏力', '食欲差', '便秘', '失眠', '焦虑或抑郁'] as const;
export type Symptom = (typeof SYMPTOMS)[number];

/** Who knows of the diagnosis. */
export const AWARENESS = ['知道', '部分知道', '不知道'] as const;

/** Whether the patient knows of the referral and agrees (B3, the Glasgow form): the family may consent for a patient not told. */
export const PATIENT_AGREEMENT = ['本人知道并同意转介', '本人未被告知，由家属同意'] as const;

/** Who gave consent to share the referral's information with the destination. */
export const CONSENT_BY = ['患者本人', '配偶', '子女', '其他近亲属', '法定代理人'] as const;

/** Age bands: enough to plan care, not enough to identify anyone. */
export const AGE_BANDS = ['未满 18 岁', '18–44 岁', '45–59 岁', '60–69 岁', '70–79 岁', '80–89 岁', '90 岁及以上'] as const;

/** Why a destination declines: coded, so the unmet-demand ledger can count them. */
export const REJECT_REASONS = ['床位已满', '不在服务范围', '不符合收治条件', '患者或家属不同意', '信息不全', '其他'] as const;
export type RejectReason = (typeof REJECT_REASONS)[number];

// ---------------------------------------------------------------------------------------
// Statuses and who may move a referral between them.
// ---------------------------------------------------------------------------------------

export const REFERRAL_STATUSES = [
  'requested',
  'received',
  'accepted',
  'rejected',
  'scheduled',
  'in-progress',
  'on-hold',
  'completed',
  'cancelled',
] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];

export const STATUS_LABELS: Readonly<Record<ReferralStatus, string>> = {
  requested: '已发出，待接收方查看',
  received: '接收方已查看',
  accepted: '已接受',
  rejected: '已婉拒',
  scheduled: '已安排',
  'in-progress': '正在进行',
  'on-hold': '暂缓',
  completed: '已完成',
  cancelled: '已撤回',
};

/** Still under way: counts for "one open referral per patient per direction". */
export const OPEN_STATUSES: readonly ReferralStatus[] = ['requested', 'received', 'accepted', 'scheduled', 'in-progress', 'on-hold'];
/** Ended: nothing more happens (a completed one may still await the origin's acknowledgement). */
export const CLOSED_STATUSES: readonly ReferralStatus[] = ['rejected', 'completed', 'cancelled'];

export function isReferralStatus(value: unknown): value is ReferralStatus {
  return typeof value === 'string' && (REFERRAL_STATUSES as readonly string[]).includes(value);
}

/** Which side of a referral a person acts for. */
export type Side = 'origin' | 'destination';

export const ACTIONS = ['receive', 'accept', 'reject', 'schedule', 'start', 'hold', 'resume', 'complete', 'cancel', 'acknowledge'] as const;
export type ReferralAction = (typeof ACTIONS)[number];

export function isReferralAction(value: unknown): value is ReferralAction {
  return typeof value === 'string' && (ACTIONS as readonly string[]).includes(value);
}

/** Who may take each action, and from which statuses. */
const RULES: Readonly<Record<ReferralAction, { readonly side: Side; readonly from: readonly ReferralStatus[] }>> = {
  receive: { side: 'destination', from: ['requested'] },
  accept: { side: 'destination', from: ['requested', 'received'] },
  reject: { side: 'destination', from: ['requested', 'received'] },
  schedule: { side: 'destination', from: ['accepted'] },
  start: { side: 'destination', from: ['accepted', 'scheduled'] },
  hold: { side: 'destination', from: ['received', 'accepted', 'scheduled'] },
  resume: { side: 'destination', from: ['on-hold'] },
  complete: { side: 'destination', from: ['in-progress'] },
  // A visit or transfer under way is not called off from afar: the destination ends it.
  cancel: { side: 'origin', from: ['requested', 'received', 'accepted', 'scheduled', 'on-hold'] },
  acknowledge: { side: 'origin', from: ['completed'] },
};

/** The parts of a referral the rules look at. */
export interface ReferralState {
  readonly status: ReferralStatus;
  /** For on-hold: the status it was held from (where resume returns). */
  readonly heldFrom: ReferralStatus | null;
  /** When the origin acknowledged completion; null until then. */
  readonly acknowledgedAt: string | null;
  /** The planned date (YYYY-MM-DD), set on accept and on schedule. */
  readonly plannedDate: string | null;
}

/** What an action brings with it: a date for accept and schedule, a reason for reject. */
export interface ActionInput {
  readonly plannedDate?: string | null | undefined;
  readonly rejectReason?: string | null | undefined;
  readonly rejectNote?: string | null | undefined;
}

/** What changes when an action is allowed. */
export interface Transition {
  readonly status: ReferralStatus;
  readonly heldFrom: ReferralStatus | null;
  readonly plannedDate: string | null;
  readonly rejectReason: RejectReason | null;
  /** Set for acknowledge. */
  readonly acknowledged: boolean;
}

export type TransitionResult = { readonly ok: true; readonly next: Transition } | { readonly ok: false; readonly message: string };

export const MAX_REJECT_NOTE = 300;

/** Today in China time, YYYY-MM-DD (dates people pick are China dates). */
export function chinaDate(now: Date): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** A YYYY-MM-DD date that exists, or undefined. */
export function validDate(text: string | null | undefined): string | undefined {
  const value = (text ?? '').trim();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return undefined;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value ? value : undefined;
}

/** The actions `side` may take on a referral in `state` (for the buttons the page shows). */
export function allowedActions(state: ReferralState, sides: readonly Side[]): ReferralAction[] {
  return ACTIONS.filter((action) => {
    const rule = RULES[action];
    if (!sides.includes(rule.side) || !rule.from.includes(state.status)) return false;
    return action !== 'acknowledge' || state.acknowledgedAt === null;
  });
}

/**
 * Whether `side` may take `action` on a referral in `state` at `now`, and what follows.
 * Refusals say why in Chinese, for the page to show.
 */
export function transition(
  state: ReferralState,
  action: ReferralAction,
  sides: readonly Side[],
  input: ActionInput,
  now: Date,
): TransitionResult {
  const rule = RULES[action];
  if (!sides.includes(rule.side))
    return { ok: false, message: t(rule.side === 'origin' ? 'referral.refused.originOnly' : 'referral.refused.destinationOnly') };
  if (!rule.from.includes(state.status) || (action === 'acknowledge' && state.acknowledgedAt !== null)) {
    return { ok: false, message: t('referral.refused.status', { status: STATUS_LABELS[state.status] }) };
  }
  const same = { heldFrom: null, plannedDate: state.plannedDate, rejectReason: null, acknowledged: false };
  switch (action) {
    case 'accept':
    case 'schedule': {
      const date = validDate(input.plannedDate);
      if (date === undefined) return { ok: false, message: t('referral.refused.date') };
      if (date < chinaDate(now)) return { ok: false, message: t('referral.refused.pastDate') };
      return { ok: true, next: { ...same, status: action === 'accept' ? 'accepted' : 'scheduled', plannedDate: date } };
    }
    case 'reject': {
      const reason = REJECT_REASONS.find((r) => r === (input.rejectReason ?? '').trim());
      if (reason === undefined) return { ok: false, message: t('referral.refused.reason') };
      const note = (input.rejectNote ?? '').trim();
      if (reason === '其他' && note === '') return { ok: false, message: t('referral.refused.reasonNote') };
      if ([...note].length > MAX_REJECT_NOTE) return { ok: false, message: t('referral.refused.noteLong', { max: MAX_REJECT_NOTE }) };
      return { ok: true, next: { ...same, status: 'rejected', rejectReason: reason } };
    }
    case 'hold':
      return { ok: true, next: { ...same, status: 'on-hold', heldFrom: state.status } };
    case 'resume':
      return { ok: true, next: { ...same, status: state.heldFrom ?? 'received' } };
    case 'acknowledge':
      return { ok: true, next: { ...same, status: 'completed', acknowledged: true } };
    case 'receive':
      return { ok: true, next: { ...same, status: 'received' } };
    case 'start':
      return { ok: true, next: { ...same, status: 'in-progress' } };
    case 'complete':
      return { ok: true, next: { ...same, status: 'completed' } };
    case 'cancel':
      return { ok: true, next: { ...same, status: 'cancelled' } };
  }
}

/** Whether a referral is finished: rejected, cancelled, or completed and acknowledged by the origin. */
export function isFinished(state: Pick<ReferralState, 'status' | 'acknowledgedAt'>): boolean {
  return state.status === 'rejected' || state.status === 'cancelled' || (state.status === 'completed' && state.acknowledgedAt !== null);
}

/** The status as people read it (a completed referral says whether the origin has acknowledged it). */
export function statusText(state: Pick<ReferralState, 'status' | 'acknowledgedAt'>): string {
  if (state.status === 'completed') return state.acknowledgedAt === null ? '已完成，待转出方确认' : '已完成，转出方已确认';
  return STATUS_LABELS[state.status];
}

/** The Monday (China time) of the week `at` falls in, YYYY-MM-DD: the ledger's week. */
export function chinaWeek(at: Date): string {
  const day = new Date(`${chinaDate(at)}T00:00:00Z`);
  const back = (day.getUTCDay() + 6) % 7;
  return new Date(day.getTime() - back * 86_400_000).toISOString().slice(0, 10);
}

/**
 * The sides a person acts for on a referral: the origin's staff and managers act for the
 * origin, the destination's for the destination. Nobody else sees a referral at all, not
 * even commission staff of the district: the record is about one patient's care, and the
 * commission's oversight needs only the counts (the unmet-demand ledger), so the least
 * access wins (《个人信息保护法》第六条). Empty: the person gets a 404.
 */
export function sidesFor(
  grants: readonly StaffGrant[],
  referral: { readonly fromInstitution: string; readonly toInstitution: string },
): Side[] {
  const own = ownInstitutions(grants);
  const sides: Side[] = [];
  if (own.includes(referral.fromInstitution)) sides.push('origin');
  if (own.includes(referral.toInstitution)) sides.push('destination');
  return sides;
}

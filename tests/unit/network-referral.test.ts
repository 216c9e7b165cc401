/**
 * The referral rules without a database: who may move a referral from which status to which
 * (FHIR Task, with Gravity's requester/responder split), what each move needs (a date to
 * accept or schedule, a coded reason to decline), who sees a referral at all, the directions
 * and their care modes, the new-referral form's checks, and the ledger's week.
 */
import { describe, expect, it } from 'vitest';
import {
  ACTIONS,
  DIRECTIONS,
  allowedActions,
  chinaWeek,
  isFinished,
  modeOf,
  sidesFor,
  statusText,
  transition,
  type ReferralAction,
  type ReferralState,
  type ReferralStatus,
  type Side,
} from '../../src/lib/network/referral.ts';
import { checkDraft, patientIdentity, symptomField } from '../../src/lib/network/referral-form.ts';

const NOW = new Date('2026-12-03T02:00:00Z'); // 10:00 in Beijing, a Thursday
const state = (status: ReferralStatus, extra: Partial<ReferralState> = {}): ReferralState => ({
  status,
  heldFrom: null,
  acknowledgedAt: null,
  plannedDate: null,
  ...extra,
});
const go = (s: ReferralState, action: ReferralAction, sides: Side[], input = {}) => transition(s, action, sides, input, NOW);

describe('the lifecycle', () => {
  it('runs requested → received → accepted → scheduled → in progress → completed → acknowledged, each step by its side', () => {
    let s = state('requested');
    const steps: [ReferralAction, Side, object, ReferralStatus][] = [
      ['receive', 'destination', {}, 'received'],
      ['accept', 'destination', { plannedDate: '2026-12-05' }, 'accepted'],
      ['schedule', 'destination', { plannedDate: '2026-12-06' }, 'scheduled'],
      ['start', 'destination', {}, 'in-progress'],
      ['complete', 'destination', {}, 'completed'],
    ];
    for (const [action, side, input, expected] of steps) {
      const r = go(s, action, [side], input);
      expect(r.ok ? r.next.status : r.message, action).toBe(expected);
      if (r.ok) s = { ...s, status: r.next.status, plannedDate: r.next.plannedDate };
    }
    expect(s.plannedDate).toBe('2026-12-06');
    expect(isFinished(s)).toBe(false);
    expect(statusText(s)).toBe('已完成，待转出方确认');
    expect(allowedActions(s, ['origin'])).toEqual(['acknowledge']);
    const ack = go(s, 'acknowledge', ['origin']);
    expect(ack.ok && ack.next.acknowledged).toBe(true);
    const done = { ...s, acknowledgedAt: NOW.toISOString() };
    expect(isFinished(done)).toBe(true);
    expect(allowedActions(done, ['origin', 'destination'])).toEqual([]);
    expect(go(done, 'acknowledge', ['origin'])).toMatchObject({ ok: false });
  });

  it('only the destination accepts, declines, schedules and completes; only the origin cancels and acknowledges, with a Chinese reason', () => {
    expect(go(state('received'), 'accept', ['origin'], { plannedDate: '2026-12-05' })).toEqual({
      ok: false,
      message: '只有接收机构可以这样做。',
    });
    expect(go(state('received'), 'reject', ['origin'], { rejectReason: '床位已满' })).toEqual({
      ok: false,
      message: '只有接收机构可以这样做。',
    });
    expect(go(state('received'), 'cancel', ['destination'])).toEqual({ ok: false, message: '只有转出机构可以这样做。' });
    expect(go(state('completed'), 'acknowledge', ['destination'])).toEqual({ ok: false, message: '只有转出机构可以这样做。' });
    expect(go(state('in-progress'), 'complete', ['origin'])).toMatchObject({ ok: false });
  });

  it('refuses a move the status does not allow, naming the status', () => {
    expect(go(state('rejected'), 'accept', ['destination'], { plannedDate: '2026-12-05' })).toEqual({
      ok: false,
      message: '这份转介现在是“已婉拒”，不能这样改。',
    });
    expect(go(state('requested'), 'complete', ['destination'])).toMatchObject({ ok: false });
    expect(go(state('cancelled'), 'cancel', ['origin'])).toMatchObject({ ok: false });
    // A visit or transfer under way is ended by the destination, not called off by the origin.
    expect(go(state('in-progress'), 'cancel', ['origin'])).toMatchObject({ ok: false });
    for (const status of ['requested', 'received', 'accepted', 'scheduled', 'on-hold'] as const)
      expect(go(state(status), 'cancel', ['origin']), status).toMatchObject({ ok: true, next: { status: 'cancelled' } });
  });

  it('needs a date, today or later, to accept or schedule', () => {
    expect(go(state('received'), 'accept', ['destination'])).toEqual({ ok: false, message: '请填写计划日期（年-月-日）。' });
    expect(go(state('received'), 'accept', ['destination'], { plannedDate: '2026-02-30' })).toMatchObject({ ok: false });
    expect(go(state('received'), 'accept', ['destination'], { plannedDate: '2026-12-02' })).toEqual({
      ok: false,
      message: '计划日期不能早于今天。',
    });
    expect(go(state('received'), 'accept', ['destination'], { plannedDate: '2026-12-03' })).toMatchObject({ ok: true });
  });

  it('needs a coded reason to decline, and a note when the reason is 其他', () => {
    expect(go(state('received'), 'reject', ['destination'])).toEqual({ ok: false, message: '婉拒时请选择一个原因。' });
    expect(go(state('received'), 'reject', ['destination'], { rejectReason: '没空' })).toMatchObject({ ok: false });
    expect(go(state('received'), 'reject', ['destination'], { rejectReason: '其他' })).toEqual({
      ok: false,
      message: '选择“其他”时，请写一句具体原因。',
    });
    expect(go(state('received'), 'reject', ['destination'], { rejectReason: '其他', rejectNote: '家属要求转回老家' })).toMatchObject({
      ok: true,
      next: { status: 'rejected', rejectReason: '其他' },
    });
    expect(go(state('requested'), 'reject', ['destination'], { rejectReason: '床位已满' })).toMatchObject({
      ok: true,
      next: { rejectReason: '床位已满' },
    });
  });

  it('holds and resumes to where it was', () => {
    const held = go(state('scheduled', { plannedDate: '2026-12-08' }), 'hold', ['destination']);
    expect(held).toMatchObject({ ok: true, next: { status: 'on-hold', heldFrom: 'scheduled', plannedDate: '2026-12-08' } });
    const back = go(state('on-hold', { heldFrom: 'scheduled' }), 'resume', ['destination']);
    expect(back).toMatchObject({ ok: true, next: { status: 'scheduled', heldFrom: null } });
  });

  it('offers each side only its own actions', () => {
    expect(allowedActions(state('requested'), ['origin'])).toEqual(['cancel']);
    expect(allowedActions(state('received'), ['destination'])).toEqual(['accept', 'reject', 'hold']);
    expect(ACTIONS.every((a) => typeof a === 'string')).toBe(true);
  });
});

describe('who sees a referral', () => {
  const referral = { fromInstitution: 'bj-pumch', toInstitution: 'bj-tsinghua-changgung' };
  it('the origin and destination institutions only; commission staff and a third institution see nothing', () => {
    expect(sidesFor([{ role: 'staff', institution: 'bj-pumch' }], referral)).toEqual(['origin']);
    expect(sidesFor([{ role: 'manager', institution: 'bj-tsinghua-changgung' }], referral)).toEqual(['destination']);
    expect(sidesFor([{ role: 'staff', institution: 'bj-haidian-hospital' }], referral)).toEqual([]);
    expect(sidesFor([{ role: 'commission', region: '110000' }], referral)).toEqual([]);
    expect(sidesFor([{ role: 'commission', region: '000000' }], referral)).toEqual([]);
  });
});

describe('directions', () => {
  it('follow the chain 居家-社区-门诊-病床 and ask the destination for one care mode', () => {
    expect(DIRECTIONS).toContain('病房→居家');
    expect(DIRECTIONS).toContain('社区→病房');
    expect(DIRECTIONS).not.toContain('居家→居家');
    expect(modeOf('病房→居家')).toBe('居家');
    expect(modeOf('社区→病房')).toBe('住院');
    expect(modeOf('病房→门诊')).toBe('门诊');
  });
});

describe('the ledger week', () => {
  it('is the Monday of the China week', () => {
    expect(chinaWeek(NOW)).toBe('2026-11-30');
    // Sunday 23:30 in Beijing is still the week before; Monday 00:30 is the new one.
    expect(chinaWeek(new Date('2026-12-06T15:30:00Z'))).toBe('2026-11-30');
    expect(chinaWeek(new Date('2026-12-06T16:30:00Z'))).toBe('2026-12-07');
  });
});

describe('the new-referral form', () => {
  const good: Record<string, string> = {
    direction: '病房→居家',
    urgency: '48 小时内',
    reason: '出院后希望在家，需要居家疼痛管理',
    patientName: ' 张 三 ',
    phone: '138 0013 8000',
    phoneOf: '家属',
    ageBand: '70–79 岁',
    county: '110114',
    street: '回龙观街道',
    diagnosisGroup: '恶性肿瘤',
    phase: '恶化',
    kps: '40',
    [symptomField(0)]: '６',
    [symptomField(1)]: '',
    allergies: '青霉素',
    patientAware: '部分知道',
    familyAware: '知道',
    patientAgrees: '本人未被告知，由家属同意',
    consentBy: '子女',
    consentDate: '2026-12-03',
    consent: 'yes',
    referrerContact: '王护士 010-12345678',
  };
  const check = (fields: Record<string, string>) =>
    checkDraft(
      (f) => fields[f] ?? null,
      (c) => c === '110114',
      NOW,
    );

  it('takes a complete form: scores read from full-width digits, blank symptoms left out, the phone as 11 digits', () => {
    const r = check(good);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.draft.patient).toEqual({
      name: '张 三',
      phone: '13800138000',
      phoneOf: '家属',
      ageBand: '70–79 岁',
      county: '110114',
      street: '回龙观街道',
    });
    expect(r.draft.clinical).toMatchObject({ kps: 40, symptoms: { 疼痛: 6 }, phase: '恶化', patientAgrees: '本人未被告知，由家属同意' });
    expect(patientIdentity(r.draft.patient)).toBe('张三\n13800138000');
  });

  it('refuses a form without consent, with a symptom above 10, a consent date in the future, an unknown county, each beside its field', () => {
    const r = check({ ...good, consent: '', [symptomField(2)]: '11', consentDate: '2026-12-04', county: '999999', phone: '12345' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual({
      consent: '要先取得患者或家属的同意，才能把这些信息发给接收机构。',
      symptoms: '“恶心呕吐”的评分请填 0 到 10 之间的整数，没有评估可以空着。',
      consentDate: '同意的日期不能晚于今天。',
      county: '请选择一项。',
      phone: '请填写 11 位手机号码。',
    });
  });

  it('refuses an unknown direction, urgency and KPS, and missing text', () => {
    const r = check({ ...good, direction: '病房→天上', urgency: '马上', kps: '45', reason: '', allergies: '' });
    expect(r.ok ? {} : Object.keys(r.errors).sort()).toEqual(['allergies', 'direction', 'kps', 'reason', 'urgency']);
  });
});

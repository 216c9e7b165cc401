/**
 * The pure rules of consultation requests (issue #18): the form's schema (only what is
 * needed; the illness group only with its own consent), the status lifecycle, the response
 * promise in working days (China time), the unmet-demand ledger's weeks and small counts,
 * and which webhook addresses are accepted and what a notice says.
 */
import { describe, expect, it } from 'vitest';
import { chinaDay, isOverdue, mayDo, responseDue, validCallDay, type ConsultationStatus } from '../../src/lib/network/consultations.ts';
import { aggregateLedger, cellLine, chinaWeekOf, ledgerSince, shownCount, type LedgerRow } from '../../src/lib/network/ledger.ts';
import { checkWebhookUrl, deliveredReply, maskWebhookUrl, noticeBody, noticeText, retryDelayMs } from '../../src/lib/network/webhook.ts';
import { consultationFormSchema, readConsultationRef, readLastFour } from '../../src/schemas/consultation-form.ts';
import { issuesToErrors } from '../../src/lib/forms/form-data.ts';

const schema = consultationFormSchema({ countyCodes: () => new Set(['110105', '330106']) });
const valid = {
  name: '王小梅',
  relation: '子女',
  phone: '138 0013 8000',
  callTime: '工作日上午',
  ageBand: '80–89岁',
  county: '110105',
  setting: '家',
  need: '居家上门',
  consent: 'yes',
};
const errorsOf = (input: Record<string, unknown>) => {
  const parsed = schema.safeParse(input);
  return parsed.success ? {} : issuesToErrors(parsed.error.issues);
};

describe('the consultation form', () => {
  it('takes the minimum: name, relation, phone, call time, age band, county, setting, need, consent', () => {
    const parsed = schema.parse(valid);
    expect(parsed).toMatchObject({ phone: '13800138000', to: [] });
    expect([parsed.street, parsed.note, parsed.illness]).toEqual([undefined, undefined, undefined]);
  });

  it('refuses anything else, e.g. an identity-card number', () => {
    expect(errorsOf({ ...valid, idCard: '110105194901010011' })).not.toEqual({});
  });

  it('asks for the illness group only with its separate consent, and never keeps it without', () => {
    expect(errorsOf({ ...valid, illness: '肿瘤' })).toEqual({ sensitiveConsent: 'forms.error.consult.sensitiveConsent.required' });
    expect(schema.parse({ ...valid, illness: '肿瘤', sensitiveConsent: 'yes' }).illness).toBe('肿瘤');
    // A consent without a group keeps nothing sensitive.
    expect(schema.parse({ ...valid, sensitiveConsent: 'yes' }).illness).toBeUndefined();
  });

  it('bounds the note at 300 characters and the chosen institutions at three', () => {
    expect(errorsOf({ ...valid, note: '字'.repeat(301) })).toEqual({ note: 'forms.error.consult.note.tooLong' });
    expect(schema.parse({ ...valid, note: '字'.repeat(300) }).note).toHaveLength(300);
    expect(errorsOf({ ...valid, to: ['a', 'b', 'c', 'd'] })).toEqual({ to: 'forms.error.consult.to.tooMany' });
    expect(schema.parse({ ...valid, to: 'bj-a' }).to).toEqual(['bj-a']);
  });

  it('says what is missing beside each field', () => {
    const errors = errorsOf({ consent: 'yes' });
    expect(Object.keys(errors).sort()).toEqual(['ageBand', 'callTime', 'county', 'name', 'need', 'phone', 'relation', 'setting'].sort());
    expect(errorsOf({ ...valid, county: '999999' })).toEqual({ county: 'forms.error.consult.county.invalid' });
  });

  it('reads the code and last four digits the way people type them back', () => {
    expect(readConsultationRef(' c-7k3m 9q2p ')).toBe('C-7K3M9Q2P');
    expect(readConsultationRef('V-7K3M9Q2P')).toBeUndefined();
    expect(readLastFour('８０００')).toBe('8000');
    expect(readLastFour('800')).toBeUndefined();
  });
});

describe('the status lifecycle', () => {
  it('goes 新申请 → 已受理 or 婉拒 → 已联系 → 已结束, and nothing leaves 婉拒 or 已结束', () => {
    expect(mayDo('新申请', 'accept')).toBe(true);
    expect(mayDo('新申请', 'decline')).toBe(true);
    expect(mayDo('新申请', 'contacted')).toBe(false);
    expect(mayDo('已受理', 'contacted')).toBe(true);
    expect(mayDo('已联系', 'close')).toBe(true);
    expect(mayDo('已联系', 'decline')).toBe(false);
    for (const s of ['婉拒', '已结束'] as ConsultationStatus[])
      for (const a of ['accept', 'decline', 'contacted', 'close'] as const) expect(mayDo(s, a)).toBe(false);
  });
});

describe('the response promise (working days, China time)', () => {
  // 2026-12-03 is a Thursday.
  it('is one working day later by default; Friday evening falls due Monday evening', () => {
    expect(responseDue(new Date('2026-12-03T02:00:00Z'), 1).toISOString()).toBe('2026-12-04T02:00:00.000Z');
    expect(responseDue(new Date('2026-12-04T10:00:00Z'), 1).toISOString()).toBe('2026-12-07T10:00:00.000Z');
    expect(responseDue(new Date('2026-12-03T02:00:00Z'), 3).toISOString()).toBe('2026-12-08T02:00:00.000Z');
  });

  it('counts a weekend request from Monday 09:00 China time', () => {
    // Saturday 2026-12-05 15:00 in China.
    expect(responseDue(new Date('2026-12-05T07:00:00Z'), 1).toISOString()).toBe('2026-12-08T01:00:00.000Z');
    // Friday 23:30 in China is Friday still, not the weekend.
    expect(responseDue(new Date('2026-12-04T15:30:00Z'), 1).toISOString()).toBe('2026-12-07T15:30:00.000Z');
  });

  it('flags a new request past its due time, and an accepted one past the end of its call day', () => {
    const due = '2026-12-04T02:00:00.000Z';
    expect(isOverdue({ status: '新申请', dueAt: due, callDay: null }, new Date('2026-12-04T01:59:00Z'))).toBe(false);
    expect(isOverdue({ status: '新申请', dueAt: due, callDay: null }, new Date('2026-12-04T02:01:00Z'))).toBe(true);
    expect(isOverdue({ status: '已受理', dueAt: due, callDay: '2026-12-05' }, new Date('2026-12-05T15:00:00Z'))).toBe(false);
    expect(isOverdue({ status: '已受理', dueAt: due, callDay: '2026-12-05' }, new Date('2026-12-05T16:01:00Z'))).toBe(true);
    expect(isOverdue({ status: '已联系', dueAt: due, callDay: null }, new Date('2027-01-01T00:00:00Z'))).toBe(false);
  });

  it('accepts a call day from today (China time) to two weeks ahead', () => {
    const now = new Date('2026-12-03T17:00:00Z'); // already 12-04 in China
    expect(chinaDay(now)).toBe('2026-12-04');
    expect(validCallDay('2026-12-03', now)).toBe(false);
    expect(validCallDay('2026-12-04', now)).toBe(true);
    expect(validCallDay('2026-12-18', now)).toBe(true);
    expect(validCallDay('2026-12-19', now)).toBe(false);
    expect(validCallDay('明天', now)).toBe(false);
  });
});

describe('the unmet-demand ledger', () => {
  it('names China-time weeks by their Monday', () => {
    expect(chinaWeekOf(new Date('2026-12-03T02:00:00Z'))).toBe('2026-11-30');
    // Sunday 23:30 in China still belongs to the week before; Monday 00:30 starts the next.
    expect(chinaWeekOf(new Date('2026-12-06T15:30:00Z'))).toBe('2026-11-30');
    expect(chinaWeekOf(new Date('2026-12-06T16:30:00Z'))).toBe('2026-12-07');
    expect(ledgerSince(new Date('2026-12-03T02:00:00Z'), 2)).toBe('2026-11-23');
  });

  it('adds up rows of every source by week, county, mode, reason and source', () => {
    const row = (over: Partial<LedgerRow>): LedgerRow => ({
      week: '2026-11-30',
      countyCode: '110105',
      mode: '住院',
      reason: '床位已满',
      source: 'consultation',
      ...over,
    });
    const rows = [
      ...Array.from({ length: 6 }, () => row({})),
      row({ reason: '不在服务范围' }),
      row({ source: 'referral' }),
      row({ week: '2026-11-23' }),
    ];
    const cells = aggregateLedger(rows);
    expect(cells.map((c) => [c.week, c.reason, c.source, c.count])).toEqual([
      ['2026-11-30', '不在服务范围', 'consultation', 1],
      ['2026-11-30', '床位已满', 'consultation', 6],
      ['2026-11-30', '床位已满', 'referral', 1],
      ['2026-11-23', '床位已满', 'consultation', 1],
    ]);
  });

  it('publishes counts under 5 as "<5"', () => {
    expect([1, 4, 5, 12].map(shownCount)).toEqual(['<5', '<5', 5, 12]);
    expect(
      cellLine({
        week: '2026-11-30',
        countyCode: '110105',
        countyName: '北京市朝阳区',
        mode: '住院',
        reason: '床位已满',
        source: 'consultation',
        count: '<5',
      }),
    ).toBe('2026-11-30 这一周 · 北京市朝阳区 · 住院 · 床位已满：<5 次');
  });
});

describe('group-robot webhooks', () => {
  it('accept only a vendor robot over https with its key', () => {
    expect(checkWebhookUrl('https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa')).toMatchObject({
      ok: true,
      vendor: 'wecom',
    });
    expect(checkWebhookUrl(' https://oapi.dingtalk.com/robot/send?access_token=abcdef0123456789 ')).toMatchObject({
      ok: true,
      vendor: 'dingtalk',
    });
    for (const bad of [
      'http://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abcdefgh12',
      'https://qyapi.weixin.qq.com.evil.example/cgi-bin/webhook/send?key=abcdefgh12',
      'https://evil.example/cgi-bin/webhook/send?key=abcdefgh12',
      'https://qyapi.weixin.qq.com:8443/cgi-bin/webhook/send?key=abcdefgh12',
      'https://user:pw@oapi.dingtalk.com/robot/send?access_token=abcdefgh12',
      'https://oapi.dingtalk.com/robot/other?access_token=abcdefgh12',
      'https://oapi.dingtalk.com/robot/send',
      '127.0.0.1',
    ])
      expect(checkWebhookUrl(bad).ok, bad).toBe(false);
  });

  it('keep only the key as the query (other parameters dropped) and show it masked', () => {
    const check = checkWebhookUrl('https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abcdefgh12&debug=1');
    expect(check).toEqual({ ok: true, vendor: 'wecom', url: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abcdefgh12' });
    expect(maskWebhookUrl('https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abcdefgh12')).toBe(
      'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abcd…',
    );
  });

  it('say only how many new items arrived', () => {
    expect(noticeText('consultation', 1)).toBe('有 1 条新的咨询申请，请登录查看');
    expect(JSON.parse(noticeBody('referral', 2))).toEqual({ msgtype: 'text', text: { content: '有 2 条新的转介，请登录查看' } });
  });

  it('count a delivery only on HTTP 2xx with errcode 0, and back off up to an hour', () => {
    expect(deliveredReply(200, { errcode: 0, errmsg: 'ok' })).toBe(true);
    expect(deliveredReply(200, { errcode: 93000 })).toBe(false);
    expect(deliveredReply(500, { errcode: 0 })).toBe(false);
    expect(deliveredReply(200, null)).toBe(false);
    expect([1, 2, 3, 7, 8].map((n) => retryDelayMs(n) / 60_000)).toEqual([1, 2, 4, 60, 60]);
  });
});

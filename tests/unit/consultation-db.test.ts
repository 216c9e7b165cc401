/**
 * Consultation requests in the database, on SQLite and on a real PostgreSQL: the personal
 * fields are sealed at rest (the SQLite file's bytes and PostgreSQL's raw columns hold no
 * name, phone, note or illness group); the family finds its request only with the code and
 * the right last four digits, and withdrawing deletes every row it held; each institution's
 * status moves only along the lifecycle, every change is audited, and a decline writes one
 * anonymous ledger row that outlives the request; the notice outbox sends one message per
 * institution with no personal data, retries with backoff, gives up after MAX_ATTEMPTS,
 * and two nodes never send the same notice twice; the daily purge removes closed requests.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { CLOSED_CONSULTATION_DAYS } from '../../src/lib/privacy.ts';
import { MAX_ATTEMPTS } from '../../src/lib/network/webhook.ts';
import { consultationFormSchema, type ConsultationForm } from '../../src/schemas/consultation-form.ts';
import { sealerFor } from '../../src/server/crypto/sealed.ts';
import type { Db } from '../../src/server/db/connect.ts';
import {
  changeStatus,
  consultationFor,
  findForFamily,
  inbox,
  insertConsultation,
  withdrawConsultation,
} from '../../src/server/network/consultations.ts';
import { saveSettings } from '../../src/server/network/institution-settings.ts';
import { consultationAttention } from '../../src/server/network/consultation-attention.ts';
import { regionOverview } from '../../src/server/network/consultation-console.ts';
import type { StaffPrincipal } from '../../src/lib/network/roles.ts';
import { ledgerCells } from '../../src/server/network/ledger.ts';
import { deliverDueNotices, noticeTroubles, queueNotice, type Send } from '../../src/server/network/notices.ts';
import { purgeExpired } from '../../src/server/submissions/purge.ts';
import { forEachEngine } from '../helpers/engines.ts';

const sealer = sealerFor(randomBytes(32));
const REAL = 'bj-tsinghua-changgung';
const OTHER = 'bj-haidian-hospital';
const T0 = new Date('2026-12-03T02:00:00.000Z'); // Thursday 10:00 in China
const DAY = 86_400_000;
const WEBHOOK = 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=test-key-0123456789';

const schema = consultationFormSchema({ countyCodes: () => new Set(['110114']) });
const form = (over: Record<string, unknown> = {}): ConsultationForm =>
  schema.parse({
    name: '秘密姓名甲',
    relation: '子女',
    phone: '13912345678',
    callTime: '工作日上午',
    ageBand: '80–89岁',
    county: '110114',
    street: '回龙观街道秘密',
    setting: '家',
    need: '住院',
    note: '秘密说明：夜里疼得睡不着',
    illness: '非肿瘤',
    sensitiveConsent: 'yes',
    consent: 'yes',
    to: [REAL],
    ...over,
  });

async function submit(db: Db, over: Record<string, unknown> = {}, institutions = [REAL], now = T0): Promise<string> {
  return insertConsultation(
    db,
    sealer,
    { form: form(over), institutions, scope: 'chosen', consentVersion: 'v-test', review: undefined },
    now,
  );
}

forEachEngine((engine, { openFresh }) => {
  it('seals name, phone, street, note and illness group: none is in the database in clear text', async () => {
    const db = await openFresh();
    const ref = await submit(db);
    const secrets = ['秘密姓名甲', '13912345678', '回龙观街道秘密', '夜里疼得睡不着', '非肿瘤'];
    if (engine === 'sqlite') {
      // The database file and its write-ahead log, as a copied data folder would hold them.
      const dir = path.dirname(db.label);
      const bytes = readdirSync(dir)
        .filter((f) => f.startsWith('submissions.db'))
        .map((f) => readFileSync(path.join(dir, f)))
        .reduce((all, b) => Buffer.concat([all, b]), Buffer.alloc(0));
      expect(bytes.includes(Buffer.from(ref))).toBe(true); // the file is the one written
      for (const secret of secrets) expect(bytes.includes(Buffer.from(secret)), secret).toBe(false);
    } else {
      const { rows } = await sql<Record<string, unknown>>`SELECT * FROM consultations`.execute(db.kysely);
      const text = JSON.stringify(rows);
      expect(text).toContain(ref);
      for (const secret of secrets) expect(text.includes(secret), secret).toBe(false);
      expect(String(rows[0]?.['illness_sealed'])).toMatch(/^v1\./);
    }
    // The institution opens them.
    const detail = await consultationFor(db, sealer, REAL, ref, T0);
    expect(detail).toMatchObject({ name: '秘密姓名甲', phone: '13912345678', illness: '非肿瘤', status: '新申请' });
    expect(detail?.dueAt).toBe('2026-12-04T02:00:00.000Z');
    // Another institution has no copy of it.
    expect(await consultationFor(db, sealer, OTHER, ref, T0)).toBeUndefined();
  });

  it('finds the request only with its code and the right last four digits; withdrawing deletes every row', async () => {
    const db = await openFresh();
    const ref = await submit(db, {}, [REAL, OTHER]);
    expect(await findForFamily(db, sealer, ref, '0000')).toBeUndefined();
    expect(await findForFamily(db, sealer, 'C-22222222', '5678')).toBeUndefined();
    const view = await findForFamily(db, sealer, ref, '5678');
    expect(view?.targets.map((x) => [x.institution, x.status])).toEqual([
      [REAL, '新申请'],
      [OTHER, '新申请'],
    ]);
    await withdrawConsultation(db, view!, T0);
    expect(await db.kysely.selectFrom('consultations').selectAll().execute()).toEqual([]);
    expect(await db.kysely.selectFrom('consultation_targets').selectAll().execute()).toEqual([]);
    const audit = await db.kysely.selectFrom('audit_log').select(['action', 'target_ref', 'detail']).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['consultation.created', 'consultation.withdrawn']);
    expect(JSON.stringify(audit)).not.toMatch(/秘密|1391234/);
  });

  it('moves along the lifecycle only, audits every change, and counts a decline in the ledger after the request is gone', async () => {
    const db = await openFresh();
    const ref = await submit(db, {}, [REAL, OTHER]);
    const later = new Date(T0.getTime() + 3_600_000);
    expect(await changeStatus(db, 'u1', REAL, '110114', ref, { action: 'contacted' }, later)).toBeUndefined();
    expect(await changeStatus(db, 'u1', REAL, '110114', ref, { action: 'accept', callDay: '2026-12-04', callPart: '上午' }, later)).toBe(
      '已受理',
    );
    expect(
      await changeStatus(db, 'u1', REAL, '110114', ref, { action: 'accept', callDay: '2026-12-04', callPart: '上午' }, later),
    ).toBeUndefined();
    expect(await changeStatus(db, 'u1', REAL, '110114', ref, { action: 'contacted' }, later)).toBe('已联系');
    expect(await changeStatus(db, 'u1', REAL, '110114', ref, { action: 'close', outcome: '已预约评估' }, later)).toBe('已结束');
    expect(await changeStatus(db, 'u2', OTHER, '110108', ref, { action: 'decline', reason: '床位已满' }, later)).toBe('婉拒');
    const view = await findForFamily(db, sealer, ref, '5678');
    expect(view?.targets.map((x) => [x.status, x.outcome ?? x.declineReason])).toEqual([
      ['已结束', '已预约评估'],
      ['婉拒', '床位已满'],
    ]);
    const rows = await inbox(db, REAL, later);
    expect(rows.map((r) => [r.ref, r.status])).toEqual([[ref, '已结束']]);
    const audit = await db.kysely
      .selectFrom('audit_log')
      .select(['action', 'detail'])
      .where('action', '=', 'consultation.status')
      .execute();
    expect(audit.map((a) => a.detail)).toEqual([
      `${REAL}: 新申请 → 已受理, call 2026-12-04 上午`,
      `${REAL}: 已受理 → 已联系`,
      `${REAL}: 已联系 → 已结束, outcome 已预约评估`,
      `${OTHER}: 新申请 → 婉拒, reason 床位已满`,
    ]);
    await withdrawConsultation(db, view!, later);
    const cells = await ledgerCells(db, later);
    expect(cells).toEqual([
      { week: '2026-11-30', countyCode: '110108', mode: '住院', reason: '床位已满', source: 'consultation', count: 1 },
    ]);
  });

  it('sends one notice per institution with no personal data, retries with backoff and shows a failure once given up', async () => {
    const db = await openFresh();
    expect(await saveSettings(db, sealer, 'm1', REAL, '110114', { responseDays: '2', webhook: WEBHOOK }, T0)).toBeUndefined();
    expect(await saveSettings(db, sealer, 'm1', REAL, '110114', { responseDays: '9', webhook: 'http://x' }, T0)).toEqual({
      responseDays: 'staffConsult.error.days',
      webhook: 'staffConsult.error.webhook',
    });
    const raw = await db.kysely.selectFrom('institution_settings').selectAll().executeTakeFirst();
    expect(raw?.webhook_sealed).not.toContain('test-key');
    const sent: { url: string; body: string }[] = [];
    let answer = { status: 200, body: { errcode: 0, errmsg: 'ok' } as unknown };
    const send: Send = (url, body) => {
      sent.push({ url, body });
      return Promise.resolve(answer);
    };
    for (let i = 0; i < 2; i++) await queueNotice(db, { institutionId: REAL, kind: 'consultation' }, T0);
    await queueNotice(db, { institutionId: OTHER, kind: 'consultation' }, T0);
    expect(await deliverDueNotices(db, sealer, T0, send)).toEqual({ sent: 2, failed: 0, skipped: 1 });
    expect(sent).toEqual([
      { url: WEBHOOK, body: JSON.stringify({ msgtype: 'text', text: { content: '有 2 条新的咨询申请，请登录查看' } }) },
    ]);
    // Nothing is sent twice.
    expect(await deliverDueNotices(db, sealer, T0, send)).toEqual({ sent: 0, failed: 0, skipped: 0 });

    answer = { status: 200, body: { errcode: 93000, errmsg: 'invalid webhook url' } };
    await queueNotice(db, { institutionId: REAL, kind: 'consultation' }, T0);
    let now = T0;
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      expect(await deliverDueNotices(db, sealer, now, send)).toMatchObject({ failed: 1 });
      // Not again before the backoff has passed.
      expect(await deliverDueNotices(db, sealer, new Date(now.getTime() + 30_000), send)).toMatchObject({ failed: 0 });
      now = new Date(now.getTime() + 61 * 60_000);
    }
    expect(await deliverDueNotices(db, sealer, now, send)).toEqual({ sent: 0, failed: 0, skipped: 0 });
    const troubles = await noticeTroubles(db, [REAL]);
    expect(troubles).toMatchObject([{ failed: true, attempts: MAX_ATTEMPTS, lastError: 'errcode 93000' }]);
    expect(sent.every((s) => !/秘密|1391234|C-/.test(s.body))).toBe(true);
  });

  it('lets two nodes deliver together without sending a notice twice', async () => {
    const db = await openFresh();
    await saveSettings(db, sealer, 'm1', REAL, '110114', { responseDays: '1', webhook: WEBHOOK }, T0);
    for (let i = 0; i < 5; i++) await queueNotice(db, { institutionId: REAL, kind: 'consultation' }, T0);
    const counted: number[] = [];
    const send: Send = (_url, body) => {
      counted.push(Number(/有 (\d+) 条/.exec(body)?.[1]));
      return new Promise((resolve) => setTimeout(() => resolve({ status: 200, body: { errcode: 0 } }), 20));
    };
    await Promise.all([deliverDueNotices(db, sealer, T0, send), deliverDueNotices(db, sealer, T0, send)]);
    expect(counted.reduce((a, b) => a + b, 0)).toBe(5);
  });

  it('purges a closed request after the stated period and keeps an open one', async () => {
    const db = await openFresh();
    const closed = await submit(db);
    await changeStatus(db, 'u1', REAL, '110114', closed, { action: 'decline', reason: '不在服务范围' }, T0);
    const open = await submit(db);
    const after = new Date(T0.getTime() + (CLOSED_CONSULTATION_DAYS + 1) * DAY);
    const result = await purgeExpired(db, 365, after);
    expect(result.consultations).toBe(1);
    const left = await db.kysely.selectFrom('consultations').select('ref').execute();
    expect(left.map((r) => r.ref)).toEqual([open]);
    expect(await db.kysely.selectFrom('consultation_targets').select('id').execute()).toHaveLength(1);
  });

  it('flags a request past its promise to the commission staff of its district, with counts only', async () => {
    const db = await openFresh();
    await submit(db);
    const accepted = await submit(db);
    await changeStatus(db, 'u1', REAL, '110114', accepted, { action: 'accept', callDay: '2026-12-07', callPart: '上午' }, T0);
    const principal = (grants: StaffPrincipal['grants']): StaffPrincipal => ({
      userId: 'c1',
      username: 'c1',
      displayName: '区卫健委',
      grants,
      twoFactorEnabled: true,
    });
    const changping = principal([{ role: 'commission', region: '110114' }]);
    const haidian = principal([{ role: 'commission', region: '110108' }]);
    const manager = principal([{ role: 'manager', institution: REAL }]);
    // Thursday 10:00 + one working day: Friday 10:00. Before it, nothing is overdue.
    const friday = new Date('2026-12-04T01:00:00Z');
    expect((await regionOverview(db, changping, friday)).map((x) => [x.info.id, x.counts.fresh, x.counts.overdue])).toEqual([[REAL, 1, 0]]);
    // Friday 11:00: the new one is overdue; the accepted one promised Monday.
    const later = new Date('2026-12-04T03:00:00Z');
    expect((await regionOverview(db, changping, later)).map((x) => [x.info.id, x.counts.overdue])).toEqual([[REAL, 1]]);
    expect(await regionOverview(db, haidian, later)).toEqual([]);
    const items = await consultationAttention(db, changping, later);
    expect(items.find((i) => i.label === '本地区超过答复时限的咨询申请')?.count).toBe(1);
    expect(JSON.stringify(items)).not.toMatch(/秘密|1391234|C-/);
    // Tuesday: the accepted one is past the day it promised too.
    const tuesday = new Date('2026-12-08T01:00:00Z');
    expect((await regionOverview(db, changping, tuesday))[0]?.counts.overdue).toBe(2);
    const own = await consultationAttention(db, manager, tuesday);
    expect(own.filter((i) => i.count > 0).map((i) => [i.label, i.count])).toEqual([
      ['新的咨询申请', 1],
      ['超过答复时限的咨询申请', 2],
    ]);
  });
});

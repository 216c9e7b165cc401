/**
 * Referrals in the database, on SQLite and on a real PostgreSQL: the patient, the clinical
 * summary and every free text are sealed in the rows (the raw columns hold none of it), one
 * open referral per patient per direction (also when several servers send at once), the
 * status moves the rules allow and nothing else, every opening of the clinical fields in the
 * audit log without personal data, rejected referrals for the unmet-demand ledger, and
 * closed referrals deleted after the retention period.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';
import { checkDraft, type ReferralDraft } from '../../src/lib/network/referral-form.ts';
import type { Db } from '../../src/server/db/connect.ts';
import { referralCryptoFor } from '../../src/server/network/referral-crypto.ts';
import {
  actOn,
  addComment,
  createReferrals,
  openDetails,
  purgeClosedReferrals,
  referralAttention,
  referralByRef,
  referralComments,
  rejectedReferralsForLedger,
} from '../../src/server/network/referrals.ts';
import { forEachEngine } from '../helpers/engines.ts';

const NOW = new Date('2026-12-03T02:00:00.000Z');
const DAY = 86_400_000;
const crypto = referralCryptoFor(randomBytes(32));
const ORIGIN = { institution: 'bj-pumch', county: '110101' };
const DEST = { institution: 'bj-tsinghua-changgung', county: '110114' };
const DEST2 = { institution: 'bj-beijing-geriatric', county: '110108' };
const actor = (userId: string, now = NOW) => ({ userId, now });

function draft(overrides: Record<string, string> = {}): ReferralDraft {
  const fields: Record<string, string> = {
    direction: '病房→居家',
    urgency: '48 小时内',
    reason: '出院后想回家，需要居家镇痛泵管理',
    patientName: '张秀英',
    phone: '13800138000',
    phoneOf: '家属',
    ageBand: '70–79 岁',
    county: '110114',
    street: '回龙观街道',
    diagnosisGroup: '恶性肿瘤',
    phase: '恶化',
    kps: '40',
    'symptom-0': '6',
    allergies: '青霉素过敏',
    patientAware: '部分知道',
    familyAware: '知道',
    patientAgrees: '本人知道并同意转介',
    consentBy: '子女',
    consentDate: '2026-12-02',
    consent: 'yes',
    referrerContact: '王护士 010-69156114',
    ...overrides,
  };
  const check = checkDraft(
    (f) => fields[f] ?? null,
    () => true,
    NOW,
  );
  if (!check.ok) throw new Error(JSON.stringify(check.errors));
  return check.draft;
}

async function send(db: Db, d = draft(), destinations = [DEST]) {
  const result = await createReferrals(
    db,
    crypto,
    ORIGIN,
    d,
    destinations,
    destinations.length > 1 ? DEST.county : null,
    actor('origin-user'),
  );
  if (!result.ok) throw new Error('duplicate');
  return result.refs;
}

forEachEngine((engine, { openFresh, freshDatabase }) => {
  it('seals the patient, the clinical summary, the reason, the contact, the decline note and comments: the raw rows hold none of it in clear', async () => {
    const fresh = await freshDatabase();
    const db = await fresh.open();
    const [ref = ''] = await send(db);
    const record = await referralByRef(db, ref);
    expect(record).toMatchObject({ status: 'requested', direction: '病房→居家', mode: '居家', urgency: '48 小时内', consentBy: '子女' });
    await addComment(db, crypto, record!, 'origin', '家属下午三点后方便接电话', actor('origin-user'));
    await actOn(
      db,
      crypto,
      ref,
      'reject',
      ['destination'],
      { rejectReason: '其他', rejectNote: '患者住址超出我院上门范围' },
      actor('dest-user'),
    );

    const raw = JSON.stringify([
      await db.kysely.selectFrom('referral_groups').selectAll().execute(),
      await db.kysely.selectFrom('referrals').selectAll().execute(),
      await db.kysely.selectFrom('referral_comments').selectAll().execute(),
      await db.kysely.selectFrom('referral_events').selectAll().execute(),
      await db.kysely.selectFrom('audit_log').selectAll().execute(),
    ]);
    for (const clear of [
      '张秀英',
      '13800138000',
      '回龙观',
      '恶性肿瘤',
      '青霉素',
      '镇痛泵',
      '王护士',
      '三点',
      '上门范围',
      '部分知道',
      '本人知道并同意',
    ])
      expect(raw, clear).not.toContain(clear);
    expect(raw).toContain('v1.');
    if (engine === 'sqlite') {
      // The database file itself (and its write-ahead log), as a copied file or backup would be read.
      const bytes = readdirSync(fresh.dataDir)
        .filter((f) => f.startsWith('submissions.db'))
        .map((f) => readFileSync(path.join(fresh.dataDir, f)));
      // The routing is in clear, so the search does look where the rows are.
      expect(bytes.some((b) => b.includes(Buffer.from('bj-tsinghua-changgung')))).toBe(true);
      for (const clear of ['张秀英', '13800138000', '恶性肿瘤', '青霉素', '镇痛泵'])
        expect(
          bytes.some((b) => b.includes(Buffer.from(clear))),
          clear,
        ).toBe(false);
    }

    const details = await openDetails(db, crypto, (await referralByRef(db, ref))!, ['destination'], actor('dest-user'));
    expect(details.patient).toMatchObject({ name: '张秀英', phone: '13800138000', street: '回龙观街道' });
    expect(details.clinical).toMatchObject({ diagnosisGroup: '恶性肿瘤', kps: 40, symptoms: { 疼痛: 6 }, allergies: '青霉素过敏' });
    expect(details.rejectNote).toBe('患者住址超出我院上门范围');
    expect((await referralComments(db, crypto, record!.id)).map((c) => c.body)).toEqual(['家属下午三点后方便接电话']);
    // Another key opens nothing.
    await expect(openDetails(db, referralCryptoFor(randomBytes(32)), record!, ['destination'], actor('x'))).rejects.toThrow(
      /另一把密钥|无法解密/,
    );
  });

  it('writes every opening of the clinical fields to the audit log, with the code and the side, never the patient', async () => {
    const db = await openFresh();
    const [ref = ''] = await send(db);
    const record = (await referralByRef(db, ref))!;
    await openDetails(db, crypto, record, ['destination'], actor('dest-user'));
    await openDetails(db, crypto, record, ['origin'], actor('origin-user'));
    const views = await db.kysely.selectFrom('audit_log').selectAll().where('action', '=', 'referral.viewed').orderBy('id').execute();
    expect(views.map((v) => [v.actor, v.target_ref, v.scope])).toEqual([
      ['dest-user', ref, '110114'],
      ['origin-user', ref, '110101'],
    ]);
    expect(JSON.stringify(views)).not.toMatch(/张秀英|13800138000|恶性肿瘤/);
  });

  it('keeps one open referral per patient per direction, from any institution, until it ends', async () => {
    const db = await openFresh();
    const [ref = ''] = await send(db);
    // The same patient (the name typed with a space), same direction, from elsewhere: refused.
    const again = await createReferrals(
      db,
      crypto,
      { institution: 'bj-haidian-hospital', county: '110108' },
      draft({ patientName: '张 秀英' }),
      [DEST2],
      null,
      actor('u2'),
    );
    expect(again).toEqual({ ok: false, reason: 'duplicate' });
    // Another direction, or another patient: fine.
    expect((await createReferrals(db, crypto, ORIGIN, draft({ direction: '病房→病房' }), [DEST2], null, actor('u'))).ok).toBe(true);
    expect((await createReferrals(db, crypto, ORIGIN, draft({ phone: '13900139000' }), [DEST], null, actor('u'))).ok).toBe(true);
    // Once it is cancelled, the patient can be referred in that direction again.
    expect(await actOn(db, crypto, ref, 'cancel', ['origin'], {}, actor('origin-user'))).toEqual({ ok: true, status: 'cancelled' });
    expect((await createReferrals(db, crypto, ORIGIN, draft(), [DEST], null, actor('u'))).ok).toBe(true);
  });

  it('a referral to a whole district is one per destination, and stays open while any of them is', async () => {
    const db = await openFresh();
    const refs = await send(db, draft(), [DEST, DEST2]);
    expect(refs).toHaveLength(2);
    await actOn(db, crypto, refs[0] ?? '', 'reject', ['destination'], { rejectReason: '床位已满' }, actor('d1'));
    expect((await createReferrals(db, crypto, ORIGIN, draft(), [DEST], null, actor('u'))).ok).toBe(false);
    await actOn(db, crypto, refs[1] ?? '', 'reject', ['destination'], { rejectReason: '不在服务范围' }, actor('d2'));
    expect((await createReferrals(db, crypto, ORIGIN, draft(), [DEST], null, actor('u'))).ok).toBe(true);
  });

  // PostgreSQL: two server nodes (pools) racing, decided by the unique key. SQLite is one
  // node (its single writer): concurrent sends on one handle, decided inside the transaction.
  // (Two SQLite handles in one process would block each other's event loop, node:sqlite being synchronous.)
  it(`lets exactly one of many simultaneous sends for the same patient through (${engine === 'postgres' ? 'two server nodes' : 'one node'})`, async () => {
    const fresh = await freshDatabase();
    const a = await fresh.open();
    const b = engine === 'postgres' ? await fresh.open() : a;
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        createReferrals(i % 2 === 0 ? a : b, crypto, ORIGIN, draft({ reason: `第 ${i} 次` }), [DEST], null, actor(`u${i}`)),
      ),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).every((r) => !r.ok && r.reason === 'duplicate')).toBe(true);
    const groups = await a.kysely.selectFrom('referral_groups').select('id').execute();
    expect(groups).toHaveLength(1);
  });

  it('moves a referral only as the rules allow, and two people pressing at once cannot both move it', async () => {
    const db = await openFresh();
    const [ref = ''] = await send(db);
    expect(await actOn(db, crypto, ref, 'accept', ['origin'], { plannedDate: '2026-12-04' }, actor('o'))).toEqual({
      ok: false,
      message: '只有接收机构可以这样做。',
    });
    expect(await actOn(db, crypto, ref, 'complete', ['destination'], {}, actor('d'))).toMatchObject({ ok: false });
    const both = await Promise.all([
      actOn(db, crypto, ref, 'accept', ['destination'], { plannedDate: '2026-12-04' }, actor('d1')),
      actOn(db, crypto, ref, 'reject', ['destination'], { rejectReason: '床位已满' }, actor('d2')),
    ]);
    expect(both.filter((r) => r.ok)).toHaveLength(1);
    const events = await db.kysely.selectFrom('referral_events').select(['action', 'status']).orderBy('id').execute();
    expect(events).toHaveLength(2);
    const statusAudits = await db.kysely.selectFrom('audit_log').select(['detail']).where('action', '=', 'referral.status').execute();
    expect(statusAudits).toHaveLength(1);
  });

  it('counts new incoming referrals and those waiting on each side for the console home', async () => {
    const db = await openFresh();
    const [one = '', two = ''] = await send(db, draft(), [DEST, DEST2]);
    expect(await referralAttention(db, [DEST.institution])).toEqual({ newIncoming: 1, waiting: 0 });
    await actOn(db, crypto, one, 'receive', ['destination'], {}, actor('d'));
    expect(await referralAttention(db, [DEST.institution])).toEqual({ newIncoming: 0, waiting: 1 });
    for (const [action, input] of [
      ['accept', { plannedDate: '2026-12-03' }],
      ['start', {}],
      ['complete', {}],
    ] as const)
      await actOn(db, crypto, one, action, ['destination'], input, actor('d'));
    expect(await referralAttention(db, [ORIGIN.institution])).toEqual({ newIncoming: 0, waiting: 1 });
    const twice = await Promise.all([
      actOn(db, crypto, one, 'acknowledge', ['origin'], {}, actor('o1')),
      actOn(db, crypto, one, 'acknowledge', ['origin'], {}, actor('o2')),
    ]);
    expect(twice.filter((r) => r.ok)).toHaveLength(1);
    expect(await referralAttention(db, [ORIGIN.institution])).toEqual({ newIncoming: 0, waiting: 0 });
    expect(await referralAttention(db, [DEST2.institution])).toEqual({ newIncoming: 1, waiting: 0 });
    expect(two).toMatch(/^Z-/);
  });

  it('lists rejected referrals for the unmet-demand ledger: week, destination county, mode, reason, nothing personal', async () => {
    const db = await openFresh();
    const [one = '', two = ''] = await send(db, draft(), [DEST, DEST2]);
    await actOn(db, crypto, one, 'reject', ['destination'], { rejectReason: '床位已满' }, actor('d', new Date('2026-12-06T15:30:00Z')));
    await actOn(
      db,
      crypto,
      two,
      'reject',
      ['destination'],
      { rejectReason: '其他', rejectNote: '家属改变主意' },
      actor('d', new Date('2026-12-07T01:00:00Z')),
    );
    expect(await rejectedReferralsForLedger(db, new Date('2026-12-01T00:00:00Z'))).toEqual([
      { week: '2026-11-30', countyCode: '110114', mode: '居家', reason: '床位已满', source: 'referral' },
      { week: '2026-12-07', countyCode: '110108', mode: '居家', reason: '其他', source: 'referral' },
    ]);
    expect(await rejectedReferralsForLedger(db, new Date('2026-12-07T00:00:00Z'))).toHaveLength(1);
  });

  it('deletes referrals that ended more than the retention period ago, with their history and comments, and keeps the rest', async () => {
    const db = await openFresh();
    const old = new Date(NOW.getTime() - 100 * DAY);
    await createReferrals(db, crypto, ORIGIN, draft(), [DEST], null, actor('o', old));
    const oldRef = (await db.kysely.selectFrom('referrals').select('ref').executeTakeFirstOrThrow()).ref;
    await addComment(db, crypto, (await referralByRef(db, oldRef))!, 'origin', '旧的留言', actor('o', old));
    await actOn(db, crypto, oldRef, 'cancel', ['origin'], {}, actor('o', old));
    const [recent = ''] = await send(db, draft({ phone: '13900139000' }));
    await actOn(db, crypto, recent, 'cancel', ['origin'], {}, actor('o', new Date(NOW.getTime() - 10 * DAY)));
    const [openOne = ''] = await send(db, draft({ phone: '13700137000' }));

    expect(await purgeClosedReferrals(db, 90, NOW)).toBe(1);
    expect(await referralByRef(db, oldRef)).toBeUndefined();
    expect((await referralByRef(db, recent))?.status).toBe('cancelled');
    expect((await referralByRef(db, openOne))?.status).toBe('requested');
    expect(await db.kysely.selectFrom('referral_comments').selectAll().execute()).toEqual([]);
    const purged = await db.kysely.selectFrom('audit_log').select('detail').where('action', '=', 'referral.purged').execute();
    expect(purged.map((p) => p.detail)).toEqual(['referrals 1, groups 1']);
  });

  it('npm run data:purge deletes them too, and its dry run only counts', async () => {
    const fresh = await freshDatabase();
    const db = await fresh.open();
    const ended = new Date(Date.now() - 120 * DAY);
    await createReferrals(db, crypto, ORIGIN, draft(), [DEST], null, actor('o', ended));
    const oldRef = (await db.kysely.selectFrom('referrals').select('ref').executeTakeFirstOrThrow()).ref;
    await actOn(db, crypto, oldRef, 'cancel', ['origin'], {}, actor('o', ended));
    const env: NodeJS.ProcessEnv = { ...process.env, ...fresh.env };
    if (fresh.databaseUrl === undefined) delete env['DATABASE_URL'];
    const purge = (args: string[]) =>
      promisify(execFile)(process.execPath, [path.join('scripts', 'data-purge.ts'), ...args], {
        cwd: path.resolve(import.meta.dirname, '../..'),
        env,
      });
    expect((await purge(['--dry-run'])).stdout).toContain('（演练）将删除结束超过 90 天的转介 1 份。');
    expect(await referralByRef(db, oldRef)).toBeDefined();
    expect((await purge([])).stdout).toContain('已删除结束超过 90 天的转介 1 份。');
    expect(await referralByRef(db, oldRef)).toBeUndefined();
  }, 30_000); // two script runs: each starts Node and opens the database
});

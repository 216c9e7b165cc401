/**
 * The form storage, on both engines: SQLite (the embedded default) and a real PostgreSQL
 * server (tests/helpers/engines.ts).
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { sql } from 'kysely';
import { beforeEach, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../src/server/db/connect.ts';
import { MIGRATIONS } from '../../src/server/db/migrate.ts';
import { dbPath } from '../../src/server/db/sqlite.ts';
import { WriteQueue } from '../../src/server/db/transaction.ts';
import { insertEnrolment } from '../../src/server/submissions/enrolments.ts';
import { allRefs, countRows, findRow, listRows, statusCounts } from '../../src/server/submissions/listing.ts';
import { purgeExpired } from '../../src/server/submissions/purge.ts';
import { insertReport } from '../../src/server/submissions/reports.ts';
import { sessionAvailability } from '../../src/server/submissions/seats.ts';
import { deleteSubmission, setStatus } from '../../src/server/submissions/staff-changes.ts';
import { insertVolunteer } from '../../src/server/submissions/volunteers.ts';
import { withdraw } from '../../src/server/submissions/withdraw.ts';
import type { EnrolmentForm } from '../../src/schemas/enrolment-form.ts';
import { ENGINES, freshDatabase, type FreshDatabase } from '../helpers/engines.ts';
import { volunteerForm } from '../helpers/submissions.ts';

const consent = (at = new Date('2026-11-22T02:00:00Z')) => ({ version: '2026-11-22.abcdef', at });

const volunteer = volunteerForm({ roles: ['companion', 'arts'], experience: '照护过外婆' });
const enrol = (people: number, name = '王奶奶', phone = '13900139000'): EnrolmentForm => ({
  course: 'c',
  session: 's',
  name,
  phone,
  people,
  consent: true,
});
const seats = (n: number) => () => n;
const STAFF = 'staff-user-1';

/** The audit entries about submissions, without their times and ids. */
async function auditOf(db: Db, action?: string) {
  let q = db.kysely.selectFrom('audit_log').select(['actor', 'action', 'target_kind', 'target_ref', 'detail']).orderBy('id');
  if (action !== undefined) q = q.where('action', '=', action);
  return (await q.execute()).map((r) => ({ ...r }));
}

describe.each(ENGINES)('form storage on %s', (engine) => {
  let fresh: FreshDatabase;
  let db: Db;
  beforeEach(async () => {
    // Removed when the test ends (tests/helpers/engines.ts).
    fresh = await freshDatabase(engine);
    db = await fresh.open();
  });

  describe('database', () => {
    it('applies every migration once: opening again applies nothing', async () => {
      const applied = await db.kysely
        .selectFrom('kysely_migration' as never)
        .select('name' as never)
        .execute();
      expect(applied.map((r) => (r as { name: string }).name)).toEqual(MIGRATIONS.map(([name]) => name));
      const again = await fresh.open();
      await again.close();
      expect(
        await db.kysely
          .selectFrom('kysely_migration' as never)
          .select('name' as never)
          .execute(),
      ).toHaveLength(MIGRATIONS.length);
    });

    it('refuses a database already upgraded by a newer program version', async () => {
      await sql`INSERT INTO kysely_migration (name, timestamp) VALUES ('9999-from-the-future', '2099-01-01T00:00:00.000Z')`.execute(
        db.kysely,
      );
      await expect(fresh.open()).rejects.toThrow(/较新的程序版本/);
    });

    if (engine === 'sqlite')
      it('runs SQLite in WAL mode with synchronous=FULL and a private file', () => {
        const raw = new DatabaseSync(dbPath(fresh.dataDir));
        try {
          expect(raw.prepare('PRAGMA journal_mode').get()).toEqual({ journal_mode: 'wal' });
          expect(statSync(dbPath(fresh.dataDir)).mode & 0o777).toBe(0o600);
        } finally {
          raw.close();
        }
      });

    it('stores a volunteer with its consent record, and it survives reopening', async () => {
      const { ref } = await insertVolunteer(db, volunteer, consent());
      expect(ref).toMatch(/^V-[2-9A-HJKMNP-Z]{8}$/);
      await db.close();
      db = await fresh.open();
      const row = await db.kysely.selectFrom('volunteers').selectAll().where('ref', '=', ref).executeTakeFirst();
      expect(row).toMatchObject({
        name: '林小雨',
        phone: '13800138000',
        status: '新登记',
        roles: '["companion","arts"]',
        consent_version: '2026-11-22.abcdef',
        consent_at: '2026-11-22T02:00:00.000Z',
      });
    });

    it('records consent on a report only when a contact is left', async () => {
      const a = await insertReport(
        db,
        { institution: undefined, page: '/x/', problem: '错了', contact: undefined, consent: false },
        consent(),
      );
      const b = await insertReport(
        db,
        { institution: undefined, page: '/x/', problem: '错了', contact: 'a@b.cn', consent: true },
        consent(),
      );
      const rows = (await listRows(db, 'reports')).rows;
      expect(rows.find((r) => r['ref'] === a.ref)).toMatchObject({ consent_version: null, consent_at: null });
      expect(rows.find((r) => r['ref'] === b.ref)).toMatchObject({ consent_version: '2026-11-22.abcdef' });
    });
  });

  describe('enrolment seats', () => {
    it('confirms while seats last, then waitlists in order, and says how many are left', async () => {
      const facts = { seats: 3, date: '2026-12-10' };
      const a = await insertEnrolment(db, enrol(2), facts, consent());
      expect(a).toMatchObject({ status: '已确认', remaining: 1, waitlistPosition: undefined });
      const b = await insertEnrolment(db, enrol(2), facts, consent());
      expect(b).toMatchObject({ status: '候补', waitlistPosition: 1, remaining: 1 });
      // A single person would fit, but someone is already waiting: no jumping the queue.
      const c = await insertEnrolment(db, enrol(1), facts, consent());
      expect(c).toMatchObject({ status: '候补', waitlistPosition: 2 });
      expect(await sessionAvailability(db, 'c', 's', 3)).toEqual({ seats: 3, taken: 2, remaining: 1, waitlist: 2 });
    });

    it('moves people up from the waitlist when a confirmed enrolment is cancelled or withdrawn', async () => {
      const facts = { seats: 2, date: '2026-12-10' };
      const a = await insertEnrolment(db, enrol(2), facts, consent());
      const b = await insertEnrolment(db, enrol(1), facts, consent());
      const c = await insertEnrolment(db, enrol(1), facts, consent());
      expect(await setStatus(db, STAFF, 'enrollments', a.ref, '已取消', seats(2))).toEqual({ found: true, promoted: [b.ref, c.ref] });
      const statuses: unknown = Object.fromEntries((await listRows(db, 'enrollments')).rows.map((r) => [r['ref'], r['status']]));
      expect(statuses).toEqual({ [a.ref]: '已取消', [b.ref]: '已确认', [c.ref]: '已确认' });
      const d = await insertEnrolment(db, enrol(1, '李爷爷', '13700137000'), facts, consent());
      expect(d.status).toBe('候补');
      // 王奶奶's three enrolments (one cancelled) all go; 李爷爷 moves up.
      expect(await withdraw(db, '13900139000', b.ref, seats(2))).toEqual({ volunteers: 0, enrollments: 3, reports: 0 });
      expect((await listRows(db, 'enrollments', { q: d.ref })).rows[0]?.['status']).toBe('已确认');
    });

    it('never gives more seats than there are, however many enrol', async () => {
      const facts = { seats: 10, date: '2026-12-10' };
      // All at once: on PostgreSQL these run in parallel transactions on the pool.
      const results = await Promise.all(Array.from({ length: 25 }, (_, i) => insertEnrolment(db, enrol(1 + (i % 3)), facts, consent())));
      const confirmed = results.filter((r) => r.status === '已确认');
      expect((await sessionAvailability(db, 'c', 's', 10)).taken).toBeLessThanOrEqual(10);
      expect(confirmed.length + results.filter((r) => r.status === '候补').length).toBe(25);
    });
  });

  describe('withdrawal, staff changes and purge', () => {
    it('deletes only when phone and code both match', async () => {
      const { ref } = await insertVolunteer(db, volunteer, consent());
      expect(await withdraw(db, '13900000000', ref, seats(1))).toBeUndefined();
      expect(await withdraw(db, '13800138000', 'V-AAAAAAAA', seats(1))).toBeUndefined();
      expect(await withdraw(db, '13800138000', ref, seats(1))).toEqual({ volunteers: 1, enrollments: 0, reports: 0 });
      expect(await countRows(db, 'volunteers')).toBe(0);
      // The action is logged without personal data.
      expect(await auditOf(db)).toEqual([
        { actor: 'public', action: 'submission.withdrawn', target_kind: 'volunteers', target_ref: ref, detail: null },
      ]);
    });

    it('deletes everything held under the phone, proved by any one code, and nothing of anyone else', async () => {
      const mine = await insertVolunteer(db, volunteer, consent());
      const again = await insertVolunteer(db, { ...volunteer, name: '林小雨（再次）' }, consent());
      const minor = await insertVolunteer(
        db,
        {
          ...volunteer,
          name: '林小妹',
          phone: '13600136000',
          ageGroup: '14-17',
          guardianName: '林小雨',
          guardianPhone: '13800138000',
          guardianConsent: true,
        },
        consent(),
      );
      const other = await insertVolunteer(db, { ...volunteer, phone: '13700137000' }, consent());
      const seat = await insertEnrolment(db, enrol(1, '林小雨', '13800138000'), { seats: 1, date: '2026-12-10' }, consent());
      const waiting = await insertEnrolment(db, enrol(1, '王奶奶', '13900139000'), { seats: 1, date: '2026-12-10' }, consent());
      const report = await insertReport(
        db,
        { institution: undefined, page: '/services/', problem: '电话不对', contact: '手机 138-0013-8000', consent: true },
        consent(),
      );
      const anonymous = await insertReport(
        db,
        { institution: undefined, page: '/services/', problem: '地址不对', contact: undefined, consent: false },
        consent(),
      );
      const foreign = await insertReport(
        db,
        { institution: undefined, page: '/', problem: 'x', contact: '13900139000', consent: true },
        consent(),
      );
      // An anonymous report is no proof of anything; a report proves its contact's number.
      expect(await withdraw(db, '13800138000', anonymous.ref, seats(1))).toBeUndefined();
      expect(await withdraw(db, '13800138000', report.ref, seats(1))).toEqual({ volunteers: 3, enrollments: 1, reports: 1 });
      expect(await allRefs(db, 'volunteers')).toEqual([other.ref]);
      expect((await allRefs(db, 'reports')).sort()).toEqual([anonymous.ref, foreign.ref].sort());
      expect((await listRows(db, 'enrollments')).rows.map((r) => [r['ref'], r['status']])).toEqual([[waiting.ref, '已确认']]);
      const logged = await auditOf(db, 'submission.withdrawn');
      expect(logged.map((l) => l.target_ref).sort()).toEqual([mine.ref, again.ref, minor.ref, seat.ref, report.ref].sort());
    });

    it('finds a report contact written with full-width spaces (Chinese input methods)', async () => {
      const report = await insertReport(
        db,
        { institution: undefined, page: '/', problem: 'x', contact: '电话\u3000138\u30000013\u30008000', consent: true },
        consent(),
      );
      expect(await withdraw(db, '13800138000', report.ref, seats(1))).toEqual({ volunteers: 0, enrollments: 0, reports: 1 });
    });

    it('keeps why a submission needs review', async () => {
      const { ref } = await insertVolunteer(db, volunteer, { ...consent(), review: 'fast' });
      expect((await listRows(db, 'volunteers', { q: ref })).rows[0]?.['review']).toBe('fast');
      const plain = await insertReport(
        db,
        { institution: undefined, page: '/', problem: 'x', contact: undefined, consent: false },
        consent(),
      );
      expect((await listRows(db, 'reports', { q: plain.ref })).rows[0]?.['review']).toBeNull();
    });

    it('changes status only to known values, and deletes', async () => {
      const { ref } = await insertVolunteer(db, volunteer, consent());
      await expect(setStatus(db, STAFF, 'volunteers', ref, '已毕业', seats(1))).rejects.toThrow(RangeError);
      expect((await setStatus(db, STAFF, 'volunteers', ref, '已联系', seats(1))).found).toBe(true);
      expect((await setStatus(db, STAFF, 'volunteers', 'V-AAAAAAAA', '已联系', seats(1))).found).toBe(false);
      expect((await listRows(db, 'volunteers', { status: '已联系' })).total).toBe(1);
      expect((await deleteSubmission(db, STAFF, 'volunteers', ref, seats(1))).found).toBe(true);
      expect((await deleteSubmission(db, STAFF, 'volunteers', ref, seats(1))).found).toBe(false);
    });

    it('searches names, phones and codes, with LIKE wildcards taken literally', async () => {
      const { ref } = await insertVolunteer(db, volunteer, consent());
      await insertVolunteer(db, { ...volunteer, name: '100%_志愿者', phone: '13700137000' }, consent());
      expect((await listRows(db, 'volunteers', { q: '小雨' })).total).toBe(1);
      expect((await listRows(db, 'volunteers', { q: '138001' })).total).toBe(1);
      expect((await listRows(db, 'volunteers', { q: ref.toLowerCase() })).rows[0]?.['ref']).toBe(ref);
      expect((await listRows(db, 'volunteers', { q: '%' })).total).toBe(1);
      expect((await listRows(db, 'volunteers', { q: '_' })).total).toBe(1);
      expect((await listRows(db, 'volunteers', { limit: 1 })).rows).toHaveLength(1);
    });

    it('purges what is past the retention period, counting enrolments from the session day', async () => {
      const old = new Date('2025-01-01T00:00:00Z');
      await insertVolunteer(db, volunteer, consent(old));
      const recent = await insertVolunteer(db, volunteer, consent(new Date('2026-11-01T00:00:00Z')));
      await insertEnrolment(db, enrol(1), { seats: 5, date: '2025-01-10' }, consent(old));
      const future = await insertEnrolment(db, enrol(1), { seats: 5, date: '2026-12-10' }, consent(old));
      const now = new Date('2026-11-22T00:00:00Z');
      const result = await purgeExpired(db, 365, now);
      expect(result).toMatchObject({ volunteers: 1, enrollments: 1, reports: 0 });
      expect(await allRefs(db, 'volunteers')).toEqual([recent.ref]);
      expect(await allRefs(db, 'enrollments')).toEqual([future.ref]);
    });
  });

  describe('staff scope', () => {
    it('lists, counts and finds only the rows within a staff scope', async () => {
      const mine = await insertVolunteer(db, { ...volunteer, institution: 'hz-a' }, consent());
      const countyOnly = await insertVolunteer(db, { ...volunteer, county: '330105' }, consent());
      const elsewhere = await insertVolunteer(db, { ...volunteer, county: '110105', institution: 'bj-d' }, consent());
      const report = await insertReport(
        db,
        { institution: 'hz-a', page: undefined, problem: '电话错了', contact: undefined, consent: false },
        consent(),
      );
      const pageReport = await insertReport(
        db,
        { institution: undefined, page: '/', problem: '错字', contact: undefined, consent: false },
        consent(),
      );
      const seat = await insertEnrolment(db, enrol(1), { seats: 5, date: '2026-12-10' }, consent());
      const institution = { all: false, institutions: ['hz-a'], countyPrefixes: [], sessions: [] } as const;
      const city = { all: false, institutions: ['hz-a'], countyPrefixes: ['3301'], sessions: [{ course: 'c', session: 's' }] } as const;
      expect((await listRows(db, 'volunteers', {}, institution)).rows.map((r) => r['ref'])).toEqual([mine.ref]);
      expect((await listRows(db, 'volunteers', {}, city)).rows.map((r) => r['ref']).sort()).toEqual([mine.ref, countyOnly.ref].sort());
      expect((await listRows(db, 'reports', {}, city)).rows.map((r) => r['ref'])).toEqual([report.ref]);
      expect((await listRows(db, 'enrollments', {}, institution)).total).toBe(0);
      expect((await listRows(db, 'enrollments', {}, city)).total).toBe(1);
      expect(await findRow(db, 'volunteers', elsewhere.ref, city)).toBeUndefined();
      expect(await findRow(db, 'reports', pageReport.ref, city)).toBeUndefined();
      expect((await findRow(db, 'reports', pageReport.ref, { all: true }))?.['ref']).toBe(pageReport.ref);
      expect((await findRow(db, 'enrollments', seat.ref, city))?.['people']).toBe(1);
      expect(await statusCounts(db, 'volunteers', city)).toEqual({ byStatus: { 新登记: 2 }, review: 0 });
    });
  });

  describe('group commit', () => {
    it('commits submissions that arrive together in one transaction, isolating a failing one', async () => {
      const queue = new WriteQueue(db);
      const ok = Array.from({ length: 20 }, () => queue.run((tx) => insertVolunteer(tx, volunteer, consent())));
      // Settled at once: on PostgreSQL each job is its own transaction and may fail before the others are awaited.
      const bad = queue
        .run(async (tx) => {
          await insertVolunteer(tx, volunteer, consent());
          throw new Error('boom');
        })
        .then(
          () => 'stored',
          (error: unknown) => (error instanceof Error ? error.message : String(error)),
        );
      const refs = await Promise.all(ok);
      expect(await bad).toBe('boom');
      expect(await countRows(db, 'volunteers')).toBe(20);
      expect(new Set(refs.map((r) => r.ref)).size).toBe(20);
    });
  });
});

describe('a database from the release before the data layer', () => {
  it('upgrades in place with nothing lost: submissions, statuses, review flags and the staff log', async () => {
    const fixture = path.join(import.meta.dirname, '../fixtures/legacy-db');
    const dataDir = mkdtempSync(path.join(tmpdir(), 'anning-legacy-'));
    try {
      copyFileSync(path.join(fixture, 'submissions.db'), dbPath(dataDir));
      const refs = JSON.parse(readFileSync(path.join(fixture, 'refs.json'), 'utf8')) as Record<
        'volunteers' | 'enrollments' | 'reports',
        string[]
      >;
      const db = await openDb({ dataDir });
      try {
        expect((await allRefs(db, 'volunteers')).sort()).toEqual([...refs.volunteers].sort());
        expect((await allRefs(db, 'enrollments')).sort()).toEqual([...refs.enrollments].sort());
        expect(await allRefs(db, 'reports')).toEqual(refs.reports);
        const [first, second] = refs.volunteers;
        const volunteers = await db.kysely.selectFrom('volunteers').selectAll().orderBy('id').execute();
        expect(volunteers.map((v) => [v.ref, v.status, v.review, v.guardian_consent])).toEqual([
          [first, '已联系', null, 0],
          [second, '新登记', 'fast', 1],
        ]);
        // Two seats of 2+2 out of 4, the third group waiting: the seat counts still hold.
        expect(await sessionAvailability(db, 'c', 's', 4)).toEqual({ seats: 4, taken: 4, remaining: 0, waitlist: 1 });
        // The old staff log lives on in the audit log, and new changes land there too.
        expect(await auditOf(db)).toEqual([
          { actor: 'admin-token', action: 'status', target_kind: 'volunteers', target_ref: first, detail: '已联系' },
        ]);
        await setStatus(db, STAFF, 'volunteers', second ?? '', '已联系', seats(4));
        expect(await auditOf(db, 'submission.status')).toHaveLength(1);
        const { rows } = await sql<{ user_version: number }>`PRAGMA user_version`.execute(db.kysely);
        expect(rows[0]?.user_version).toBe(0);
      } finally {
        await db.close();
      }
      // And opening it again changes nothing.
      const again = await openDb({ dataDir });
      expect(await countRows(again, 'volunteers')).toBe(2);
      await again.close();
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

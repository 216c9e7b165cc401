import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dbPath, migrate, openDatabase } from '../../src/server/db.ts';
import { MIGRATIONS } from '../../src/server/migrations.ts';
import {
  allRefs,
  countRows,
  deleteSubmission,
  insertEnrolment,
  insertReport,
  insertVolunteer,
  listRows,
  purgeExpired,
  sessionAvailability,
  setStatus,
  withdraw,
} from '../../src/server/submissions.ts';
import type { VolunteerForm } from '../../src/schemas/volunteer-form.ts';
import type { EnrolmentForm } from '../../src/schemas/enrolment-form.ts';

let dir: string;
let db: DatabaseSync;
const consent = (at = new Date('2026-11-22T02:00:00Z')) => ({ version: '2026-11-22.abcdef', at });

const volunteer: VolunteerForm = {
  name: '林小雨',
  phone: '13800138000',
  email: undefined,
  county: '330106',
  ageGroup: '18+',
  guardianName: undefined,
  guardianPhone: undefined,
  guardianConsent: false,
  availability: ['weekend'],
  roles: ['companion', 'arts'],
  institution: undefined,
  experience: '照护过外婆',
  consent: true,
};
const enrol = (people: number, name = '王奶奶', phone = '13900139000'): EnrolmentForm => ({
  course: 'c',
  session: 's',
  name,
  phone,
  people,
  consent: true,
});
const seats = (n: number) => () => n;

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'forms-db-'));
  db = openDatabase(dir);
});
afterEach(() => {
  if (db.isOpen) db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('database', () => {
  it('applies every migration once and records the version in user_version', () => {
    expect((db.prepare('PRAGMA user_version').get() as { user_version: number }).user_version).toBe(MIGRATIONS.length);
    expect(migrate(db)).toBe(MIGRATIONS.length);
  });

  it('runs in WAL mode with synchronous=FULL and a private file', () => {
    expect(db.prepare('PRAGMA journal_mode').get()).toEqual({ journal_mode: 'wal' });
    expect(db.prepare('PRAGMA synchronous').get()).toEqual({ synchronous: 2 });
    expect(statSync(dbPath(dir)).mode & 0o777).toBe(0o600);
  });

  it('refuses a database from a newer program version', () => {
    db.exec(`PRAGMA user_version = ${MIGRATIONS.length + 1}`);
    expect(() => migrate(db)).toThrow(/比程序认识的/);
  });

  it('stores a volunteer with its consent record, and it survives reopening', () => {
    const { ref } = insertVolunteer(db, volunteer, consent());
    expect(ref).toMatch(/^V-[2-9A-HJKMNP-Z]{8}$/);
    db.close();
    db = openDatabase(dir);
    const row = db.prepare('SELECT * FROM volunteers WHERE ref = ?').get(ref) as Record<string, unknown>;
    expect(row).toMatchObject({
      name: '林小雨',
      phone: '13800138000',
      status: '新登记',
      roles: '["companion","arts"]',
      consent_version: '2026-11-22.abcdef',
      consent_at: '2026-11-22T02:00:00.000Z',
    });
  });

  it('records consent on a report only when a contact is left', () => {
    const a = insertReport(db, { institution: undefined, page: '/x/', problem: '错了', contact: undefined, consent: false }, consent());
    const b = insertReport(db, { institution: undefined, page: '/x/', problem: '错了', contact: 'a@b.cn', consent: true }, consent());
    const rows = listRows(db, 'reports').rows;
    expect(rows.find((r) => r['ref'] === a.ref)).toMatchObject({ consent_version: null, consent_at: null });
    expect(rows.find((r) => r['ref'] === b.ref)).toMatchObject({ consent_version: '2026-11-22.abcdef' });
  });
});

describe('enrolment seats', () => {
  it('confirms while seats last, then waitlists in order, and says how many are left', () => {
    const facts = { seats: 3, date: '2026-12-10' };
    const a = insertEnrolment(db, enrol(2), facts, consent());
    expect(a).toMatchObject({ status: '已确认', remaining: 1, waitlistPosition: undefined });
    const b = insertEnrolment(db, enrol(2), facts, consent());
    expect(b).toMatchObject({ status: '候补', waitlistPosition: 1, remaining: 1 });
    // A single person would fit, but someone is already waiting: no jumping the queue.
    const c = insertEnrolment(db, enrol(1), facts, consent());
    expect(c).toMatchObject({ status: '候补', waitlistPosition: 2 });
    expect(sessionAvailability(db, 'c', 's', 3)).toEqual({ seats: 3, taken: 2, remaining: 1, waitlist: 2 });
  });

  it('moves people up from the waitlist when a confirmed enrolment is cancelled or withdrawn', () => {
    const facts = { seats: 2, date: '2026-12-10' };
    const a = insertEnrolment(db, enrol(2), facts, consent());
    const b = insertEnrolment(db, enrol(1), facts, consent());
    const c = insertEnrolment(db, enrol(1), facts, consent());
    expect(setStatus(db, 'enrollments', a.ref, '已取消', seats(2))).toEqual({ found: true, promoted: [b.ref, c.ref] });
    const statuses: unknown = Object.fromEntries(listRows(db, 'enrollments').rows.map((r) => [r['ref'], r['status']]));
    expect(statuses).toEqual({ [a.ref]: '已取消', [b.ref]: '已确认', [c.ref]: '已确认' });
    const d = insertEnrolment(db, enrol(1, '李爷爷', '13700137000'), facts, consent());
    expect(d.status).toBe('候补');
    // 王奶奶's three enrolments (one cancelled) all go; 李爷爷 moves up.
    expect(withdraw(db, '13900139000', b.ref, seats(2))).toEqual({ volunteers: 0, enrollments: 3, reports: 0 });
    expect(listRows(db, 'enrollments', { q: d.ref }).rows[0]?.['status']).toBe('已确认');
  });

  it('never gives more seats than there are, however many enrol', () => {
    const facts = { seats: 10, date: '2026-12-10' };
    const results = Array.from({ length: 25 }, (_, i) => insertEnrolment(db, enrol(1 + (i % 3)), facts, consent()));
    const confirmed = results.filter((r) => r.status === '已确认');
    expect(sessionAvailability(db, 'c', 's', 10).taken).toBeLessThanOrEqual(10);
    expect(confirmed.length + results.filter((r) => r.status === '候补').length).toBe(25);
  });
});

describe('withdrawal, staff changes and purge', () => {
  it('deletes only when phone and code both match', () => {
    const { ref } = insertVolunteer(db, volunteer, consent());
    expect(withdraw(db, '13900000000', ref, seats(1))).toBeUndefined();
    expect(withdraw(db, '13800138000', 'V-AAAAAAAA', seats(1))).toBeUndefined();
    expect(withdraw(db, '13800138000', ref, seats(1))).toEqual({ volunteers: 1, enrollments: 0, reports: 0 });
    expect(countRows(db, 'volunteers')).toBe(0);
    // The action is logged without personal data.
    expect(db.prepare('SELECT action, kind, ref, detail FROM admin_log').all()).toEqual([
      { action: 'withdrawn', kind: 'volunteers', ref, detail: null },
    ]);
  });

  it('deletes everything held under the phone, proved by any one code, and nothing of anyone else', () => {
    const mine = insertVolunteer(db, volunteer, consent());
    const again = insertVolunteer(db, { ...volunteer, name: '林小雨（再次）' }, consent());
    const minor = insertVolunteer(
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
    const other = insertVolunteer(db, { ...volunteer, phone: '13700137000' }, consent());
    const seat = insertEnrolment(db, enrol(1, '林小雨', '13800138000'), { seats: 1, date: '2026-12-10' }, consent());
    const waiting = insertEnrolment(db, enrol(1, '王奶奶', '13900139000'), { seats: 1, date: '2026-12-10' }, consent());
    const report = insertReport(
      db,
      { institution: undefined, page: '/services/', problem: '电话不对', contact: '手机 138-0013-8000', consent: true },
      consent(),
    );
    const anonymous = insertReport(
      db,
      { institution: undefined, page: '/services/', problem: '地址不对', contact: undefined, consent: false },
      consent(),
    );
    const foreign = insertReport(db, { institution: undefined, page: '/', problem: 'x', contact: '13900139000', consent: true }, consent());
    // An anonymous report is no proof of anything; a report proves its contact's number.
    expect(withdraw(db, '13800138000', anonymous.ref, seats(1))).toBeUndefined();
    expect(withdraw(db, '13800138000', report.ref, seats(1))).toEqual({ volunteers: 3, enrollments: 1, reports: 1 });
    expect(allRefs(db, 'volunteers')).toEqual([other.ref]);
    expect(allRefs(db, 'reports').sort()).toEqual([anonymous.ref, foreign.ref].sort());
    expect(listRows(db, 'enrollments').rows.map((r) => [r['ref'], r['status']])).toEqual([[waiting.ref, '已确认']]);
    const logged = db.prepare('SELECT kind, ref FROM admin_log WHERE action = ?').all('withdrawn') as { kind: string; ref: string }[];
    expect(logged.map((l) => l.ref).sort()).toEqual([mine.ref, again.ref, minor.ref, seat.ref, report.ref].sort());
  });

  it('keeps why a submission needs review', () => {
    const { ref } = insertVolunteer(db, volunteer, { ...consent(), review: 'fast' });
    expect(listRows(db, 'volunteers', { q: ref }).rows[0]?.['review']).toBe('fast');
    const plain = insertReport(db, { institution: undefined, page: '/', problem: 'x', contact: undefined, consent: false }, consent());
    expect(listRows(db, 'reports', { q: plain.ref }).rows[0]?.['review']).toBeNull();
  });

  it('changes status only to known values, and deletes', () => {
    const { ref } = insertVolunteer(db, volunteer, consent());
    expect(() => setStatus(db, 'volunteers', ref, '已毕业', seats(1))).toThrow(RangeError);
    expect(setStatus(db, 'volunteers', ref, '已联系', seats(1)).found).toBe(true);
    expect(setStatus(db, 'volunteers', 'V-AAAAAAAA', '已联系', seats(1)).found).toBe(false);
    expect(listRows(db, 'volunteers', { status: '已联系' }).total).toBe(1);
    expect(deleteSubmission(db, 'volunteers', ref, seats(1)).found).toBe(true);
    expect(deleteSubmission(db, 'volunteers', ref, seats(1)).found).toBe(false);
  });

  it('searches names, phones and codes, with LIKE wildcards taken literally', () => {
    const { ref } = insertVolunteer(db, volunteer, consent());
    insertVolunteer(db, { ...volunteer, name: '100%_志愿者', phone: '13700137000' }, consent());
    expect(listRows(db, 'volunteers', { q: '小雨' }).total).toBe(1);
    expect(listRows(db, 'volunteers', { q: '138001' }).total).toBe(1);
    expect(listRows(db, 'volunteers', { q: ref.toLowerCase() }).rows[0]?.['ref']).toBe(ref);
    expect(listRows(db, 'volunteers', { q: '%' }).total).toBe(1);
    expect(listRows(db, 'volunteers', { q: '_' }).total).toBe(1);
    expect(listRows(db, 'volunteers', { limit: 1 }).rows).toHaveLength(1);
  });

  it('purges what is past the retention period, counting enrolments from the session day', () => {
    const old = new Date('2025-01-01T00:00:00Z');
    insertVolunteer(db, volunteer, consent(old));
    const recent = insertVolunteer(db, volunteer, consent(new Date('2026-11-01T00:00:00Z')));
    insertEnrolment(db, enrol(1), { seats: 5, date: '2025-01-10' }, consent(old));
    const future = insertEnrolment(db, enrol(1), { seats: 5, date: '2026-12-10' }, consent(old));
    const now = new Date('2026-11-22T00:00:00Z');
    const result = purgeExpired(db, 365, now);
    expect(result).toMatchObject({ volunteers: 1, enrollments: 1, reports: 0 });
    expect(allRefs(db, 'volunteers')).toEqual([recent.ref]);
    expect(allRefs(db, 'enrollments')).toEqual([future.ref]);
  });
});

describe('group commit', () => {
  it('commits submissions that arrive together in one transaction, isolating a failing one', async () => {
    const { WriteQueue } = await import('../../src/server/write-queue.ts');
    const queue = new WriteQueue(() => db);
    const ok = Array.from({ length: 20 }, () => queue.run(() => insertVolunteer(db, volunteer, consent())));
    const bad = queue.run(() => {
      insertVolunteer(db, volunteer, consent());
      throw new Error('boom');
    });
    const refs = await Promise.all(ok);
    await expect(bad).rejects.toThrow('boom');
    expect(countRows(db, 'volunteers')).toBe(20);
    expect(new Set(refs.map((r) => r.ref)).size).toBe(20);
    expect(db.isTransaction).toBe(false);
  });
});

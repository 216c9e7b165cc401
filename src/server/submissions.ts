/**
 * Reading and writing submissions: one row per submission with its consent record, seats
 * counted transactionally for course sessions, withdrawal, staff status changes, deletion
 * and the retention purge. Plain node:sqlite; no Astro, so scripts and unit tests use it.
 */
import type { DatabaseSync, SQLInputValue } from 'node:sqlite';
import { newRefCode } from '../lib/forms/ref-code.ts';
import type { RefKind } from '../schemas/ref-code.ts';
import { ENROLMENT_STATUSES, SEAT_HOLDING_STATUSES, type EnrolmentForm, type EnrolmentStatus } from '../schemas/enrolment-form.ts';
import { REPORT_STATUSES, type ReportForm } from '../schemas/report-form.ts';
import { VOLUNTEER_STATUSES, type VolunteerForm } from '../schemas/volunteer-form.ts';
import { transaction } from './db.ts';

/** The three kinds of submission, as named in the admin API paths. */
export const KINDS = ['volunteers', 'enrollments', 'reports'] as const;
export type Kind = (typeof KINDS)[number];

export const STATUSES: Readonly<Record<Kind, readonly string[]>> = {
  volunteers: VOLUNTEER_STATUSES,
  enrollments: ENROLMENT_STATUSES,
  reports: REPORT_STATUSES,
};

const REF_KIND: Readonly<Record<Kind, RefKind>> = { volunteers: 'volunteer', enrollments: 'enrolment', reports: 'report' };

/** The consent record stored with a submission. */
export interface Consent {
  /** Version of the privacy notice the person agreed to. */
  readonly version: string;
  /** When they agreed (the time of submission). */
  readonly at: Date;
  /** Why staff should look at this submission before acting on it (REVIEW_REASONS); absent for most. */
  readonly review?: ReviewReason | undefined;
}

/**
 * Reasons a stored submission is flagged for staff review. `fast`: sent sooner after the
 * form appeared than MIN_FILL_MS; a robot, or a quick person with autofill. Kept, not dropped.
 */
export const REVIEW_REASONS = ['fast'] as const;
export type ReviewReason = (typeof REVIEW_REASONS)[number];

/** Inserts with a fresh reference code, retrying on the (unlikely) clash of codes. */
function insertWithRef(db: DatabaseSync, kind: Kind, sql: string, values: (ref: string) => SQLInputValue[]): string {
  for (let attempt = 0; ; attempt++) {
    const ref = newRefCode(REF_KIND[kind]);
    try {
      db.prepare(sql).run(...values(ref));
      return ref;
    } catch (error) {
      const clash = error instanceof Error && /UNIQUE constraint failed: \w+\.ref/.test(error.message);
      if (!clash || attempt >= 5) throw error;
    }
  }
}

const iso = (d: Date) => d.toISOString();

export function insertVolunteer(db: DatabaseSync, form: VolunteerForm, consent: Consent): { ref: string } {
  const at = iso(consent.at);
  const ref = insertWithRef(
    db,
    'volunteers',
    `INSERT INTO volunteers (ref, created_at, updated_at, name, phone, email, county, age_group, guardian_name, guardian_phone,
       guardian_consent, availability, roles, institution, experience, consent_version, consent_at, review)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    (r) => [
      r,
      at,
      at,
      form.name,
      form.phone,
      form.email ?? null,
      form.county,
      form.ageGroup,
      form.guardianName ?? null,
      form.guardianPhone ?? null,
      form.guardianConsent ? 1 : 0,
      JSON.stringify(form.availability),
      JSON.stringify(form.roles),
      form.institution ?? null,
      form.experience ?? null,
      consent.version,
      at,
      consent.review ?? null,
    ],
  );
  return { ref };
}

/** What the server knows about the session being enrolled in. */
export interface SessionFacts {
  /** Seats available. */
  readonly seats: number;
  /** Day of the session, YYYY-MM-DD (for the retention period). */
  readonly date: string;
}

export interface EnrolmentResult {
  readonly ref: string;
  /** 已确认 (a seat) or 候补 (waitlist). */
  readonly status: Extract<EnrolmentStatus, '已确认' | '候补'>;
  /** Place on the waitlist, from 1; undefined when confirmed. */
  readonly waitlistPosition: number | undefined;
  /** Seats still free after this enrolment. */
  readonly remaining: number;
}

const seatHolding = SEAT_HOLDING_STATUSES.map((s) => `'${s}'`).join(', ');

function seatsTaken(db: DatabaseSync, course: string, session: string): number {
  const row = db
    .prepare(`SELECT COALESCE(SUM(people), 0) AS n FROM enrollments WHERE course = ? AND session = ? AND status IN (${seatHolding})`)
    .get(course, session) as { n: number };
  return Number(row.n);
}

function waitlistLength(db: DatabaseSync, course: string, session: string): number {
  const row = db
    .prepare(`SELECT COUNT(*) AS n FROM enrollments WHERE course = ? AND session = ? AND status = '候补'`)
    .get(course, session) as { n: number };
  return Number(row.n);
}

/**
 * Enrols in a session: a seat when the whole group fits and nobody is already waiting,
 * else a place on the waitlist. Counting and inserting happen in one write transaction,
 * so two people can never take the last seat together, even across processes.
 */
export function insertEnrolment(db: DatabaseSync, form: EnrolmentForm, session: SessionFacts, consent: Consent): EnrolmentResult {
  return transaction(db, () => {
    const taken = seatsTaken(db, form.course, form.session);
    const waiting = waitlistLength(db, form.course, form.session);
    const fits = waiting === 0 && taken + form.people <= session.seats;
    const status = fits ? '已确认' : '候补';
    const at = iso(consent.at);
    const ref = insertWithRef(
      db,
      'enrollments',
      `INSERT INTO enrollments (ref, created_at, updated_at, status, course, session, session_date, name, phone, people, consent_version, consent_at, review)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      (r) => [
        r,
        at,
        at,
        status,
        form.course,
        form.session,
        session.date,
        form.name,
        form.phone,
        form.people,
        consent.version,
        at,
        consent.review ?? null,
      ],
    );
    return {
      ref,
      status,
      waitlistPosition: fits ? undefined : waiting + 1,
      remaining: Math.max(0, session.seats - taken - (fits ? form.people : 0)),
    };
  });
}

/** Seats of a session as the public may see them (no personal data). */
export function sessionAvailability(db: DatabaseSync, course: string, session: string, seats: number) {
  const taken = seatsTaken(db, course, session);
  return { seats, taken, remaining: Math.max(0, seats - taken), waitlist: waitlistLength(db, course, session) };
}

/**
 * Moves people from the waitlist onto free seats, first come first served (a group that
 * does not fit is passed over for a smaller one behind it). Returns the promoted refs.
 * Call inside a transaction.
 */
function promoteWaitlist(db: DatabaseSync, course: string, session: string, seats: number, now: Date): string[] {
  let free = seats - seatsTaken(db, course, session);
  const promoted: string[] = [];
  const waiting = db
    .prepare(`SELECT ref, people FROM enrollments WHERE course = ? AND session = ? AND status = '候补' ORDER BY id`)
    .all(course, session) as { ref: string; people: number }[];
  for (const row of waiting) {
    if (row.people > free) continue;
    db.prepare(`UPDATE enrollments SET status = '已确认', promoted_at = ?, updated_at = ? WHERE ref = ?`).run(iso(now), iso(now), row.ref);
    free -= row.people;
    promoted.push(row.ref);
  }
  return promoted;
}

/** Stores a report; the consent is recorded only when the reporter left a contact. */
export function insertReport(db: DatabaseSync, form: ReportForm, consent: Consent): { ref: string } {
  const at = iso(consent.at);
  const ref = insertWithRef(
    db,
    'reports',
    `INSERT INTO reports (ref, created_at, updated_at, institution, page, problem, contact, consent_version, consent_at, review) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    (r) => [
      r,
      at,
      at,
      form.institution ?? null,
      form.page ?? null,
      form.problem,
      form.contact ?? null,
      form.contact === undefined ? null : consent.version,
      form.contact === undefined ? null : at,
      consent.review ?? null,
    ],
  );
  return { ref };
}

function log(db: DatabaseSync, action: string, kind: Kind, ref: string | null, detail: string | null, now: Date): void {
  db.prepare('INSERT INTO admin_log (at, action, kind, ref, detail) VALUES (?, ?, ?, ?, ?)').run(iso(now), action, kind, ref, detail);
}

/** Overwrites freed pages in the write-ahead log too, so deleted rows do not linger there. */
function flushDeleted(db: DatabaseSync): void {
  try {
    db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
  } catch {
    // A busy reader only delays this; the next checkpoint completes it.
  }
}

/** Looks up a session's seats for waitlist promotion (undefined when unknown). */
export type SeatsLookup = (course: string, session: string) => number | undefined;

/** What a staff change did: whether the submission existed, and who moved up from the waitlist. */
export interface Change {
  readonly found: boolean;
  /** Enrolment refs moved from 候补 to 已确认 (staff should tell them). */
  readonly promoted: readonly string[];
}

const NOT_FOUND: Change = { found: false, promoted: [] };

/** What a person's withdrawal deleted, per kind. */
export interface Withdrawal {
  readonly volunteers: number;
  readonly enrollments: number;
  readonly reports: number;
}

/**
 * Error reports whose contact gives this mobile number, however it was written
 * ("138 0013 8000", "138-0013-8000", "+86 13800138000", "电话 13800138000").
 */
const REPORT_CONTACT_HAS_PHONE = `REPLACE(REPLACE(REPLACE(REPLACE(contact, ' ', ''), '-', ''), '　', ''), '+86', '') LIKE '%' || ? || '%'`;

/** Whether `ref` is a submission of the person with this phone (their proof of who they are). */
function ownsRef(db: DatabaseSync, phone: string, ref: string): boolean {
  if (ref.startsWith('V-'))
    return db.prepare('SELECT 1 FROM volunteers WHERE ref = ? AND (phone = ? OR guardian_phone = ?)').get(ref, phone, phone) !== undefined;
  if (ref.startsWith('E-')) return db.prepare('SELECT 1 FROM enrollments WHERE ref = ? AND phone = ?').get(ref, phone) !== undefined;
  if (ref.startsWith('R-'))
    return (
      db.prepare(`SELECT 1 FROM reports WHERE ref = ? AND contact IS NOT NULL AND ${REPORT_CONTACT_HAS_PHONE}`).get(ref, phone) !==
      undefined
    );
  return false;
}

/**
 * The person's own withdrawal: with their mobile number and any one of their reference
 * codes (V-, E- or R-) as proof, deletes everything the site holds that gives that number:
 * volunteer sign-ups (their own, or a minor's that names them as guardian), course
 * enrolments (moving people up from the waitlist, as a cancellation does) and error
 * reports that left the number as contact. Undefined when the code and number do not match.
 */
export function withdraw(db: DatabaseSync, phone: string, ref: string, seatsFor: SeatsLookup, now = new Date()): Withdrawal | undefined {
  const result = transaction(db, () => {
    if (!ownsRef(db, phone, ref)) return undefined;
    const refs = (sql: string, ...args: string[]) => (db.prepare(sql).all(...args) as { ref: string }[]).map((r) => r.ref);
    const volunteers = refs('SELECT ref FROM volunteers WHERE phone = ? OR guardian_phone = ?', phone, phone);
    const enrolments = db.prepare('SELECT ref, course, session FROM enrollments WHERE phone = ?').all(phone) as {
      ref: string;
      course: string;
      session: string;
    }[];
    const reports = refs(`SELECT ref FROM reports WHERE contact IS NOT NULL AND ${REPORT_CONTACT_HAS_PHONE}`, phone);
    for (const r of volunteers) {
      db.prepare('DELETE FROM volunteers WHERE ref = ?').run(r);
      log(db, 'withdrawn', 'volunteers', r, null, now);
    }
    for (const r of reports) {
      db.prepare('DELETE FROM reports WHERE ref = ?').run(r);
      log(db, 'withdrawn', 'reports', r, null, now);
    }
    // All of the person's enrolments go first, then each session's waitlist moves up once,
    // so none of their own waiting places is promoted on the way out.
    for (const e of enrolments) db.prepare('DELETE FROM enrollments WHERE ref = ?').run(e.ref);
    const sessions = new Map(enrolments.map((e) => [`${e.course}\n${e.session}`, e]));
    const promotedBy = new Map<string, string[]>();
    for (const e of sessions.values()) {
      const seats = seatsFor(e.course, e.session);
      promotedBy.set(`${e.course}\n${e.session}`, seats === undefined ? [] : promoteWaitlist(db, e.course, e.session, seats, now));
    }
    for (const e of enrolments) {
      const key = `${e.course}\n${e.session}`;
      const promoted = promotedBy.get(key) ?? [];
      promotedBy.set(key, []); // said once, on the session's first withdrawn enrolment
      log(db, 'withdrawn', 'enrollments', e.ref, promoted.length > 0 ? `promoted ${promoted.join(' ')}` : null, now);
    }
    return { volunteers: volunteers.length, enrollments: enrolments.length, reports: reports.length };
  });
  if (result !== undefined) flushDeleted(db);
  return result;
}

/** Deletes one row; for an enrolment, moves people up from the waitlist. Call inside a transaction. */
function removeRow(db: DatabaseSync, kind: Kind, ref: string, seatsFor: SeatsLookup, now: Date): Change {
  if (kind === 'enrollments') {
    const row = db.prepare('SELECT course, session FROM enrollments WHERE ref = ?').get(ref) as
      { course: string; session: string } | undefined;
    if (row === undefined) return NOT_FOUND;
    db.prepare('DELETE FROM enrollments WHERE ref = ?').run(ref);
    const seats = seatsFor(row.course, row.session);
    return { found: true, promoted: seats === undefined ? [] : promoteWaitlist(db, row.course, row.session, seats, now) };
  }
  return Number(db.prepare(`DELETE FROM ${kind} WHERE ref = ?`).run(ref).changes) > 0 ? { found: true, promoted: [] } : NOT_FOUND;
}

/** Staff deletion of one submission. */
export function deleteSubmission(db: DatabaseSync, kind: Kind, ref: string, seatsFor: SeatsLookup, now = new Date()): Change {
  const change = transaction(db, () => {
    const done = removeRow(db, kind, ref, seatsFor, now);
    if (done.found) log(db, 'deleted', kind, ref, done.promoted.length > 0 ? `promoted ${done.promoted.join(' ')}` : null, now);
    return done;
  });
  if (change.found) flushDeleted(db);
  return change;
}

/**
 * Staff status change. When an enrolment gives up its seat (已取消), people waiting are
 * moved up.
 */
export function setStatus(db: DatabaseSync, kind: Kind, ref: string, status: string, seatsFor: SeatsLookup, now = new Date()): Change {
  if (!STATUSES[kind].includes(status)) throw new RangeError(`unknown status ${status} for ${kind}`);
  return transaction(db, () => {
    const changed =
      Number(db.prepare(`UPDATE ${kind} SET status = ?, updated_at = ? WHERE ref = ?`).run(status, iso(now), ref).changes) > 0;
    if (!changed) return NOT_FOUND;
    let promoted: string[] = [];
    if (kind === 'enrollments') {
      const row = db.prepare('SELECT course, session FROM enrollments WHERE ref = ?').get(ref) as { course: string; session: string };
      const seats = seatsFor(row.course, row.session);
      if (seats !== undefined) promoted = promoteWaitlist(db, row.course, row.session, seats, now);
    }
    log(db, 'status', kind, ref, promoted.length > 0 ? `${status}; promoted ${promoted.join(' ')}` : status, now);
    return { found: true, promoted };
  });
}

/** Staff list filters. Unknown filters are ignored. */
export interface ListFilter {
  readonly status?: string | undefined;
  /** Free text: part of a name or phone number, or a whole reference code. */
  readonly q?: string | undefined;
  /** volunteers: county code; reports: -; enrollments: - */
  readonly county?: string | undefined;
  /** volunteers and reports: registry id. */
  readonly institution?: string | undefined;
  /** enrollments: course slug. */
  readonly course?: string | undefined;
  /** enrollments: session id. */
  readonly session?: string | undefined;
  readonly limit?: number | undefined;
  readonly offset?: number | undefined;
}

const FILTER_COLUMNS: Readonly<Record<Kind, readonly (keyof ListFilter)[]>> = {
  volunteers: ['status', 'county', 'institution'],
  enrollments: ['status', 'course', 'session'],
  reports: ['status', 'institution'],
};

const SEARCH_COLUMNS: Readonly<Record<Kind, readonly string[]>> = {
  volunteers: ['name', 'phone', 'email'],
  enrollments: ['name', 'phone'],
  reports: ['problem', 'contact', 'page'],
};

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Raw rows, newest first, with the total before paging. */
export function listRows(db: DatabaseSync, kind: Kind, filter: ListFilter = {}): { total: number; rows: Record<string, unknown>[] } {
  const where: string[] = [];
  const args: SQLInputValue[] = [];
  for (const column of FILTER_COLUMNS[kind]) {
    const value = filter[column];
    if (typeof value === 'string' && value !== '') {
      where.push(`${column} = ?`);
      args.push(value);
    }
  }
  const q = filter.q?.trim();
  if (q !== undefined && q !== '') {
    const like = `%${escapeLike(q)}%`;
    where.push(`(ref = ? OR ${SEARCH_COLUMNS[kind].map((c) => `${c} LIKE ? ESCAPE '\\'`).join(' OR ')})`);
    args.push(q.toUpperCase(), ...SEARCH_COLUMNS[kind].map(() => like));
  }
  const clause = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
  const total = Number((db.prepare(`SELECT COUNT(*) AS n FROM ${kind} ${clause}`).get(...args) as { n: number }).n);
  const limit = Math.min(Math.max(Math.trunc(filter.limit ?? 200), 1), 5000);
  const offset = Math.max(Math.trunc(filter.offset ?? 0), 0);
  const rows = db.prepare(`SELECT * FROM ${kind} ${clause} ORDER BY id DESC LIMIT ? OFFSET ?`).all(...args, limit, offset) as Record<
    string,
    unknown
  >[];
  return { total, rows };
}

/** Number of stored submissions of a kind. */
export function countRows(db: DatabaseSync, kind: Kind): number {
  return Number((db.prepare(`SELECT COUNT(*) AS n FROM ${kind}`).get() as { n: number }).n);
}

/** Every stored reference code of a kind (tests and the benchmark compare them with the replies). */
export function allRefs(db: DatabaseSync, kind: Kind): string[] {
  return (db.prepare(`SELECT ref FROM ${kind}`).all() as { ref: string }[]).map((r) => r.ref);
}

export interface PurgeResult {
  readonly cutoff: string;
  readonly volunteers: number;
  readonly enrollments: number;
  readonly reports: number;
  readonly adminLog: number;
}

/**
 * Deletes what is past the retention period: submissions whose last change (for
 * enrolments: the later of the last change and the session day) is more than
 * `retentionDays` ago, and staff log entries as old.
 */
export function purgeExpired(db: DatabaseSync, retentionDays: number, now = new Date()): PurgeResult {
  const cutoff = iso(new Date(now.getTime() - retentionDays * 86_400_000));
  const result = transaction(db, () => ({
    cutoff,
    volunteers: Number(db.prepare('DELETE FROM volunteers WHERE updated_at < ?').run(cutoff).changes),
    enrollments: Number(
      db.prepare(`DELETE FROM enrollments WHERE MAX(updated_at, session_date || 'T23:59:59.999Z') < ?`).run(cutoff).changes,
    ),
    reports: Number(db.prepare('DELETE FROM reports WHERE updated_at < ?').run(cutoff).changes),
    adminLog: Number(db.prepare('DELETE FROM admin_log WHERE at < ?').run(cutoff).changes),
  }));
  flushDeleted(db);
  return result;
}

/** A person's own withdrawal of everything the site holds under their mobile number. */
import type { DatabaseSync } from 'node:sqlite';
import { transaction } from '../db.ts';
import { promoteWaitlist, type SeatsLookup } from './seats.ts';
import { flushDeleted, log } from './storage.ts';

/** What a person's withdrawal deleted, per kind. */
export interface Withdrawal {
  readonly volunteers: number;
  readonly enrollments: number;
  readonly reports: number;
}

/**
 * Error reports whose contact gives this mobile number, however it was written
 * ("138 0013 8000", "138-0013-8000", "+86 13800138000", "电话 13800138000").
 * \u3000 is the full-width space of Chinese input methods.
 */
const REPORT_CONTACT_HAS_PHONE = `REPLACE(REPLACE(REPLACE(REPLACE(contact, ' ', ''), '-', ''), '\u3000', ''), '+86', '') LIKE '%' || ? || '%'`;

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

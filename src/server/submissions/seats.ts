/**
 * Seats of a course session: how many are taken, who is waiting, and moving people up
 * from the waitlist when a seat comes free. Counted from the enrollments table.
 */
import type { DatabaseSync } from 'node:sqlite';
import { SEAT_HOLDING_STATUSES } from '../../schemas/enrolment-form.ts';
import { iso } from './storage.ts';

/** Looks up a session's seats for waitlist promotion (undefined when unknown). */
export type SeatsLookup = (course: string, session: string) => number | undefined;

const seatHolding = SEAT_HOLDING_STATUSES.map((s) => `'${s}'`).join(', ');

/** People holding a seat in the session (SEAT_HOLDING_STATUSES: 已确认, 已出席, 未出席). */
export function seatsTaken(db: DatabaseSync, course: string, session: string): number {
  const row = db
    .prepare(`SELECT COALESCE(SUM(people), 0) AS n FROM enrollments WHERE course = ? AND session = ? AND status IN (${seatHolding})`)
    .get(course, session) as { n: number };
  return Number(row.n);
}

/** Enrolments waiting for a seat in the session. */
export function waitlistLength(db: DatabaseSync, course: string, session: string): number {
  const row = db
    .prepare(`SELECT COUNT(*) AS n FROM enrollments WHERE course = ? AND session = ? AND status = '候补'`)
    .get(course, session) as { n: number };
  return Number(row.n);
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
export function promoteWaitlist(db: DatabaseSync, course: string, session: string, seats: number, now: Date): string[] {
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

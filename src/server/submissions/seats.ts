/**
 * Seats of a course session: how many are taken, who is waiting, and moving people up
 * from the waitlist when a seat comes free. Counted from the enrollments table.
 */
import { sql } from 'kysely';
import { SEAT_HOLDING_STATUSES } from '../../schemas/enrolment-form.ts';
import type { Conn } from '../db/transaction.ts';
import { iso } from './storage.ts';

/** Looks up a session's seats for waitlist promotion (undefined when unknown). */
export type SeatsLookup = (course: string, session: string) => number | undefined;

/**
 * Makes the transaction the only one counting and changing this session's seats until it
 * ends. SQLite has one writer at a time anyway (BEGIN IMMEDIATE); on PostgreSQL a
 * transaction-scoped advisory lock on the session does it, so two people can never take
 * the last seat together, even on two server nodes.
 */
export async function lockSession(db: Conn, course: string, session: string): Promise<void> {
  if (db.engine === 'postgres') await sql`SELECT pg_advisory_xact_lock(hashtext(${`${course}\n${session}`}))`.execute(db.kysely);
}

/** People holding a seat in the session (SEAT_HOLDING_STATUSES: 已确认, 已出席, 未出席). */
export async function seatsTaken(db: Conn, course: string, session: string): Promise<number> {
  const row = await db.kysely
    .selectFrom('enrollments')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('people'), eb.val(0)).as('n'))
    .where('course', '=', course)
    .where('session', '=', session)
    .where('status', 'in', SEAT_HOLDING_STATUSES)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Enrolments waiting for a seat in the session. */
export async function waitlistLength(db: Conn, course: string, session: string): Promise<number> {
  const row = await db.kysely
    .selectFrom('enrollments')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('course', '=', course)
    .where('session', '=', session)
    .where('status', '=', '候补')
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Seats of a session as the public may see them (no personal data). */
export async function sessionAvailability(db: Conn, course: string, session: string, seats: number) {
  const taken = await seatsTaken(db, course, session);
  return { seats, taken, remaining: Math.max(0, seats - taken), waitlist: await waitlistLength(db, course, session) };
}

/**
 * Moves people from the waitlist onto free seats, first come first served (a group that
 * does not fit is passed over for a smaller one behind it). Returns the promoted refs.
 * Call inside a transaction, after lockSession.
 */
export async function promoteWaitlist(db: Conn, course: string, session: string, seats: number, now: Date): Promise<string[]> {
  let free = seats - (await seatsTaken(db, course, session));
  const promoted: string[] = [];
  const waiting = await db.kysely
    .selectFrom('enrollments')
    .select(['ref', 'people'])
    .where('course', '=', course)
    .where('session', '=', session)
    .where('status', '=', '候补')
    .orderBy('id')
    .execute();
  for (const row of waiting) {
    if (row.people > free) continue;
    await db.kysely
      .updateTable('enrollments')
      .set({ status: '已确认', promoted_at: iso(now), updated_at: iso(now) })
      .where('ref', '=', row.ref)
      .execute();
    free -= row.people;
    promoted.push(row.ref);
  }
  return promoted;
}

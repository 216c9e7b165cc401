/** Staff changes to one submission: deleting it, or giving it another status. Each is written to the audit log with who did it. */
import type { Db } from '../db/connect.ts';
import { inTransaction, type Conn } from '../db/transaction.ts';
import { STATUSES, type Kind } from './kinds.ts';
import { lockSession, promoteWaitlist, type SeatsLookup } from './seats.ts';
import { flushDeleted, iso, log } from './storage.ts';

/** What a staff change did: whether the submission existed, and who moved up from the waitlist. */
export interface Change {
  readonly found: boolean;
  /** Enrolment refs moved from 候补 to 已确认 (staff should tell them). */
  readonly promoted: readonly string[];
}

const NOT_FOUND: Change = { found: false, promoted: [] };

async function sessionOf(db: Conn, ref: string): Promise<{ course: string; session: string } | undefined> {
  return db.kysely.selectFrom('enrollments').select(['course', 'session']).where('ref', '=', ref).executeTakeFirst();
}

/** Deletes one row; for an enrolment, moves people up from the waitlist. Call inside a transaction. */
async function removeRow(db: Conn, kind: Kind, ref: string, seatsFor: SeatsLookup, now: Date): Promise<Change> {
  if (kind === 'enrollments') {
    const row = await sessionOf(db, ref);
    if (row === undefined) return NOT_FOUND;
    await lockSession(db, row.course, row.session);
    await db.kysely.deleteFrom('enrollments').where('ref', '=', ref).execute();
    const seats = seatsFor(row.course, row.session);
    return { found: true, promoted: seats === undefined ? [] : await promoteWaitlist(db, row.course, row.session, seats, now) };
  }
  const result = await db.kysely.deleteFrom(kind).where('ref', '=', ref).executeTakeFirst();
  return Number(result.numDeletedRows) > 0 ? { found: true, promoted: [] } : NOT_FOUND;
}

/** Staff deletion of one submission, by `actor` (a staff user id). */
export async function deleteSubmission(
  db: Db,
  actor: string,
  kind: Kind,
  ref: string,
  seatsFor: SeatsLookup,
  now = new Date(),
  /** Where the record lies (a county code), for the audit log; null when it belongs to no place. */
  place: string | null = null,
): Promise<Change> {
  const change = await inTransaction(db, async (tx) => {
    const done = await removeRow(tx, kind, ref, seatsFor, now);
    if (done.found)
      await log(
        tx,
        actor,
        'submission.deleted',
        kind,
        ref,
        done.promoted.length > 0 ? `promoted ${done.promoted.join(' ')}` : null,
        now,
        place,
      );
    return done;
  });
  if (change.found) await flushDeleted(db);
  return change;
}

/**
 * Staff status change, by `actor`. When an enrolment gives up its seat (已取消), people
 * waiting are moved up.
 */
export async function setStatus(
  db: Db,
  actor: string,
  kind: Kind,
  ref: string,
  status: string,
  seatsFor: SeatsLookup,
  now = new Date(),
  /** Where the record lies (a county code), for the audit log; null when it belongs to no place. */
  place: string | null = null,
): Promise<Change> {
  if (!STATUSES[kind].includes(status)) throw new RangeError(`unknown status ${status} for ${kind}`);
  return inTransaction(db, async (tx) => {
    const row = kind === 'enrollments' ? await sessionOf(tx, ref) : undefined;
    if (row !== undefined) await lockSession(tx, row.course, row.session);
    const result = await tx.kysely
      .updateTable(kind)
      .set({ status, updated_at: iso(now) })
      .where('ref', '=', ref)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) return NOT_FOUND;
    let promoted: string[] = [];
    if (row !== undefined) {
      const seats = seatsFor(row.course, row.session);
      if (seats !== undefined) promoted = await promoteWaitlist(tx, row.course, row.session, seats, now);
    }
    await log(
      tx,
      actor,
      'submission.status',
      kind,
      ref,
      promoted.length > 0 ? `${status}; promoted ${promoted.join(' ')}` : status,
      now,
      place,
    );
    return { found: true, promoted };
  });
}

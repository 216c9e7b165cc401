/** Staff changes to one submission: deleting it, or giving it another status. */
import type { DatabaseSync } from 'node:sqlite';
import { transaction } from '../db.ts';
import { STATUSES, type Kind } from './kinds.ts';
import { promoteWaitlist, type SeatsLookup } from './seats.ts';
import { flushDeleted, iso, log } from './storage.ts';

/** What a staff change did: whether the submission existed, and who moved up from the waitlist. */
export interface Change {
  readonly found: boolean;
  /** Enrolment refs moved from 候补 to 已确认 (staff should tell them). */
  readonly promoted: readonly string[];
}

const NOT_FOUND: Change = { found: false, promoted: [] };

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

/** Storing a course enrolment: a seat, or a place on the waitlist. */
import type { EnrolmentForm, EnrolmentStatus } from '../../schemas/enrolment-form.ts';
import { inTransaction, type Conn } from '../db/transaction.ts';
import type { Consent } from './consent.ts';
import { lockSession, seatsTaken, waitlistLength } from './seats.ts';
import { insertWithRef, iso } from './storage.ts';

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

/**
 * Enrols in a session: a seat when the whole group fits and nobody is already waiting,
 * else a place on the waitlist. Counting and inserting happen in one write transaction
 * holding the session's lock, so two people can never take the last seat together, even
 * across processes or server nodes.
 */
export function insertEnrolment(db: Conn, form: EnrolmentForm, session: SessionFacts, consent: Consent): Promise<EnrolmentResult> {
  return inTransaction(db, async (tx) => {
    await lockSession(tx, form.course, form.session);
    const taken = await seatsTaken(tx, form.course, form.session);
    const waiting = await waitlistLength(tx, form.course, form.session);
    const fits = waiting === 0 && taken + form.people <= session.seats;
    const status = fits ? '已确认' : '候补';
    const at = iso(consent.at);
    const ref = await insertWithRef(tx, 'enrollments', (t, r) =>
      t.kysely
        .insertInto('enrollments')
        .values({
          ref: r,
          created_at: at,
          updated_at: at,
          status,
          promoted_at: null,
          course: form.course,
          session: form.session,
          session_date: session.date,
          name: form.name,
          phone: form.phone,
          people: form.people,
          consent_version: consent.version,
          consent_at: at,
          review: consent.review ?? null,
        })
        .execute(),
    );
    return {
      ref,
      status,
      waitlistPosition: fits ? undefined : waiting + 1,
      remaining: Math.max(0, session.seats - taken - (fits ? form.people : 0)),
    };
  });
}

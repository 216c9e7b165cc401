/** Storing a course enrolment: a seat, or a place on the waitlist. */
import type { DatabaseSync } from 'node:sqlite';
import type { EnrolmentForm, EnrolmentStatus } from '../../schemas/enrolment-form.ts';
import { transaction } from '../db.ts';
import type { Consent } from './consent.ts';
import { seatsTaken, waitlistLength } from './seats.ts';
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

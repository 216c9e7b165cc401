/** A person's own withdrawal of everything the site holds under their mobile number. */
import { sql, type Expression, type SqlBool } from 'kysely';
import type { Db } from '../db/connect.ts';
import { inTransaction, type Conn } from '../db/transaction.ts';
import { lockSession, promoteWaitlist, type SeatsLookup } from './seats.ts';
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
const contactHasPhone = (phone: string): Expression<SqlBool> =>
  sql<SqlBool>`contact IS NOT NULL AND REPLACE(REPLACE(REPLACE(REPLACE(contact, ' ', ''), '-', ''), ${'\u3000'}, ''), '+86', '') LIKE ${`%${phone}%`}`;

/** Whether `ref` is a submission of the person with this phone (their proof of who they are). */
async function ownsRef(db: Conn, phone: string, ref: string): Promise<boolean> {
  if (ref.startsWith('V-'))
    return (
      (await db.kysely
        .selectFrom('volunteers')
        .select('id')
        .where('ref', '=', ref)
        .where((eb) => eb.or([eb('phone', '=', phone), eb('guardian_phone', '=', phone)]))
        .executeTakeFirst()) !== undefined
    );
  if (ref.startsWith('E-'))
    return (
      (await db.kysely.selectFrom('enrollments').select('id').where('ref', '=', ref).where('phone', '=', phone).executeTakeFirst()) !==
      undefined
    );
  if (ref.startsWith('R-'))
    return (
      (await db.kysely.selectFrom('reports').select('id').where('ref', '=', ref).where(contactHasPhone(phone)).executeTakeFirst()) !==
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
export async function withdraw(
  db: Db,
  phone: string,
  ref: string,
  seatsFor: SeatsLookup,
  now = new Date(),
): Promise<Withdrawal | undefined> {
  const result = await inTransaction(db, async (tx) => {
    if (!(await ownsRef(tx, phone, ref))) return undefined;
    const k = tx.kysely;
    const volunteers = (
      await k
        .selectFrom('volunteers')
        .select('ref')
        .where((eb) => eb.or([eb('phone', '=', phone), eb('guardian_phone', '=', phone)]))
        .execute()
    ).map((r) => r.ref);
    const enrolments = await k
      .selectFrom('enrollments')
      .select(['ref', 'course', 'session'])
      .where('phone', '=', phone)
      .orderBy('id')
      .execute();
    const reports = (await k.selectFrom('reports').select('ref').where(contactHasPhone(phone)).execute()).map((r) => r.ref);
    for (const r of volunteers) {
      await k.deleteFrom('volunteers').where('ref', '=', r).execute();
      await log(tx, 'public', 'submission.withdrawn', 'volunteers', r, null, now);
    }
    for (const r of reports) {
      await k.deleteFrom('reports').where('ref', '=', r).execute();
      await log(tx, 'public', 'submission.withdrawn', 'reports', r, null, now);
    }
    // All of the person's enrolments go first, then each session's waitlist moves up once,
    // so none of their own waiting places is promoted on the way out.
    const sessions = new Map(enrolments.map((e) => [`${e.course}\n${e.session}`, e] as const).sort(([a], [b]) => (a < b ? -1 : 1)));
    // Locked in one order everywhere, so two withdrawals never wait on each other.
    for (const e of sessions.values()) await lockSession(tx, e.course, e.session);
    for (const e of enrolments) await k.deleteFrom('enrollments').where('ref', '=', e.ref).execute();
    const promotedBy = new Map<string, string[]>();
    for (const [key, e] of sessions) {
      const seats = seatsFor(e.course, e.session);
      promotedBy.set(key, seats === undefined ? [] : await promoteWaitlist(tx, e.course, e.session, seats, now));
    }
    for (const e of enrolments) {
      const key = `${e.course}\n${e.session}`;
      const promoted = promotedBy.get(key) ?? [];
      promotedBy.set(key, []); // said once, on the session's first withdrawn enrolment
      await log(
        tx,
        'public',
        'submission.withdrawn',
        'enrollments',
        e.ref,
        promoted.length > 0 ? `promoted ${promoted.join(' ')}` : null,
        now,
      );
    }
    return { volunteers: volunteers.length, enrollments: enrolments.length, reports: reports.length };
  });
  if (result !== undefined) await flushDeleted(db);
  return result;
}

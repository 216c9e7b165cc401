/** POST /api/enrollments: a seat (or a waitlist place) in a course session. */
import type { FieldErrors } from '../../lib/forms/form-data.ts';
import { newRefCode } from '../../lib/forms/ref-code.ts';
import { chinaToday } from '../../lib/china-time.ts';
import { sessionDay, sessionState } from '../../lib/forms/sessions.ts';
import { privacySettings } from '../../lib/privacy.ts';
import { enrolmentFormSchema, type EnrolmentForm } from '../../schemas/enrolment-form.ts';
import { findSession } from '../course-sessions.ts';
import { sharedDb } from '../db/connect.ts';
import { writeQueueFor } from '../db/transaction.ts';
import type { FormSpec, Stored } from '../form-endpoint.ts';
import { insertEnrolment, type EnrolmentResult } from '../submissions/enrolments.ts';
import * as routes from '../../lib/routes.ts';

function reply(form: EnrolmentForm, result: Pick<EnrolmentResult, 'ref' | 'status' | 'waitlistPosition'>): Stored {
  const waitlisted = result.status === '候补';
  const query = new URLSearchParams({
    ref: result.ref,
    course: form.course,
    session: form.session,
    status: waitlisted ? 'waitlist' : 'confirmed',
  });
  if (result.waitlistPosition !== undefined) query.set('position', String(result.waitlistPosition));
  return {
    id: result.ref,
    extra: {
      status: waitlisted ? 'waitlist' : 'confirmed',
      statusLabel: result.status,
      ...(result.waitlistPosition === undefined ? {} : { waitlistPosition: result.waitlistPosition }),
    },
    thanks: `${routes.enrolmentThanks}?${query.toString()}`,
  };
}

export const enrolmentSpec: FormSpec<EnrolmentForm> = {
  schema: enrolmentFormSchema,
  async check(form): Promise<FieldErrors | undefined> {
    const known = await findSession(form.course, form.session);
    if (known === undefined) return { session: 'forms.error.session.invalid' };
    const state = sessionState(known.session, chinaToday());
    if (state === 'past') return { session: 'forms.error.session.past' };
    if (state === 'sample') return { session: 'forms.error.session.sample' };
    if (state === 'closed') return { session: 'forms.error.session.closed' };
    return undefined;
  },
  async store(form, now, review) {
    const known = await findSession(form.course, form.session);
    if (known === undefined) return { errors: { session: 'forms.error.session.invalid' } };
    const facts = { seats: known.session.seats, date: sessionDay(known.session.date) };
    const consent = { version: privacySettings().noticeVersion, at: now, review };
    const result = await writeQueueFor(await sharedDb()).run((tx) => insertEnrolment(tx, form, facts, consent));
    return reply(form, result);
  },
  pretend(form) {
    return reply(form, { ref: newRefCode('enrolment'), status: '已确认', waitlistPosition: undefined });
  },
};

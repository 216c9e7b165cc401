/**
 * Enrolment in a scheduled course session (course pages → POST /api/enrollments).
 * The schema checks the shape; whether the session exists, is open and still ahead is
 * checked by the server against the courses collection (src/server/course-sessions.ts).
 */
import { z } from 'zod';
import { mobile, mustTick, requiredText } from './form-fields.ts';

/** Most people one enrolment may bring (a family or a small group). */
export const MAX_PEOPLE = 5;

/** Seat-holding and other statuses of an enrolment, for staff. */
export const ENROLMENT_STATUSES = ['已确认', '候补', '已出席', '未出席', '已取消'] as const;
export type EnrolmentStatus = (typeof ENROLMENT_STATUSES)[number];
/** Statuses that occupy seats. */
export const SEAT_HOLDING_STATUSES: readonly EnrolmentStatus[] = ['已确认', '已出席', '未出席'];

const slug = (required: 'forms.error.course.required' | 'forms.error.session.required') =>
  z
    .string({ error: required })
    .trim()
    .min(1, { error: required })
    .max(80, { error: 'forms.error.session.invalid' })
    .regex(/^[a-z0-9-]+$/, { error: 'forms.error.session.invalid' });

export const enrolmentFormSchema = z.strictObject({
  /** Course slug (content/courses/<slug>). */
  course: slug('forms.error.course.required'),
  /** Session id within the course. */
  session: slug('forms.error.session.required'),
  /** Name of the person enrolling. */
  name: requiredText(40, 'forms.error.name.required', 'forms.error.name.tooLong'),
  /** Mainland mobile number, stored as 11 digits. */
  phone: mobile('forms.error.phone.required', 'forms.error.phone.invalid'),
  /** How many people come, including the person enrolling. */
  people: z.preprocess(
    (v) => (v === undefined || v === '' ? 1 : typeof v === 'string' && /^\s*\d{1,3}\s*$/.test(v) ? Number(v) : v),
    z
      .number({ error: 'forms.error.people.invalid' })
      .int({ error: 'forms.error.people.invalid' })
      .min(1, { error: 'forms.error.people.invalid' })
      .max(MAX_PEOPLE, { error: 'forms.error.people.invalid' }),
  ),
  /** Agreement to the privacy notice. */
  consent: mustTick('forms.error.consent.required'),
});

export type EnrolmentForm = z.output<typeof enrolmentFormSchema>;

export const ENROLMENT_FIELDS = ['course', 'session', 'name', 'phone', 'people', 'consent'] as const;

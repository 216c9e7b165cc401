/** The three kinds of submission, the statuses staff can give each, and their reference-code kind. */
import type { RefKind } from '../../schemas/ref-code.ts';
import { ENROLMENT_STATUSES } from '../../schemas/enrolment-form.ts';
import { REPORT_STATUSES } from '../../schemas/report-form.ts';
import { VOLUNTEER_STATUSES } from '../../schemas/volunteer-form.ts';

/** The three kinds of submission, as named in the admin API paths. */
export const KINDS = ['volunteers', 'enrollments', 'reports'] as const;
export type Kind = (typeof KINDS)[number];

export const STATUSES: Readonly<Record<Kind, readonly string[]>> = {
  volunteers: VOLUNTEER_STATUSES,
  enrollments: ENROLMENT_STATUSES,
  reports: REPORT_STATUSES,
};

/** The reference-code kind (V-, E-, R-) of each kind of submission. */
export const REF_KIND: Readonly<Record<Kind, RefKind>> = { volunteers: 'volunteer', enrollments: 'enrolment', reports: 'report' };

/** Whether a path segment names a kind of submission. */
export function isKind(value: string | undefined): value is Kind {
  return (KINDS as readonly string[]).includes(value ?? '');
}

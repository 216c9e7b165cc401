/**
 * Where a withdrawal goes: without JavaScript the form first posts to a confirmation page
 * (nothing is deleted before the person confirms). A withdrawal deletes everything held
 * under the phone number (src/server/submissions/withdraw.ts); the page afterwards speaks of a
 * cancelled course enrolment only when enrolments were all there was.
 */
import { normalizeRefCode, refKind } from '../../schemas/ref-code.ts';
import * as routes from '../routes.ts';

/** The no-JavaScript confirmation step (src/pages/volunteer/withdraw/confirm.astro). */
export const WITHDRAW_CONFIRM_PATH = routes.withdrawConfirm;

/** True when `ref` (as typed) is a course enrolment code (E-…). */
export function isEnrolmentRef(ref: string): boolean {
  return refKind(normalizeRefCode(ref)) === 'enrolment';
}

/** What one withdrawal deleted, per kind (the API's `removed`). */
export interface RemovedCounts {
  readonly volunteers: number;
  readonly enrollments: number;
  readonly reports: number;
}

/** The page after a withdrawal that deleted `removed`. */
export function withdrawDoneUrl(removed: Partial<RemovedCounts> | undefined): string {
  const onlyEnrolments = (removed?.enrollments ?? 0) > 0 && !removed?.volunteers && !removed?.reports;
  return onlyEnrolments ? `${routes.withdrawDone}?kind=enrolment` : routes.withdrawDone;
}

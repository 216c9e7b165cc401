/**
 * Where a withdrawal goes: without JavaScript the form first posts to a confirmation page
 * (nothing is deleted before the person confirms), and the page afterwards speaks of a
 * volunteer sign-up or a course enrolment, whichever the code belongs to.
 */
import { normalizeRefCode, refKind } from './ref-code.ts';

/** The no-JavaScript confirmation step (src/pages/volunteer/withdraw/confirm.astro). */
export const WITHDRAW_CONFIRM_PATH = '/volunteer/withdraw/confirm/';

/** True when `ref` (as typed) is a course enrolment code (E-…). */
export function isEnrolmentRef(ref: string): boolean {
  return refKind(normalizeRefCode(ref)) === 'enrolment';
}

/** The page after a withdrawal of `ref`. */
export function withdrawDoneUrl(ref: string): string {
  return isEnrolmentRef(ref) ? '/volunteer/withdraw/done/?kind=enrolment' : '/volunteer/withdraw/done/';
}

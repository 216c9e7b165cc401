/**
 * Paths of the staff console (src/pages/staff/): server-rendered, no public island loads
 * these. Apart from routes.ts because that module is one chunk shared by every public
 * island: public pages should not download staff paths.
 */
export const staffHome = '/staff/';
export const staffSignIn = '/staff/sign-in/';
/** The sign-in page, returning to `next` afterwards; `notice` says why the person is here. */
export const staffSignInFor = (next?: string, notice?: string): string => {
  const query = new URLSearchParams();
  if (next !== undefined && next !== staffHome) query.set('next', next);
  if (notice !== undefined) query.set('notice', notice);
  const text = query.toString();
  return text === '' ? staffSignIn : `${staffSignIn}?${text}`;
};
/** The second step of signing in (a code from the authenticator app, or a recovery code). */
export const staffSignInCode = '/staff/sign-in/code/';
export const staffSignOut = '/staff/sign-out/';
export const staffTwoFactor = '/staff/two-factor/';
export const staffTwoFactorFor = (next: string): string => `${staffTwoFactor}?next=${encodeURIComponent(next)}`;
export const staffAccount = '/staff/account/';
export const staffPeople = '/staff/people/';
export const staffPeopleOf = (institution: string): string => `/staff/people/${encodeURIComponent(institution)}/`;
/** A one-time link (invitation or password reset); the token is in the path, see src/server/auth/links.ts. */
export const staffInvite = (token: string): string => `/staff/invite/${token}/`;
/** The console's submissions (volunteers, enrollments, reports) and one of them; the audit log. */
export const staffRecords = (kind: string): string => `/staff/${kind}/`;
export const staffRecord = (kind: string, ref: string): string => `/staff/${kind}/${encodeURIComponent(ref)}/`;
export const staffAudit = '/staff/audit/';
/** Live availability: the person's institutions, and one institution's screen (report, 仍然如此). */
export const staffAvailability = '/staff/availability/';
export const staffAvailabilityOf = (institution: string): string => `/staff/availability/${encodeURIComponent(institution)}/`;
/** Listings: the person's institutions and review queue; one institution's listing form; one proposal and its patch. */
export const staffListings = '/staff/listings/';
export const staffListingOf = (institution: string): string => `/staff/listings/${encodeURIComponent(institution)}/`;
export const staffProposal = (id: number): string => `/staff/listings/proposal/${id}/`;
export const staffProposalPatch = (id: number): string => `/staff/listings/patch/${id}/`;
/** Referrals between institutions: the person's incoming and outgoing, a new one, one referral by its code. */
export const staffReferrals = '/staff/referrals/';
export const staffReferralNew = '/staff/referrals/new/';
export const staffReferral = (ref: string): string => `/staff/referrals/${encodeURIComponent(ref)}/`;
/** Consultation requests: the person's institutions (and the commission's overview), one institution's inbox and settings, one request. */
export const staffConsultations = '/staff/consultations/';
export const staffConsultationsOf = (institution: string): string => `/staff/consultations/${encodeURIComponent(institution)}/`;
export const staffConsultation = (institution: string, ref: string): string =>
  `/staff/consultations/${encodeURIComponent(institution)}/${encodeURIComponent(ref)}/`;
/** Events made in the console: the person's events, a new one, one event's form, one change (review). */
export const staffEvents = '/staff/events/';
export const staffEventNew = '/staff/events/new/';
export const staffEvent = (id: string): string => `/staff/events/${encodeURIComponent(id)}/`;
export const staffEventChange = (n: number): string => `/staff/events/change/${n}/`;

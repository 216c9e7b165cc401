/**
 * Who staff are on the site and what each role may do: pure rules, no database, so they
 * are unit-tested on their own and shared by the console pages and the flows.
 *
 * - commission: health-commission staff, scoped to a region (a province, city or county
 *   code of GB/T 2260): see and manage everything within it.
 * - manager: an institution's manager, scoped to that institution: its staff, its listing,
 *   its volunteers and course sessions.
 * - staff: an institution's staff member, scoped to that institution, without managing
 *   accounts.
 * A person may hold several grants (serve several institutions, or a region and an institution).
 */

export const STAFF_ROLES = ['commission', 'manager', 'staff'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export const ROLE_LABELS: Readonly<Record<StaffRole, string>> = {
  commission: '卫生健康委工作人员',
  manager: '机构管理员',
  staff: '机构工作人员',
};

export type StaffGrant =
  | {
      readonly role: 'commission';
      /** GB/T 2260 code: 2 (province), 4 (city) or 6 (county) significant digits, written as 6. */ readonly region: string;
    }
  | { readonly role: 'manager' | 'staff'; /** Registry id. */ readonly institution: string };

/** The signed-in staff member, as every console page sees them. */
export interface StaffPrincipal {
  readonly userId: string;
  readonly username: string;
  /** How they are greeted and named in the audit view. */
  readonly displayName: string;
  readonly grants: readonly StaffGrant[];
  readonly twoFactorEnabled: boolean;
}

/**
 * The whole site: the region of its operators (commission staff who answer for the site
 * itself). It alone also sees what belongs to no place: error reports about a page, course
 * sessions held at a plain address.
 */
export const WHOLE_SITE = '000000';

/** The significant prefix of a region code: 000000 → '' (everything), 330000 → 33, 330100 → 3301, 330106 → 330106. */
export function regionPrefix(region: string): string {
  if (region === WHOLE_SITE) return '';
  if (/^\d{2}0000$/.test(region)) return region.slice(0, 2);
  if (/^\d{4}00$/.test(region)) return region.slice(0, 4);
  return region;
}

/** Whether a county (or any region) code lies within `region`. */
export function withinRegion(code: string, region: string): boolean {
  return code.startsWith(regionPrefix(region));
}

/** Whether the grants include commission staff (two-factor sign-in is required for them). */
export function isCommission(grants: readonly StaffGrant[]): boolean {
  return grants.some((g) => g.role === 'commission');
}

/** The institutions the person serves directly (as manager or staff). */
export function ownInstitutions(grants: readonly StaffGrant[]): string[] {
  return [...new Set(grants.flatMap((g) => (g.role === 'commission' ? [] : [g.institution])))];
}

/** The regions the person watches as commission staff. */
export function ownRegions(grants: readonly StaffGrant[]): string[] {
  return [...new Set(grants.flatMap((g) => (g.role === 'commission' ? [g.region] : [])))];
}

/**
 * Whether someone with `grants` may act for `institution` (located in `county`):
 * as its manager or staff, or as commission staff of a region that contains it.
 * @param asManager true when the act needs a manager (inviting, resetting passwords)
 */
export function mayActFor(grants: readonly StaffGrant[], institution: string, county: string | undefined, asManager = false): boolean {
  return grants.some((g) => {
    if (g.role === 'commission') return county !== undefined && withinRegion(county, g.region);
    if (g.institution !== institution) return false;
    return asManager ? g.role === 'manager' : true;
  });
}

/**
 * Which roles `grants` may invite for `institution` (in `county`): commission staff invite
 * managers (and staff) of institutions in their region, managers invite staff and fellow
 * managers of their own institution; staff invite nobody.
 */
export function invitableRoles(grants: readonly StaffGrant[], institution: string, county: string | undefined): ('manager' | 'staff')[] {
  return mayActFor(grants, institution, county, true) ? ['manager', 'staff'] : [];
}

/** Whether commission staff with `grants` may invite commission staff for `region` (a region within their own). */
export function mayInviteCommission(grants: readonly StaffGrant[], region: string): boolean {
  return grants.some((g) => g.role === 'commission' && withinRegion(region, g.region));
}

/** Where an institution is: its county code, or undefined for an id the registry does not know. */
export type CountyOf = (institution: string) => string | undefined;

/** A grant's scope as one string: the region code or the registry id. */
export function grantScope(grant: StaffGrant): string {
  return grant.role === 'commission' ? grant.region : grant.institution;
}

/** A grant from its stored role and scope; undefined for a role this code does not know. */
export function grantFrom(role: string, scope: string): StaffGrant | undefined {
  if (role === 'commission') return { role, region: scope };
  if (role === 'manager' || role === 'staff') return { role, institution: scope };
  return undefined;
}

/**
 * Whether someone with `grants` may give `grant` to a person (by invitation), or take it
 * away again: commission staff for institutions and commission posts within their region,
 * managers for their own institution. Nobody else, and never a grant for an institution the
 * registry does not know.
 */
export function mayGrant(grants: readonly StaffGrant[], grant: StaffGrant, countyOf: CountyOf): boolean {
  if (grant.role === 'commission') return mayInviteCommission(grants, grant.region);
  const county = countyOf(grant.institution);
  return county !== undefined && invitableRoles(grants, grant.institution, county).includes(grant.role);
}

/**
 * Whether someone with `grants` may manage another person's account (make a password reset
 * link for them): only when every grant that person holds is one `grants` could give. So a
 * manager cannot reset the password of commission staff who also serve at their institution,
 * which would hand the manager the commission's wider view. Nobody manages their own account
 * this way (the account page changes one's own password), and nobody manages a person
 * with no grants left.
 */
export function mayManagePerson(grants: readonly StaffGrant[], self: boolean, theirs: readonly StaffGrant[], countyOf: CountyOf): boolean {
  return !self && theirs.length > 0 && theirs.every((g) => mayGrant(grants, g, countyOf));
}

/** Whether `grants` may see an institution's people and records (its managers and staff, commission staff of its region). */
export function maySeeInstitution(grants: readonly StaffGrant[], institution: string, countyOf: CountyOf): boolean {
  return mayActFor(grants, institution, countyOf(institution));
}

/** Whether the person must use two-step sign-in (TOTP) before anything else: commission staff must. */
export function requiresTwoFactor(grants: readonly StaffGrant[]): boolean {
  return isCommission(grants);
}

/**
 * Paths of the staff console (src/pages/staff/): server-rendered, no public island loads
 * these. Apart from routes.ts because that module is one chunk shared by every public
 * island: public pages should not download staff paths.
 */
export const staffHome = '/staff/';
export const staffRecords = (kind: string): string => `/staff/${kind}/`;
export const staffRecord = (kind: string, ref: string): string => `/staff/${kind}/${encodeURIComponent(ref)}/`;
export const staffAudit = '/staff/audit/';
export const staffPeople = '/staff/people/';
export const staffAccount = '/staff/account/';

/**
 * Paths of the staff API (src/pages/api/admin/), used by the staff page's script. Apart from
 * routes.ts because that module is one chunk shared by every public island: public pages
 * should not download staff paths.
 */
export const apiAdminList = (kind: string, query: string): string => `/api/admin/${kind}?${query}`;
export const apiAdminCsv = (kind: string, query: string): string => `/api/admin/${kind}.csv?${query}`;
export const apiAdminRecord = (kind: string, ref: string): string => `/api/admin/${kind}/${encodeURIComponent(ref)}`;

/** The staff console (src/pages/staff/): server-rendered, no public island loads these. */
export const staffHome = '/staff/';
export const staffRecords = (kind: string): string => `/staff/${kind}/`;
export const staffRecord = (kind: string, ref: string): string => `/staff/${kind}/${encodeURIComponent(ref)}/`;
export const staffAudit = '/staff/audit/';
export const staffPeople = '/staff/people/';
export const staffAccount = '/staff/account/';

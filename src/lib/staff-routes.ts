/**
 * Paths of the staff API (src/pages/api/admin/), used by the staff page's script. Apart from
 * routes.ts because that module is one chunk shared by every public island: public pages
 * should not download staff paths.
 */
export const apiAdminList = (kind: string, query: string): string => `/api/admin/${kind}?${query}`;
export const apiAdminCsv = (kind: string, query: string): string => `/api/admin/${kind}.csv?${query}`;
export const apiAdminRecord = (kind: string, ref: string): string => `/api/admin/${kind}/${encodeURIComponent(ref)}`;

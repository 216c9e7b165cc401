/**
 * The API's public paths have no trailing slash (POST /api/volunteers), while the site is
 * built with trailingSlash: 'always', which would answer them with a redirect that turns a
 * POST into a GET. The Node server passes API paths through here before routing.
 */
import * as routes from '../lib/routes.ts';
import { staffHome } from '../lib/staff-routes.ts';

/** True for /api and everything under it. */
export function isApiPath(url: string | undefined): boolean {
  return url !== undefined && (url === '/api' || url.startsWith('/api/') || url.startsWith('/api?'));
}

/**
 * The same URL with a slash added to an API path that has neither one nor a file
 * extension: /api/volunteers?x=1 → /api/volunteers/?x=1; a path ending in a file name (x.csv) unchanged.
 */
export function withApiSlash(url: string): string {
  const cut = url.search(/[?#]/);
  const path = cut === -1 ? url : url.slice(0, cut);
  const rest = cut === -1 ? '' : url.slice(cut);
  const last = path.slice(path.lastIndexOf('/') + 1);
  if (path.endsWith('/') || last.includes('.')) return url;
  return `${path}/${rest}`;
}

/**
 * Pages rendered on demand by the Node process (not files in dist/client): the report form
 * (prefilled from its query without JavaScript), the pages that show a reference code, and
 * the withdrawal's no-JavaScript confirmation step and its done page.
 * A static host or nginx must pass these to Node along with /api/ (docs/deploy.md); the
 * link checker treats them as existing.
 */
export const ON_DEMAND_PAGES: readonly string[] = [
  routes.report,
  routes.reportThanksPage,
  routes.volunteerThanksPage,
  routes.enrolmentThanks,
  routes.withdrawConfirm,
  routes.withdrawDone,
  routes.join,
  routes.consult,
  routes.consultThanksPage,
  routes.consultStatus,
  routes.unmetDemand,
];

/**
 * Pages rendered on demand with a parameter in the path: every path under these prefixes.
 * The availability page of an institution (/availability/<id>/) answers from the database
 * for readers without JavaScript. nginx forwards each prefix to Node (docs/deploy.md); the
 * link checker treats the paths under them as existing.
 */
export const ON_DEMAND_SECTIONS: readonly string[] = [routes.availabilityPages];

/**
 * The one API answer that browsers and proxies may keep: GET /api/availability, public and
 * the same for everyone (statuses per care mode, no personal data), with its own
 * `Cache-Control: public, max-age=60` and ETag (src/server/network/availability-feed.ts).
 * Every other /api/ answer is no-store (http-server.ts).
 */
export function isCachedApi(pathname: string): boolean {
  return pathname === routes.apiAvailability || pathname === `${routes.apiAvailability}/`;
}

/**
 * Methods that a fetch Request cannot carry (the Fetch standard forbids them), so Astro
 * cannot even build the request: the server answers them itself with 405, before Astro,
 * instead of a 500 and a stack trace in the log for each one.
 */
export const FORBIDDEN_METHODS: ReadonlySet<string> = new Set(['CONNECT', 'TRACE', 'TRACK']);

/**
 * The public pages that take a post: the no-JavaScript confirmation step of a withdrawal
 * (src/pages/volunteer/withdraw/confirm.astro; it deletes nothing, its confirm button
 * posts on to /api/volunteers/withdraw), and the application to be listed (/join/, which
 * posts to itself). Every other public page answers GET and HEAD only.
 */
export const POST_PAGES: ReadonlySet<string> = new Set([
  routes.withdrawConfirm,
  routes.withdrawConfirm.slice(0, -1),
  routes.join,
  routes.join.slice(0, -1),
  // The family's status page: the code and last four digits are posted, never put in the URL.
  routes.consultStatus,
  routes.consultStatus.slice(0, -1),
]);

/** Pages that take a post: the withdrawal's confirmation step, and every page of the staff console (its forms post to themselves). */
function takesPost(pathname: string): boolean {
  return POST_PAGES.has(pathname) || pathname.startsWith(staffHome);
}

/** True when `method` on the page `pathname` (not under /api/) gets a 405. */
export function pageRefuses(pathname: string, method: string): boolean {
  return method !== 'GET' && method !== 'HEAD' && !(method === 'POST' && takesPost(pathname));
}

/** The methods a path answers, for the Allow header of a 405 (see the routes under src/pages/api/). */
export function allowedMethods(pathname: string): string {
  if (takesPost(pathname)) return 'GET, HEAD, POST';
  const path = pathname.endsWith('/') ? pathname.slice(0, -1) : pathname;
  if (path === '/api/enrollments') return 'GET, POST';
  if (path === routes.apiAvailability) return 'GET, HEAD';
  if (path.startsWith('/api/')) return 'POST';
  return 'GET, HEAD';
}

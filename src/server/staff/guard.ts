/**
 * The opening every console data page shares (submissions, the audit log), on top of the
 * console's sign-in and CSRF helpers (src/server/auth/console.ts): the signed-in person,
 * the database, the page's CSRF token and, for a POST, its checked fields. A post that
 * fails the checks (another site, an expired page, a bad token) comes back as `refused`
 * with its status; the page shows itself again with a message and changes nothing.
 */
import type { AstroGlobal } from 'astro';
import type { StaffPrincipal } from '../../lib/network/roles.ts';
import { accountSummaries } from '../auth/accounts.ts';
import { csrfToken, readStaffForm, requireStaff, staffContext } from '../auth/console.ts';
import type { Db } from '../db/connect.ts';

export interface ConsolePage {
  readonly principal: StaffPrincipal;
  readonly db: Db;
  readonly csrf: string;
  /** The posted fields, when the request is a POST that passed the checks. */
  readonly form: URLSearchParams | undefined;
  /** The status of a POST refused by the checks (403, 413, 415, 400); undefined otherwise. */
  readonly refused: number | undefined;
}

/**
 * @param maxFormBytes a larger body for a long form (a whole listing: Chinese text is nine
 *   bytes a character once urlencoded); 8 KB otherwise.
 */
export async function consolePage(Astro: AstroGlobal, maxFormBytes?: number): Promise<ConsolePage | Response> {
  const principal = await requireStaff(Astro);
  if (principal instanceof Response) return principal;
  const { db } = await staffContext();
  let form: URLSearchParams | undefined;
  let refused: number | undefined;
  if (Astro.request.method === 'POST') {
    const read = await readStaffForm(Astro, maxFormBytes);
    if (read.ok) form = read.fields;
    else {
      refused = read.status;
      Astro.response.status = read.status;
    }
  }
  return { principal, db, csrf: csrfToken(Astro), form, refused };
}

/** Each staff member's name by user id, for the audit view (people who have since left keep their id). */
export async function staffNames(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  const summaries = await accountSummaries(db, [...new Set(ids)]);
  return new Map([...summaries].map(([id, s]) => [id, s.displayName]));
}

/**
 * Who is signed in: the library's session (in the database, so any server node can read
 * it), checked against our absolute lifetime, with the person's grants from staff_grant.
 * The idle timeout is the library's: a session unused for STAFF_IDLE_MINUTES has expired.
 */
import type { StaffPrincipal } from '../../lib/network/roles.ts';
import type { Db } from '../db/connect.ts';
import { cookieName, setCookiesOf } from './cookies.ts';
import { toMillis } from './dates.ts';
import { grantsOf } from './grants.ts';
import { COOKIE_PATH, staffAuth } from './instance.ts';
import type { StaffSettings } from './settings.ts';

export interface StaffSession {
  readonly principal: StaffPrincipal;
  readonly sessionId: string;
  /** Set-Cookie lines the library wants sent (a refreshed session cookie). */
  readonly cookies: readonly string[];
}

export type SessionLookup =
  | { readonly kind: 'signed-in'; readonly session: StaffSession }
  | { readonly kind: 'none'; readonly cookies: readonly string[] }
  /** Past its absolute lifetime: ended now. */
  | { readonly kind: 'expired'; readonly cookies: readonly string[] };

/** A Set-Cookie line that removes the session cookie. */
export function clearSessionCookie(settings: StaffSettings): string {
  return `${cookieName(settings, 'session_token')}=; Path=${COOKIE_PATH}; HttpOnly; SameSite=Lax; Max-Age=0${settings.secureCookies ? '; Secure' : ''}`;
}

/** The signed-in staff member of a request, if any. */
export async function lookUpSession(db: Db, settings: StaffSettings, request: Request, now = Date.now()): Promise<SessionLookup> {
  if (settings.secret === undefined) return { kind: 'none', cookies: [] };
  const { headers, response } = await staffAuth(db, settings).api.getSession({ headers: request.headers, returnHeaders: true });
  const cookies = setCookiesOf(headers);
  if (response === null) return { kind: 'none', cookies };
  const { session, user } = response;
  if (now - toMillis(session.createdAt) > settings.absoluteSeconds * 1000) {
    await db.kysely.deleteFrom('staff_session').where('id', '=', session.id).execute();
    return { kind: 'expired', cookies: [clearSessionCookie(settings)] };
  }
  const grants = (await grantsOf(db, user.id)).map((g) => g.grant);
  const principal: StaffPrincipal = {
    userId: user.id,
    username: user.displayUsername ?? user.username ?? '',
    displayName: user.name,
    grants,
    twoFactorEnabled: user.twoFactorEnabled === true,
  };
  return { kind: 'signed-in', session: { principal, sessionId: session.id, cookies } };
}

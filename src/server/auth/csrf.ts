/**
 * Protection of the console's forms against cross-site requests, on top of the Origin
 * check every POST gets (src/server/request.ts isCrossSite): a signed double-submit token
 * (OWASP). The browser holds a random csrf cookie (httpOnly, SameSite=Strict, path
 * /staff/); each form carries HMAC(secret, cookie and session cookie). Another site can
 * neither read the cookie nor compute the token, and a token made for one session is
 * worthless in another, so even someone able to plant cookies on the domain cannot forge
 * one. Forms before sign-in (sign-in, invitations) are covered the same way, which stops
 * "sign-in CSRF" (signing a victim into the attacker's account).
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { cookieName, requestCookies, setCookieLine } from './cookies.ts';
import type { StaffSettings } from './settings.ts';

export const CSRF_FIELD = 'csrf';
const CSRF_COOKIE = 'csrf';

function sign(secret: string, csrfCookie: string, sessionCookie: string): string {
  return createHmac('sha256', secret).update(`csrf|${csrfCookie}|${sessionCookie}`).digest('base64url');
}

/** This request's session cookie as sent (the library's signed value), or ''. */
function sessionCookieOf(settings: StaffSettings, request: Request): string {
  return requestCookies(request).get(cookieName(settings, 'session_token')) ?? '';
}

/**
 * The token for the forms of the page answering `request`, and the Set-Cookie line to send
 * when the browser has no csrf cookie yet.
 */
export function csrfFor(settings: StaffSettings, request: Request): { token: string; cookie: string | undefined } {
  const secret = settings.secret ?? '';
  const existing = requestCookies(request).get(cookieName(settings, CSRF_COOKIE));
  const value = existing !== undefined && /^[A-Za-z0-9_-]{43}$/.test(existing) ? existing : randomBytes(32).toString('base64url');
  return {
    token: sign(secret, value, sessionCookieOf(settings, request)),
    cookie: value === existing ? undefined : setCookieLine(settings, CSRF_COOKIE, value, { sameSite: 'Strict' }),
  };
}

/** Whether a posted token matches the browser's csrf cookie and session. */
export function csrfMatches(settings: StaffSettings, request: Request, token: string | undefined): boolean {
  const cookie = requestCookies(request).get(cookieName(settings, CSRF_COOKIE));
  if (settings.secret === undefined || cookie === undefined || token === undefined) return false;
  const expected = Buffer.from(sign(settings.secret, cookie, sessionCookieOf(settings, request)));
  const given = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

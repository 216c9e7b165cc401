/**
 * Cookies of the staff console: reading the request's, writing our own, and carrying the
 * authentication library's Set-Cookie lines over to the page's response.
 */
import { COOKIE_PATH } from './instance.ts';
import type { StaffSettings } from './settings.ts';

/** The request's cookies by name (the first of a repeated name wins, as browsers send the most specific path first). */
export function requestCookies(request: Request): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (request.headers.get('cookie') ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    if (cookies.has(name)) continue;
    try {
      cookies.set(name, decodeURIComponent(part.slice(eq + 1).trim()));
    } catch {
      // A value that does not decode is not one of ours.
    }
  }
  return cookies;
}

/** A cookie name as the browser sees it: __Secure- in front when the site is served over https. */
export function cookieName(settings: StaffSettings, name: string): string {
  return `${settings.secureCookies ? '__Secure-' : ''}staff.${name}`;
}

export interface CookieOptions {
  /** Seconds; undefined: until the browser closes; 0: delete now. */
  readonly maxAge?: number | undefined;
  readonly sameSite?: 'Strict' | 'Lax';
}

/** A Set-Cookie line for one of the console's own cookies: httpOnly, path /staff/, Secure over https. */
export function setCookieLine(settings: StaffSettings, name: string, value: string, options: CookieOptions = {}): string {
  const parts = [
    `${cookieName(settings, name)}=${encodeURIComponent(value)}`,
    `Path=${COOKIE_PATH}`,
    'HttpOnly',
    `SameSite=${options.sameSite ?? 'Strict'}`,
  ];
  if (settings.secureCookies) parts.push('Secure');
  if (options.maxAge !== undefined) parts.push(`Max-Age=${options.maxAge}`);
  return parts.join('; ');
}

/** The Set-Cookie lines of a library response's headers. */
export function setCookiesOf(headers: Headers | undefined): string[] {
  return headers?.getSetCookie() ?? [];
}

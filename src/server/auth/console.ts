/**
 * What a console page (src/pages/staff/) needs from the server, in one place:
 *
 *   const staff = await requireStaff(Astro);          // StaffPrincipal, or a Response to return
 *   if (staff instanceof Response) return staff;
 *   const form = Astro.request.method === 'POST' ? await readStaffForm(Astro) : undefined;
 *   if (form?.ok === false) … // refused: form.status (403: expired page or another site)
 *   <input type="hidden" name={CSRF_FIELD} value={csrfToken(Astro)} />
 *
 * Every page is no-store and noindex, whether or not a proxy adds the headers.
 */
import type { AstroGlobal } from 'astro';
import * as staffRoutes from '../../lib/staff-routes.ts';
import { requiresTwoFactor, type StaffPrincipal } from '../../lib/network/roles.ts';
import { sharedDb, type Db } from '../db/connect.ts';
import { clientAddress, isCrossSite, readBody } from '../request.ts';
import { STAFF_HEADERS } from '../security-headers.ts';
import { CSRF_FIELD, csrfFor, csrfMatches } from './csrf.ts';
import { lookUpSession, type StaffSession } from './session.ts';
import { staffSettings, type StaffSettings } from './settings.ts';

export { CSRF_FIELD };

/** Largest form the console accepts: a few fields of text. */
const MAX_FORM_BYTES = 8 * 1024;

interface PageState {
  session?: StaffSession;
  csrf?: string;
}
const states = new WeakMap<Request, PageState>();
function state(Astro: AstroGlobal): PageState {
  let s = states.get(Astro.request);
  if (s === undefined) {
    s = {};
    states.set(Astro.request, s);
  }
  return s;
}

let warned = false;

/** Says once in the server's log why the console is off, or that it runs on the development secret. */
function warnOnce(settings: StaffSettings): void {
  if (warned) return;
  warned = true;
  if (settings.disabledReason !== undefined) console.error(`[staff] ${settings.disabledReason}`);
  else if (settings.developmentSecret)
    console.warn('[staff] 没有设置 BETTER_AUTH_SECRET：工作人员后台使用开发用密钥，只适合本机开发和测试（见 docs/staff.md）。');
}

/** The console's settings and database (the process's shared handle). */
export async function staffContext(): Promise<{ db: Db; settings: StaffSettings }> {
  const settings = staffSettings();
  warnOnce(settings);
  return { db: await sharedDb(), settings };
}

/** Marks the page no-store and noindex; call first on every console page. */
export function staffPage(Astro: AstroGlobal): void {
  for (const [name, value] of Object.entries(STAFF_HEADERS)) Astro.response.headers.set(name, value);
}

/** Sends Set-Cookie lines with the page being rendered. */
export function sendCookies(Astro: AstroGlobal, lines: readonly string[]): void {
  for (const line of lines) Astro.response.headers.append('Set-Cookie', line);
}

/** A 303 redirect (after a POST, or to sign in) carrying Set-Cookie lines. */
export function seeOther(location: string, cookies: readonly string[] = []): Response {
  const headers = new Headers({ Location: location, ...STAFF_HEADERS });
  for (const line of cookies) headers.append('Set-Cookie', line);
  return new Response(null, { status: 303, headers });
}

/**
 * Where to go after signing in: a console path from the request (never another site:
 * "//evil.example", "/\evil", "https://…" all give the console's home).
 */
export function safeNext(value: string | null | undefined): string {
  if (value === null || value === undefined || !value.startsWith('/') || value.startsWith('//') || /[\\\s]/.test(value))
    return staffRoutes.staffHome;
  try {
    const url = new URL(value, 'http://console.invalid');
    if (url.origin !== 'http://console.invalid' || !url.pathname.startsWith(staffRoutes.staffHome)) return staffRoutes.staffHome;
    return `${url.pathname}${url.search}`;
  } catch {
    return staffRoutes.staffHome;
  }
}

export interface RequireOptions {
  /** The two-step setup page and sign-out: reachable before commission staff have set it up. */
  readonly beforeTwoFactor?: boolean;
  /** Home, account and sign-out: reachable by a person whose grants were all removed. */
  readonly withoutGrants?: boolean;
}

/**
 * The signed-in staff member, or the Response to return instead: to sign in (with this
 * page as `next`), to set up two-step sign-in (commission staff without it), or home (a
 * person with no grants left, where the page says so).
 */
export async function requireStaff(Astro: AstroGlobal, options: RequireOptions = {}): Promise<StaffPrincipal | Response> {
  staffPage(Astro);
  const { db, settings } = await staffContext();
  const found = await lookUpSession(db, settings, Astro.request);
  const here = `${Astro.url.pathname}${Astro.url.search}`;
  if (found.kind !== 'signed-in')
    return seeOther(staffRoutes.staffSignInFor(here, found.kind === 'expired' ? 'expired' : undefined), found.cookies);
  const { session } = found;
  state(Astro).session = session;
  sendCookies(Astro, session.cookies);
  const principal = session.principal;
  if (options.beforeTwoFactor !== true && requiresTwoFactor(principal.grants) && !principal.twoFactorEnabled)
    return seeOther(staffRoutes.staffTwoFactorFor(here), session.cookies);
  if (options.withoutGrants !== true && principal.grants.length === 0) return seeOther(staffRoutes.staffHome, session.cookies);
  return principal;
}

/** The CSRF token for this page's forms (sets the csrf cookie when the browser has none). */
export function csrfToken(Astro: AstroGlobal): string {
  const s = state(Astro);
  if (s.csrf !== undefined) return s.csrf;
  const { token, cookie } = csrfFor(staffSettings(), Astro.request);
  if (cookie !== undefined) sendCookies(Astro, [cookie]);
  s.csrf = token;
  return token;
}

export type StaffForm =
  { readonly ok: true; readonly fields: URLSearchParams } | { readonly ok: false; readonly status: 400 | 403 | 413 | 415 };

/**
 * A console form's fields, after the checks every POST gets: sent by this site (Origin),
 * urlencoded and small, with a CSRF token that matches. `ok: false` when any fails: the
 * page then says the form had expired and shows it again (with a fresh token).
 */
export async function readStaffForm(Astro: AstroGlobal, maxBytes = MAX_FORM_BYTES): Promise<StaffForm> {
  const settings = staffSettings();
  if (isCrossSite(Astro.request, settings.siteOrigin, settings.trustProxy)) return { ok: false, status: 403 };
  const body = await readBody(Astro.request, maxBytes);
  if (!body.ok) return { ok: false, status: body.status };
  if (body.kind !== 'form' || body.illFormed.length > 0) return { ok: false, status: 400 };
  const fields = new URLSearchParams();
  for (const [name, value] of Object.entries(body.data)) {
    for (const v of Array.isArray(value) ? value : [value]) if (typeof v === 'string') fields.append(name, v);
  }
  if (!csrfMatches(settings, Astro.request, fields.get(CSRF_FIELD) ?? undefined)) return { ok: false, status: 403 };
  return { ok: true, fields };
}

/** The client's address, for the sign-in throttle (X-Forwarded-For only with TRUST_PROXY). */
export function clientIp(Astro: AstroGlobal): string | undefined {
  let socket: string | undefined;
  try {
    socket = Astro.clientAddress;
  } catch {
    socket = undefined;
  }
  return clientAddress(Astro.request, socket, staffSettings().trustProxy);
}

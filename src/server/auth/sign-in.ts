/**
 * Signing in: username or mobile number and password, then (when the person uses it) a
 * code from their authenticator app or a recovery code. Throttled (throttle.ts) and
 * written to the audit log, every attempt.
 *
 * Sign-in never tells whether an account exists: a wrong password and an unknown name get
 * the same answer, after the same work (an unknown name still costs one password hash,
 * like checking a real one), and the throttle counts both alike. The audit log names the
 * account when what was typed matched one, and 'anonymous' otherwise; it never holds what
 * was typed (a "username" may be a password typed in the wrong box).
 */
import { hashPassword } from 'better-auth/crypto';
import { recordAudit } from './audit.ts';
import { findAccount } from './accounts.ts';
import { cookieName, requestCookies, setCookieLine, setCookiesOf } from './cookies.ts';
import { staffAuth } from './instance.ts';
import type { StaffSettings } from './settings.ts';
import {
  accountKey,
  countCodeAttempt,
  countPasswordAttempt,
  DEVICE_COOKIE,
  DEVICE_COOKIE_DAYS,
  newDeviceCookie,
  readDeviceCookie,
} from './throttle.ts';
import type { Db } from '../db/connect.ts';

export type SignInOutcome =
  | { readonly kind: 'signed-in'; readonly userId: string; readonly cookies: readonly string[] }
  | { readonly kind: 'needs-code'; readonly userId: string; readonly cookies: readonly string[] }
  | { readonly kind: 'refused' }
  | { readonly kind: 'throttled'; readonly retryAfterSeconds: number };

export interface Credentials {
  /** Username or mobile number, as typed. */
  readonly identifier: string;
  readonly password: string;
}

/** The library's error for a refused sign-in or code, as opposed to a broken database. */
function isRefusal(error: unknown): boolean {
  return (
    typeof error === 'object' && error !== null && 'statusCode' in error && typeof error.statusCode === 'number' && error.statusCode < 500
  );
}

/**
 * Deletes what the console no longer needs: sessions and pending sign-ins past their expiry
 * (the library only drops those it meets), and one-time links 90 days after they expired
 * (the audit log keeps that they were made and used).
 */
export async function sweepExpired(db: Db, now = new Date()): Promise<void> {
  const at = db.engine === 'postgres' ? now : now.toISOString();
  await db.kysely.deleteFrom('staff_session').where('expires_at', '<', at).execute();
  await db.kysely.deleteFrom('staff_verification').where('expires_at', '<', at).execute();
  await db.kysely
    .deleteFrom('staff_invitation')
    .where('expires_at', '<', new Date(now.getTime() - 90 * 86_400_000).toISOString())
    .execute();
}

/** The device cookie's Set-Cookie line for an account that just signed in. */
function deviceCookie(settings: StaffSettings, secret: string, userId: string): string {
  return setCookieLine(settings, DEVICE_COOKIE, newDeviceCookie(secret, userId), { maxAge: DEVICE_COOKIE_DAYS * 86_400 });
}

/** The first step: username or mobile number, and password. */
export async function signInWithPassword(
  db: Db,
  settings: StaffSettings,
  request: Request,
  address: string | undefined,
  input: Credentials,
): Promise<SignInOutcome> {
  const secret = settings.secret;
  if (secret === undefined) return { kind: 'refused' };
  const account = await findAccount(db, input.identifier);
  const device = readDeviceCookie(secret, requestCookies(request).get(cookieName(settings, DEVICE_COOKIE)));
  const knownDevice = account !== undefined && device?.userId === account.id ? device.nonce : undefined;
  const actor = account?.id ?? 'anonymous';
  const failed = (outcome: string) =>
    recordAudit(db, { actor, action: 'auth.sign-in-failed', targetKind: 'staff', targetRef: account?.id, outcome });

  const decision = await countPasswordAttempt(db, { account: accountKey(secret, input.identifier, account?.id), address, knownDevice });
  if (!decision.allowed) {
    await failed('throttled');
    return { kind: 'throttled', retryAfterSeconds: decision.retryAfterSeconds };
  }
  if (account === undefined) {
    await hashPassword(input.password); // the same work as checking a real password
    await failed('no-such-account');
    return { kind: 'refused' };
  }
  let result;
  try {
    result = await staffAuth(db, settings).api.signInUsername({
      body: { username: account.username, password: input.password },
      headers: request.headers,
      returnHeaders: true,
    });
  } catch (error) {
    if (!isRefusal(error)) throw error;
    await failed('bad-password');
    return { kind: 'refused' };
  }
  const cookies = setCookiesOf(result.headers);
  await sweepExpired(db, new Date());
  if ('twoFactorRedirect' in result.response) {
    await recordAudit(db, {
      actor: account.id,
      action: 'auth.sign-in',
      targetKind: 'staff',
      targetRef: account.id,
      detail: 'password ok; code next',
    });
    return { kind: 'needs-code', userId: account.id, cookies };
  }
  await recordAudit(db, { actor: account.id, action: 'auth.sign-in', targetKind: 'staff', targetRef: account.id });
  return { kind: 'signed-in', userId: account.id, cookies: [...cookies, deviceCookie(settings, secret, account.id)] };
}

/** The account waiting for its second step in this browser (from the library's two_factor cookie), if any. */
export async function pendingSignIn(db: Db, settings: StaffSettings, request: Request): Promise<string | undefined> {
  const raw = requestCookies(request).get(cookieName(settings, 'two_factor'));
  const dot = raw?.lastIndexOf('.') ?? -1;
  if (raw === undefined || dot < 1) return undefined;
  const at = db.engine === 'postgres' ? new Date() : new Date().toISOString();
  const row = await db.kysely
    .selectFrom('staff_verification')
    .select('value')
    .where('identifier', '=', raw.slice(0, dot))
    .where('expires_at', '>', at)
    .executeTakeFirst();
  return row?.value;
}

export type CodeKind = 'totp' | 'recovery';

export type CodeOutcome =
  | { readonly kind: 'signed-in'; readonly userId: string; readonly cookies: readonly string[] }
  | { readonly kind: 'refused' }
  /** The sign-in has expired or used up its tries: start again with the password. */
  | { readonly kind: 'start-again'; readonly cookies: readonly string[] }
  | { readonly kind: 'throttled'; readonly retryAfterSeconds: number };

/** Six digits, typed with or without spaces (full-width digits too). */
export function cleanTotp(text: string): string {
  return text.normalize('NFKC').replace(/[\s-]/g, '');
}

/** A recovery code as issued (xxxxx-xxxxx), from what was typed: any case, spaces or no dash. */
export function cleanRecoveryCode(text: string): string {
  const raw = text.normalize('NFKC').toLowerCase().replace(/[\s-]/g, '');
  return raw.length === 10 ? `${raw.slice(0, 5)}-${raw.slice(5)}` : raw;
}

/** The second step: a code from the authenticator app, or a recovery code. */
export async function signInWithCode(
  db: Db,
  settings: StaffSettings,
  request: Request,
  kind: CodeKind,
  code: string,
): Promise<CodeOutcome> {
  const secret = settings.secret;
  const userId = await pendingSignIn(db, settings, request);
  if (secret === undefined || userId === undefined) return { kind: 'start-again', cookies: [] };
  const detail = kind === 'totp' ? 'authenticator code' : 'recovery code';
  const decision = await countCodeAttempt(db, userId);
  if (!decision.allowed) {
    await recordAudit(db, {
      actor: userId,
      action: 'auth.sign-in-failed',
      targetKind: 'staff',
      targetRef: userId,
      outcome: 'throttled',
      detail,
    });
    return { kind: 'throttled', retryAfterSeconds: decision.retryAfterSeconds };
  }
  const api = staffAuth(db, settings).api;
  let result;
  try {
    result =
      kind === 'totp'
        ? await api.verifyTOTP({ body: { code: cleanTotp(code) }, headers: request.headers, returnHeaders: true })
        : await api.verifyBackupCode({ body: { code: cleanRecoveryCode(code) }, headers: request.headers, returnHeaders: true });
  } catch (error) {
    if (!isRefusal(error)) throw error;
    const reason = (error as { body?: { code?: string } }).body?.code ?? '';
    const over = /TOO_MANY|LOCKED|INVALID_TWO_FACTOR_COOKIE/.test(reason);
    await recordAudit(db, {
      actor: userId,
      action: 'auth.sign-in-failed',
      targetKind: 'staff',
      targetRef: userId,
      outcome: over ? 'code-locked' : 'bad-code',
      detail,
    });
    if (over) return { kind: 'start-again', cookies: [setCookieLine(settings, 'two_factor', '', { maxAge: 0, sameSite: 'Lax' })] };
    return { kind: 'refused' };
  }
  await recordAudit(db, {
    actor: userId,
    action: 'auth.two-factor',
    targetKind: 'staff',
    targetRef: userId,
    detail: `sign-in with ${detail}`,
  });
  return { kind: 'signed-in', userId, cookies: [...setCookiesOf(result.headers), deviceCookie(settings, secret, userId)] };
}

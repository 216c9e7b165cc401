/**
 * Slowing down password guessing at sign-in, in the database so every server node counts
 * together (src/server/db/counters.ts).
 *
 * Every attempt is counted before the password is checked, so a burst of parallel guesses
 * cannot slip past a limit it has not reached yet. Limits, per 15 minutes:
 * - a browser that has signed in to the account before (it holds a signed "device cookie"
 *   for that account, OWASP's device-cookie scheme): 10 attempts for that browser alone;
 * - any other browser: 30 attempts per client address and 10 per account.
 * So a stranger who guesses at an account uses up only the unknown-device allowance: the
 * rightful person, on a browser they signed in with before, still gets in. Someone on a new
 * browser while the account is under attack waits out the window (or a colleague with
 * manager rights sends a reset link). An unknown username is counted under a keyed hash of
 * what was typed, so it is throttled exactly like a real one and the throttle tells nobody
 * whether an account exists; the typed text itself is stored nowhere.
 *
 * The second step (a code from the authenticator app, or a recovery code) is counted per
 * account, on top of the library's own limit per sign-in and its lock after ten failures.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { isMobile, normalizeMobile, normalizeUsername } from '../../lib/network/account-rules.ts';
import type { Db } from '../db/connect.ts';
import { hitCounter, sweepCounters, type RateDecision } from '../db/counters.ts';

export interface Limit {
  readonly limit: number;
  readonly windowMs: number;
}

const WINDOW_MS = 15 * 60_000;
export const SIGN_IN_LIMITS = {
  knownDevice: { limit: 10, windowMs: WINDOW_MS },
  address: { limit: 30, windowMs: WINDOW_MS },
  account: { limit: 10, windowMs: WINDOW_MS },
  code: { limit: 10, windowMs: WINDOW_MS },
} as const satisfies Record<string, Limit>;

/** How long a device cookie is remembered: half a year. */
export const DEVICE_COOKIE_DAYS = 180;
export const DEVICE_COOKIE = 'device';

interface Bucket {
  readonly bucket: string;
  readonly client: string;
  readonly limit: Limit;
}

function mac(secret: string, text: string): string {
  return createHmac('sha256', secret).update(text).digest('base64url');
}

/** A new device cookie value for an account: its id, a random nonce, and a signature. */
export function newDeviceCookie(secret: string, userId: string): string {
  const nonce = randomBytes(16).toString('base64url');
  return `${userId}.${nonce}.${mac(secret, `device|${userId}|${nonce}`)}`;
}

/** The account and nonce of a device cookie, when its signature is ours. */
export function readDeviceCookie(secret: string, value: string | undefined): { userId: string; nonce: string } | undefined {
  const [userId, nonce, signature, ...rest] = (value ?? '').split('.');
  if (userId === undefined || nonce === undefined || signature === undefined || rest.length > 0 || userId === '' || nonce === '')
    return undefined;
  const expected = Buffer.from(mac(secret, `device|${userId}|${nonce}`));
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected) ? { userId, nonce } : undefined;
}

/** The counter key of an account: its id, or for a name that matches none a keyed hash of the name. */
export function accountKey(secret: string, typed: string, userId: string | undefined): string {
  if (userId !== undefined) return `u:${userId}`;
  const mobile = normalizeMobile(typed);
  return `x:${mac(secret, `account|${isMobile(mobile) ? mobile : normalizeUsername(typed)}`).slice(0, 32)}`;
}

export interface Attempt {
  /** accountKey() of what was typed. */
  readonly account: string;
  /** The client's address, or undefined when unknown (then all such clients share one count). */
  readonly address: string | undefined;
  /** The nonce of a valid device cookie for this very account. */
  readonly knownDevice: string | undefined;
}

function passwordBuckets(attempt: Attempt): Bucket[] {
  if (attempt.knownDevice !== undefined)
    return [{ bucket: 'staff-sign-in-device', client: attempt.knownDevice, limit: SIGN_IN_LIMITS.knownDevice }];
  return [
    { bucket: 'staff-sign-in-address', client: attempt.address ?? 'unknown', limit: SIGN_IN_LIMITS.address },
    { bucket: 'staff-sign-in-account', client: attempt.account, limit: SIGN_IN_LIMITS.account },
  ];
}

async function count(db: Db, buckets: readonly Bucket[], now: number): Promise<RateDecision> {
  let retry = 0;
  for (const b of buckets) {
    const decision = await hitCounter(db, b.bucket, b.client, b.limit.limit, b.limit.windowMs, now);
    if (!decision.allowed) retry = Math.max(retry, decision.retryAfterSeconds);
  }
  await sweepCounters(db, 'staff-', WINDOW_MS, now);
  return retry === 0 ? { allowed: true, retryAfterSeconds: 0 } : { allowed: false, retryAfterSeconds: retry };
}

/** Counts a password attempt; not allowed means: refuse it without checking the password. */
export function countPasswordAttempt(db: Db, attempt: Attempt, now = Date.now()): Promise<RateDecision> {
  return count(db, passwordBuckets(attempt), now);
}

/**
 * Counts a second-step code attempt for an account that passed the password step. Per
 * account only: only someone who knows the password gets here, so the address count (which
 * strangers may have used up) is left out.
 */
export function countCodeAttempt(db: Db, userId: string, now = Date.now()): Promise<RateDecision> {
  return count(db, [{ bucket: 'staff-sign-in-code', client: userId, limit: SIGN_IN_LIMITS.code }], now);
}

/**
 * Counts a check of a signed-in person's current password (changing it, setting up
 * two-step sign-in): per account, so a borrowed session cannot try passwords at leisure.
 */
export function countPasswordCheck(db: Db, userId: string, now = Date.now()): Promise<RateDecision> {
  return count(db, [{ bucket: 'staff-password-check', client: userId, limit: SIGN_IN_LIMITS.code }], now);
}

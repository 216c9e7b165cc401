/**
 * Setting up two-step sign-in (TOTP, with recovery codes) for a signed-in person, through
 * the library: it keeps the secret and the recovery codes encrypted with the auth secret,
 * and turns two-step sign-in on only once a code from the app has been checked.
 */
import { symmetricDecrypt } from 'better-auth/crypto';
import { renderSVG } from 'uqr';
import type { StaffPrincipal } from '../../lib/network/roles.ts';
import { base32, otpauthUri } from '../../lib/network/totp-uri.ts';
import type { Db } from '../db/connect.ts';
import { recordAudit } from './audit.ts';
import { setCookiesOf } from './cookies.ts';
import { staffAuth, TOTP_ISSUER } from './instance.ts';
import type { StaffSettings } from './settings.ts';
import { cleanTotp } from './sign-in.ts';
import { countCodeAttempt, countPasswordCheck } from './throttle.ts';

export interface TotpSetup {
  /** Base32, as the app wants it typed. */
  readonly secret: string;
  readonly uri: string;
  /**
   * The otpauth:// link as a QR code (inline SVG, black on white in every display mode, as
   * scanners need): scanning it with the phone is far easier than typing 52 letters.
   */
  readonly qrSvg: string;
}

export type Refused = {
  readonly ok: false;
  readonly reason: 'bad-password' | 'bad-code' | 'throttled';
  readonly retryAfterSeconds?: number;
};

function isRefusal(error: unknown): boolean {
  return (
    typeof error === 'object' && error !== null && 'statusCode' in error && typeof error.statusCode === 'number' && error.statusCode < 500
  );
}

function setupFor(principal: StaffPrincipal, rawSecret: string): TotpSetup {
  const secret = base32(new TextEncoder().encode(rawSecret));
  const uri = otpauthUri(TOTP_ISSUER, principal.username, secret);
  return { secret, uri, qrSvg: renderSVG(uri, { border: 2, whiteColor: '#ffffff', blackColor: '#000000' }) };
}

/** The secret of a setup begun but not yet confirmed, to show again after a mistyped code. */
export async function pendingSetup(db: Db, settings: StaffSettings, principal: StaffPrincipal): Promise<TotpSetup | undefined> {
  const row = await db.kysely
    .selectFrom('staff_two_factor')
    .select(['secret', 'verified'])
    .where('user_id', '=', principal.userId)
    .executeTakeFirst();
  if (row === undefined || row.verified === true || row.verified === 1) return undefined;
  const context = await staffAuth(db, settings).$context;
  return setupFor(principal, await symmetricDecrypt({ key: context.secretConfig, data: row.secret }));
}

/** Step one: the password again (as the library asks), then a new secret to add to the app. */
export async function startSetup(
  db: Db,
  settings: StaffSettings,
  request: Request,
  principal: StaffPrincipal,
  password: string,
): Promise<{ ok: true; setup: TotpSetup } | Refused> {
  const decision = await countPasswordCheck(db, principal.userId);
  if (!decision.allowed) return { ok: false, reason: 'throttled', retryAfterSeconds: decision.retryAfterSeconds };
  try {
    await staffAuth(db, settings).api.enableTwoFactor({ body: { password }, headers: request.headers });
  } catch (error) {
    if (!isRefusal(error)) throw error;
    return { ok: false, reason: 'bad-password' };
  }
  const setup = await pendingSetup(db, settings, principal);
  if (setup === undefined) throw new Error('two-factor setup was not stored');
  return { ok: true, setup };
}

/**
 * Step two: a code from the app proves it was added; two-step sign-in is on from now. The
 * library replaces the session (cookies to send), and the recovery codes are read once,
 * to be shown on this answer only.
 */
export async function confirmSetup(
  db: Db,
  settings: StaffSettings,
  request: Request,
  principal: StaffPrincipal,
  code: string,
): Promise<{ ok: true; cookies: readonly string[]; recoveryCodes: readonly string[] } | Refused> {
  const decision = await countCodeAttempt(db, principal.userId);
  if (!decision.allowed) return { ok: false, reason: 'throttled', retryAfterSeconds: decision.retryAfterSeconds };
  const api = staffAuth(db, settings).api;
  let headers: Headers;
  try {
    ({ headers } = await api.verifyTOTP({ body: { code: cleanTotp(code) }, headers: request.headers, returnHeaders: true }));
  } catch (error) {
    if (!isRefusal(error)) throw error;
    return { ok: false, reason: 'bad-code' };
  }
  const { backupCodes } = await api.viewBackupCodes({ body: { userId: principal.userId } });
  await recordAudit(db, {
    actor: principal.userId,
    action: 'auth.two-factor',
    targetKind: 'staff',
    targetRef: principal.userId,
    detail: 'turned on',
  });
  return { ok: true, cookies: setCookiesOf(headers), recoveryCodes: backupCodes };
}

/** New recovery codes (the old ones stop working), after the password again. */
export async function renewRecoveryCodes(
  db: Db,
  settings: StaffSettings,
  request: Request,
  principal: StaffPrincipal,
  password: string,
): Promise<{ ok: true; recoveryCodes: readonly string[] } | Refused> {
  const decision = await countPasswordCheck(db, principal.userId);
  if (!decision.allowed) return { ok: false, reason: 'throttled', retryAfterSeconds: decision.retryAfterSeconds };
  try {
    const { backupCodes } = await staffAuth(db, settings).api.generateBackupCodes({ body: { password }, headers: request.headers });
    await recordAudit(db, {
      actor: principal.userId,
      action: 'auth.two-factor',
      targetKind: 'staff',
      targetRef: principal.userId,
      detail: 'new recovery codes',
    });
    return { ok: true, recoveryCodes: backupCodes };
  } catch (error) {
    if (!isRefusal(error)) throw error;
    return { ok: false, reason: 'bad-password' };
  }
}

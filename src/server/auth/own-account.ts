/** What a signed-in person does to their own account: change the password, sign out (here, or everywhere). */
import type { StaffPrincipal } from '../../lib/network/roles.ts';
import type { Db } from '../db/connect.ts';
import { endSessions, passwordError, type FieldProblems } from './accounts.ts';
import { recordAudit } from './audit.ts';
import { setCookiesOf } from './cookies.ts';
import { staffAuth } from './instance.ts';
import { clearSessionCookie } from './session.ts';
import type { StaffSettings } from './settings.ts';
import { countPasswordCheck } from './throttle.ts';

export type PasswordField = 'current' | 'password' | 'confirm';

/**
 * A new password, given the current one. Every other session of the person ends (someone
 * who knew the old password is signed out); this browser gets a new session.
 */
export async function changeOwnPassword(
  db: Db,
  settings: StaffSettings,
  request: Request,
  principal: StaffPrincipal,
  input: { readonly current: string; readonly password: string; readonly confirm: string },
): Promise<{ ok: true; cookies: readonly string[] } | { ok: false; problems: FieldProblems<PasswordField>; retryAfterSeconds?: number }> {
  const problem = passwordError(input.password, principal.username);
  if (problem !== undefined) return { ok: false, problems: { password: problem } };
  if (input.confirm !== input.password) return { ok: false, problems: { confirm: 'staff.error.confirmMismatch' } };
  const decision = await countPasswordCheck(db, principal.userId);
  if (!decision.allowed)
    return { ok: false, problems: { current: 'staff.error.tooManyChecks' }, retryAfterSeconds: decision.retryAfterSeconds };
  try {
    const { headers } = await staffAuth(db, settings).api.changePassword({
      body: { currentPassword: input.current, newPassword: input.password, revokeOtherSessions: true },
      headers: request.headers,
      returnHeaders: true,
    });
    await recordAudit(db, { actor: principal.userId, action: 'staff.password-changed', targetKind: 'staff', targetRef: principal.userId });
    return { ok: true, cookies: setCookiesOf(headers) };
  } catch (error) {
    const status = (error as { statusCode?: number }).statusCode;
    if (status === undefined || status >= 500) throw error;
    await recordAudit(db, {
      actor: principal.userId,
      action: 'staff.password-changed',
      targetKind: 'staff',
      targetRef: principal.userId,
      outcome: 'bad-password',
    });
    return { ok: false, problems: { current: 'staff.error.currentPassword' } };
  }
}

/** Signs out this browser, or (everywhere) every session of the person on every device. */
export async function signOut(
  db: Db,
  settings: StaffSettings,
  request: Request,
  principal: StaffPrincipal,
  everywhere: boolean,
): Promise<readonly string[]> {
  if (everywhere) {
    const ended = await endSessions(db, principal.userId);
    await recordAudit(db, {
      actor: principal.userId,
      action: 'auth.sign-out',
      targetKind: 'staff',
      targetRef: principal.userId,
      detail: `everywhere; sessions=${ended}`,
    });
    return [clearSessionCookie(settings)];
  }
  const { headers } = await staffAuth(db, settings).api.signOut({ headers: request.headers, returnHeaders: true });
  await recordAudit(db, { actor: principal.userId, action: 'auth.sign-out', targetKind: 'staff', targetRef: principal.userId });
  return [...setCookiesOf(headers), clearSessionCookie(settings)];
}

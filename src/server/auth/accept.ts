/**
 * Using a one-time link (links.ts): joining by invitation, with a new account or (when the
 * person is signed in already) adding the grant to theirs, or choosing a new password
 * after a reset. The link is used up in the same transaction as what it allows, so two
 * tabs pressing "accept" together make one account.
 */
import { grantScope, type StaffPrincipal } from '../../lib/network/roles.ts';
import type { Db } from '../db/connect.ts';
import { inTransaction } from '../db/transaction.ts';
import {
  checkNewAccount,
  clearTwoFactor,
  hashNewPassword,
  insertAccount,
  passwordError,
  setPassword,
  type AccountField,
  type AccountInput,
  type FieldProblems,
} from './accounts.ts';
import { recordAudit } from './audit.ts';
import { addGrant } from './grants.ts';
import { claimLink, usableLink, type OneTimeLink } from './links.ts';

/** The link was used, withdrawn or expired (or never existed). */
type Gone = { readonly ok: false; readonly reason: 'gone' };
const GONE: Gone = { ok: false, reason: 'gone' };
class LinkGone extends Error {}

export type NewAccountField = AccountField | 'confirm';
export type Invalid<F extends string> = { readonly ok: false; readonly reason: 'invalid'; readonly problems: FieldProblems<F> };

/** An invitation, for the page that shows what it offers. */
export async function openInvitation(db: Db, token: string): Promise<OneTimeLink | undefined> {
  const link = await usableLink(db, token);
  return link?.purpose === 'invite' && link.grant !== undefined ? link : undefined;
}

/** A reset link, with the username it is for. */
export async function openReset(db: Db, token: string): Promise<(OneTimeLink & { username: string }) | undefined> {
  const link = await usableLink(db, token);
  if (link?.purpose !== 'reset' || link.userId === undefined) return undefined;
  const user = await db.kysely
    .selectFrom('staff_user')
    .select(['username', 'display_username'])
    .where('id', '=', link.userId)
    .executeTakeFirst();
  return user === undefined ? undefined : { ...link, username: user.display_username ?? user.username ?? '' };
}

function isUniqueViolation(error: unknown): boolean {
  const text = error instanceof Error ? `${error.message} ${(error as { code?: string }).code ?? ''}` : '';
  return /UNIQUE|unique|23505/.test(text);
}

/** Joins with a new account; the caller then signs the person in with the same credentials. */
export async function acceptAsNewAccount(
  db: Db,
  token: string,
  input: AccountInput & { readonly confirm: string },
): Promise<{ ok: true; userId: string } | Gone | Invalid<NewAccountField>> {
  const link = await openInvitation(db, token);
  if (link?.grant === undefined) return GONE;
  const grant = link.grant;
  const checked = await checkNewAccount(db, input);
  const problems: FieldProblems<NewAccountField> = checked.ok ? {} : { ...checked.problems };
  if (input.confirm !== input.password && problems.password === undefined) problems.confirm = 'staff.error.confirmMismatch';
  if (!checked.ok || Object.keys(problems).length > 0) return { ok: false, reason: 'invalid', problems };
  const hash = await hashNewPassword(checked.account.password);
  try {
    const userId = await inTransaction(db, async (tx) => {
      const id = await insertAccount(tx, checked.account, hash);
      if (!(await claimLink(tx, link.id, id))) throw new LinkGone();
      await addGrant(tx, id, grant, link.createdBy);
      await recordAudit(tx, {
        actor: id,
        action: 'staff.invitation-accepted',
        targetKind: 'staff-invitation',
        targetRef: String(link.id),
        scope: grantScope(grant),
        detail: `new account; role=${grant.role}`,
      });
      return id;
    });
    return { ok: true, userId };
  } catch (error) {
    if (error instanceof LinkGone) return GONE;
    // The username or mobile number was taken a moment ago, by someone else's sign-up.
    if (isUniqueViolation(error)) return { ok: false, reason: 'invalid', problems: { username: 'staff.error.usernameTaken' } };
    throw error;
  }
}

/** Adds the invitation's grant to the signed-in person's own account. */
export async function acceptIntoAccount(db: Db, token: string, principal: StaffPrincipal): Promise<{ ok: true } | Gone> {
  const link = await openInvitation(db, token);
  if (link?.grant === undefined) return GONE;
  const grant = link.grant;
  return inTransaction(db, async (tx) => {
    if (!(await claimLink(tx, link.id, principal.userId))) return GONE;
    await addGrant(tx, principal.userId, grant, link.createdBy);
    await recordAudit(tx, {
      actor: principal.userId,
      action: 'staff.invitation-accepted',
      targetKind: 'staff-invitation',
      targetRef: String(link.id),
      scope: grantScope(grant),
      detail: `existing account; role=${grant.role}`,
    });
    return { ok: true } as const;
  });
}

/** Sets the new password a reset link allows; every session of the account ends. */
export async function useResetLink(
  db: Db,
  token: string,
  password: string,
  confirm: string,
): Promise<{ ok: true; username: string } | Gone | Invalid<'password' | 'confirm'>> {
  const link = await openReset(db, token);
  if (link?.userId === undefined) return GONE;
  const userId = link.userId;
  const problem = passwordError(password, link.username);
  if (problem !== undefined) return { ok: false, reason: 'invalid', problems: { password: problem } };
  if (confirm !== password) return { ok: false, reason: 'invalid', problems: { confirm: 'staff.error.confirmMismatch' } };
  const hash = await hashNewPassword(password);
  return inTransaction(db, async (tx) => {
    if (!(await claimLink(tx, link.id, userId))) return GONE;
    await setPassword(tx, userId, hash);
    if (link.clearTwoFactor) await clearTwoFactor(tx, userId);
    await recordAudit(tx, {
      actor: userId,
      action: 'staff.password-reset',
      targetKind: 'staff',
      targetRef: userId,
      detail: `reset link ${link.id} used${link.clearTwoFactor ? '; two-step sign-in off' : ''}`,
    });
    return { ok: true, username: link.username } as const;
  });
}

/**
 * What staff do to each other's accounts, each step checked against the rules in
 * src/lib/network/roles.ts and written to the audit log in the same transaction: invite
 * (a one-time link giving a grant), make a password reset link, take a grant away,
 * withdraw an unused invitation. Anything outside the actor's reach answers 'not-found',
 * never 'forbidden': the console does not confirm that another institution's records exist.
 */
import { mayGrant, mayManagePerson, grantScope, type CountyOf, type StaffGrant, type StaffPrincipal } from '../../lib/network/roles.ts';
import type { Db } from '../db/connect.ts';
import { inTransaction } from '../db/transaction.ts';
import { recordAudit } from './audit.ts';
import { endSessions } from './accounts.ts';
import { grantById, grantsOf, removeGrant } from './grants.ts';
import { createLink, linkById, revokeLink } from './links.ts';

export type Refusal = { readonly ok: false; readonly reason: 'not-found' };
const NOT_FOUND: Refusal = { ok: false, reason: 'not-found' };

export interface MadeLink {
  readonly ok: true;
  readonly id: number;
  /** Shown once to the maker; only its hash is kept. */
  readonly token: string;
}

/** An invitation giving `grant`, when the actor may give it. */
export async function invite(db: Db, actor: StaffPrincipal, grant: StaffGrant, countyOf: CountyOf): Promise<MadeLink | Refusal> {
  if (!mayGrant(actor.grants, grant, countyOf)) return NOT_FOUND;
  return inTransaction(db, async (tx) => {
    const { id, token } = await createLink(tx, { purpose: 'invite', grant }, actor.userId);
    await recordAudit(tx, {
      actor: actor.userId,
      action: 'staff.invited',
      targetKind: 'staff-invitation',
      targetRef: String(id),
      scope: grantScope(grant),
      detail: `role=${grant.role}`,
    });
    return { ok: true, id, token };
  });
}

/**
 * A password reset link for a colleague the actor may manage. With `clearTwoFactor` the
 * link also turns their two-step sign-in off (they lost their phone and recovery codes);
 * commission staff then set it up again at their next sign-in.
 */
export async function makeResetLink(
  db: Db,
  actor: StaffPrincipal,
  userId: string,
  clearTwoFactor: boolean,
  countyOf: CountyOf,
): Promise<MadeLink | Refusal> {
  const theirs = (await grantsOf(db, userId)).map((g) => g.grant);
  if (!mayManagePerson(actor.grants, userId === actor.userId, theirs, countyOf)) return NOT_FOUND;
  return inTransaction(db, async (tx) => {
    const { id, token } = await createLink(tx, { purpose: 'reset', userId, clearTwoFactor }, actor.userId);
    await recordAudit(tx, {
      actor: actor.userId,
      action: 'staff.password-reset',
      targetKind: 'staff',
      targetRef: userId,
      detail: `reset link ${id} made${clearTwoFactor ? '; clears two-step sign-in' : ''}`,
    });
    return { ok: true, id, token };
  });
}

/**
 * Takes one grant away from a colleague (never one's own). When it was their last, their
 * sessions end at once: the account stays (the audit log refers to it) but opens nothing.
 */
export async function takeAwayGrant(
  db: Db,
  actor: StaffPrincipal,
  grantId: number,
  countyOf: CountyOf,
): Promise<{ ok: true; lastGrant: boolean } | Refusal> {
  const stored = await grantById(db, grantId);
  if (stored === undefined || stored.userId === actor.userId || !mayGrant(actor.grants, stored.grant, countyOf)) return NOT_FOUND;
  return inTransaction(db, async (tx) => {
    if (!(await removeGrant(tx, grantId))) return NOT_FOUND;
    const scope = grantScope(stored.grant);
    await recordAudit(tx, {
      actor: actor.userId,
      action: 'staff.role-changed',
      targetKind: 'staff',
      targetRef: stored.userId,
      scope,
      detail: `removed role=${stored.grant.role}`,
    });
    const left = await grantsOf(tx, stored.userId);
    if (left.length > 0) return { ok: true, lastGrant: false };
    const ended = await endSessions(tx, stored.userId);
    await recordAudit(tx, {
      actor: actor.userId,
      action: 'staff.removed',
      targetKind: 'staff',
      targetRef: stored.userId,
      scope,
      detail: `no grants left; sessions ended=${ended}`,
    });
    return { ok: true, lastGrant: true };
  });
}

/** Withdraws an invitation that has not been used, when the actor could have made it. */
export async function withdrawInvitation(
  db: Db,
  actor: StaffPrincipal,
  linkId: number,
  countyOf: CountyOf,
): Promise<{ ok: true } | Refusal> {
  const link = await linkById(db, linkId);
  if (link?.purpose !== 'invite' || link.grant === undefined || !mayGrant(actor.grants, link.grant, countyOf)) return NOT_FOUND;
  const grant = link.grant;
  return inTransaction(db, async (tx) => {
    if (!(await revokeLink(tx, linkId))) return NOT_FOUND;
    await recordAudit(tx, {
      actor: actor.userId,
      action: 'staff.invitation-revoked',
      targetKind: 'staff-invitation',
      targetRef: String(linkId),
      scope: grantScope(grant),
    });
    return { ok: true };
  });
}

/** Records that the actor looked at the people of a scope (names of colleagues are personal data too). */
export async function auditPeopleRead(db: Db, actor: StaffPrincipal, scope: string, count: number): Promise<void> {
  await recordAudit(db, { actor: actor.userId, action: 'read.list', targetKind: 'staff', scope, detail: `people=${count}` });
}

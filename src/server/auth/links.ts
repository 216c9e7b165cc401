/**
 * One-time links: an invitation to join (with the grant it gives) or a password reset.
 * The link carries a random token; only its SHA-256 is stored, so a copy of the database
 * opens nothing. A link works once, until it expires (72 hours) or is withdrawn.
 *
 * The token travels in the link's path (/staff/invite/<token>/): the person receiving it
 * taps it in a chat app, with no code to copy by hand. Opening the page changes nothing;
 * only the form's POST uses the link up. The page sends no Referer to other sites
 * (Referrer-Policy: same-origin) and loads nothing from elsewhere; the server logs no request paths; a proxy's
 * access log may, so docs/deploy.md says to leave /staff/invite/ out of it. A link used
 * by someone else shows up as "已使用" on the inviter's page, and the grant can be removed.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { StaffGrant } from '../../lib/network/roles.ts';
import { grantFrom, grantScope } from '../../lib/network/roles.ts';
import type { Conn } from '../db/transaction.ts';

export const LINK_LIFETIME_HOURS = 72;

export interface OneTimeLink {
  readonly id: number;
  readonly purpose: 'invite' | 'reset';
  /** The grant an invitation gives. */
  readonly grant: StaffGrant | undefined;
  /** The account a reset is for. */
  readonly userId: string | undefined;
  readonly clearTwoFactor: boolean;
  readonly createdBy: string;
  readonly createdAt: string;
  readonly expiresAt: string;
  readonly usedAt: string | undefined;
  readonly revokedAt: string | undefined;
}

type Row = {
  id: number;
  purpose: 'invite' | 'reset';
  role: string | null;
  scope: string | null;
  user_id: string | null;
  clear_two_factor: number;
  created_by: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
  revoked_at: string | null;
};

function link(row: Row): OneTimeLink {
  return {
    id: Number(row.id),
    purpose: row.purpose,
    grant: row.role === null || row.scope === null ? undefined : grantFrom(row.role, row.scope),
    userId: row.user_id ?? undefined,
    clearTwoFactor: Number(row.clear_two_factor) === 1,
    createdBy: row.created_by,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    usedAt: row.used_at ?? undefined,
    revokedAt: row.revoked_at ?? undefined,
  };
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Whether a token has the shape of ours (43 base64url characters), before any lookup. */
export function isTokenShaped(token: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(token);
}

export type NewLink =
  | { readonly purpose: 'invite'; readonly grant: StaffGrant }
  | { readonly purpose: 'reset'; readonly userId: string; readonly clearTwoFactor: boolean };

/**
 * Makes a link; returns its id and token (shown once to its maker, never stored). A new
 * reset withdraws the person's earlier unused reset links.
 */
export async function createLink(tx: Conn, spec: NewLink, by: string, now = new Date()): Promise<{ id: number; token: string }> {
  const token = randomBytes(32).toString('base64url');
  const at = now.toISOString();
  if (spec.purpose === 'reset')
    await tx.kysely
      .updateTable('staff_invitation')
      .set({ revoked_at: at })
      .where('purpose', '=', 'reset')
      .where('user_id', '=', spec.userId)
      .where('used_at', 'is', null)
      .where('revoked_at', 'is', null)
      .execute();
  const row = await tx.kysely
    .insertInto('staff_invitation')
    .values({
      token_hash: hashToken(token),
      purpose: spec.purpose,
      role: spec.purpose === 'invite' ? spec.grant.role : null,
      scope: spec.purpose === 'invite' ? grantScope(spec.grant) : null,
      user_id: spec.purpose === 'reset' ? spec.userId : null,
      clear_two_factor: spec.purpose === 'reset' && spec.clearTwoFactor ? 1 : 0,
      created_by: by,
      created_at: at,
      expires_at: new Date(now.getTime() + LINK_LIFETIME_HOURS * 3_600_000).toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: Number(row.id), token };
}

/** The link a token opens, if it is still usable (not used, withdrawn or expired). */
export async function usableLink(db: Conn, token: string, now = new Date()): Promise<OneTimeLink | undefined> {
  if (!isTokenShaped(token)) return undefined;
  const row = await db.kysely
    .selectFrom('staff_invitation')
    .selectAll()
    .where('token_hash', '=', hashToken(token))
    .where('used_at', 'is', null)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now.toISOString())
    .executeTakeFirst();
  return row === undefined ? undefined : link(row);
}

/**
 * Uses a link up, once: false when another request got there first (or it expired or was
 * withdrawn meanwhile). Call inside the transaction that does what the link allows.
 */
export async function claimLink(tx: Conn, id: number, userId: string, now = new Date()): Promise<boolean> {
  const at = now.toISOString();
  const result = await tx.kysely
    .updateTable('staff_invitation')
    .set({ used_at: at, user_id: userId })
    .where('id', '=', id)
    .where('used_at', 'is', null)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', at)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Withdraws an unused link; false when it was used or withdrawn already. */
export async function revokeLink(tx: Conn, id: number, now = new Date()): Promise<boolean> {
  const result = await tx.kysely
    .updateTable('staff_invitation')
    .set({ revoked_at: now.toISOString() })
    .where('id', '=', id)
    .where('used_at', 'is', null)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function linkById(db: Conn, id: number): Promise<OneTimeLink | undefined> {
  const row = await db.kysely.selectFrom('staff_invitation').selectAll().where('id', '=', id).executeTakeFirst();
  return row === undefined ? undefined : link(row);
}

/** Invitations to some scopes made in the last `days` days, newest first (for the people pages). */
export async function recentInvitations(db: Conn, scopes: readonly string[], days = 30, now = new Date()): Promise<OneTimeLink[]> {
  if (scopes.length === 0) return [];
  const since = new Date(now.getTime() - days * 86_400_000).toISOString();
  const rows = await db.kysely
    .selectFrom('staff_invitation')
    .selectAll()
    .where('purpose', '=', 'invite')
    .where('scope', 'in', [...scopes])
    .where('created_at', '>', since)
    .orderBy('id', 'desc')
    .execute();
  return rows.map(link);
}

/**
 * The audit log: every sign-in attempt, every change and every read of personal data, with
 * who, when, what and which record, and never the personal data itself (no names, phone
 * numbers or free text: codes, counts and filters only). Append-only: the database refuses
 * updates and early deletes (migration 0003).
 */
import type { Conn } from '../db/transaction.ts';

/** What can be recorded. */
export const AUDIT_ACTIONS = [
  // submissions
  'submission.created',
  'submission.status',
  'submission.deleted',
  'submission.withdrawn',
  'submission.purged',
  // reads of personal data
  'read.list',
  'read.record',
  'read.export',
  'read.audit',
  // staff accounts
  'auth.sign-in',
  'auth.sign-in-failed',
  'auth.sign-out',
  'auth.two-factor',
  'staff.created',
  'staff.invited',
  'staff.invitation-revoked',
  'staff.invitation-accepted',
  'staff.password-changed',
  'staff.password-reset',
  'staff.role-changed',
  'staff.removed',
  // live availability (no personal data: institution, mode, status, expiry)
  'availability.reported',
  'availability.confirmed',
  // listings (no personal data: proposal number, institution, outcome)
  'listing.proposed',
  'listing.applied',
  'listing.withdrawn',
  'listing.approved',
  'listing.rejected',
  'listing.retried',
  'listing.published',
  'listing.publish-failed',
  // events made in the console (event id and outcome only)
  'event.saved',
  'event.approved',
  'event.rejected',
  'event.published',
  'event.publish-failed',
  // referrals between institutions (codes and statuses only; viewed = the clinical fields were opened)
  'referral.created',
  'referral.viewed',
  'referral.status',
  'referral.commented',
  'referral.purged',
  // consultation requests (the reference code and statuses only; reads are read.record / read.list)
  'consultation.created',
  'consultation.status',
  'consultation.withdrawn',
  'consultation.purged',
  // an institution's settings: response promise, webhook (never its address)
  'institution.settings',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditEntry {
  /** Staff user id, or 'public', 'system', 'anonymous', 'admin-token' (entries from the first release). */
  readonly actor: string;
  readonly action: AuditAction;
  readonly targetKind?: string | null | undefined;
  readonly targetRef?: string | null | undefined;
  /** Where the record lies: a county (or other region) code; null for what belongs to no place. Commission staff see the entries within their region. */
  readonly scope?: string | null | undefined;
  /** 'ok', or a short code saying why it was refused. */
  readonly outcome?: string | undefined;
  /** Filters, counts, statuses: never personal data. */
  readonly detail?: string | null | undefined;
}

/** Appends one entry; call inside the transaction of the change it records. */
export async function recordAudit(db: Conn, entry: AuditEntry, now = new Date()): Promise<void> {
  await db.kysely
    .insertInto('audit_log')
    .values({
      at: now.toISOString(),
      actor: entry.actor,
      action: entry.action,
      target_kind: entry.targetKind ?? null,
      target_ref: entry.targetRef ?? null,
      scope: entry.scope ?? null,
      outcome: entry.outcome ?? 'ok',
      detail: entry.detail ?? null,
    })
    .execute();
}

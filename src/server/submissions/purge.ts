/** The retention purge: deleting submissions past the retention period, and audit entries past theirs. */
import { sql } from 'kysely';
import { APPLICANT_RETENTION_DAYS, AUDIT_RETENTION_DAYS } from '../../lib/privacy.ts';
import type { Db } from '../db/connect.ts';
import { inTransaction } from '../db/transaction.ts';
import { recordAudit } from '../auth/audit.ts';
import { flushDeleted, iso } from './storage.ts';
import { purgeConsultations } from '../network/consultation-purge.ts';

export interface PurgeResult {
  readonly cutoff: string;
  readonly volunteers: number;
  readonly enrollments: number;
  readonly reports: number;
  readonly auditLog: number;
  /** Contacts of decided applications to be listed (APPLICANT_RETENTION_DAYS). */
  readonly applicants: number;
  /** Consultation requests past their retention (src/lib/privacy.ts), and notices done with. */
  readonly consultations: number;
  readonly notices: number;
}

/**
 * Deletes what is past the retention period: submissions whose last change (for
 * enrolments: the later of the last change and the session day) is more than
 * `retentionDays` ago, and audit entries older than AUDIT_RETENTION_DAYS. The purge itself
 * is recorded in the audit log with its counts.
 */
export async function purgeExpired(db: Db, retentionDays: number, now = new Date()): Promise<PurgeResult> {
  const cutoff = iso(new Date(now.getTime() - retentionDays * 86_400_000));
  const auditCutoff = iso(new Date(now.getTime() - AUDIT_RETENTION_DAYS * 86_400_000));
  const result = await inTransaction(db, async (tx) => {
    const k = tx.kysely;
    const gone = (r: { numDeletedRows: bigint }) => Number(r.numDeletedRows);
    const counts = {
      cutoff,
      volunteers: gone(await k.deleteFrom('volunteers').where('updated_at', '<', cutoff).executeTakeFirst()),
      // max(updated_at, session day) < cutoff ⇔ both are.
      enrollments: gone(
        await k
          .deleteFrom('enrollments')
          .where('updated_at', '<', cutoff)
          .where(sql<string>`session_date || 'T23:59:59.999Z'`, '<', cutoff)
          .executeTakeFirst(),
      ),
      reports: gone(await k.deleteFrom('reports').where('updated_at', '<', cutoff).executeTakeFirst()),
      auditLog: gone(await k.deleteFrom('audit_log').where('at', '<', auditCutoff).executeTakeFirst()),
      applicants: Number(
        (
          await k
            .updateTable('listing_proposals')
            .set({ applicant: null })
            .where('applicant', 'is not', null)
            .where('decided_at', '<', iso(new Date(now.getTime() - APPLICANT_RETENTION_DAYS * 86_400_000)))
            .executeTakeFirst()
        ).numUpdatedRows,
      ),
      ...(await purgeConsultations(tx, now)),
    };
    await recordAudit(
      tx,
      {
        actor: 'system',
        action: 'submission.purged',
        detail: `volunteers ${counts.volunteers}, enrollments ${counts.enrollments}, reports ${counts.reports}, audit ${counts.auditLog}, consultations ${counts.consultations}, notices ${counts.notices}, applicants ${counts.applicants}`,
      },
      now,
    );
    return counts;
  });
  await flushDeleted(db);
  return result;
}

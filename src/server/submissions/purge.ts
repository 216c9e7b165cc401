/** The retention purge: deleting submissions past the retention period, and audit entries past theirs. */
import { AUDIT_RETENTION_DAYS } from '../../lib/privacy.ts';
import type { Db } from '../db/connect.ts';
import { inTransaction } from '../db/transaction.ts';
import { recordAudit } from '../auth/audit.ts';
import { flushDeleted, iso } from './storage.ts';

export interface PurgeResult {
  readonly cutoff: string;
  readonly volunteers: number;
  readonly enrollments: number;
  readonly reports: number;
  readonly auditLog: number;
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
          // The literal is cast: PostgreSQL cannot infer a parameter's type inside concat().
          .where((eb) => eb(eb.fn<string>('concat', ['session_date', eb.cast(eb.val('T23:59:59.999Z'), 'text')]), '<', cutoff))
          .executeTakeFirst(),
      ),
      reports: gone(await k.deleteFrom('reports').where('updated_at', '<', cutoff).executeTakeFirst()),
      auditLog: gone(await k.deleteFrom('audit_log').where('at', '<', auditCutoff).executeTakeFirst()),
    };
    await recordAudit(
      tx,
      {
        actor: 'system',
        action: 'submission.purged',
        detail: `volunteers ${counts.volunteers}, enrollments ${counts.enrollments}, reports ${counts.reports}, audit ${counts.auditLog}`,
      },
      now,
    );
    return counts;
  });
  await flushDeleted(db);
  return result;
}

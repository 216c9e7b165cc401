/** The retention purge: deleting submissions and staff log entries past the retention period. */
import type { DatabaseSync } from 'node:sqlite';
import { transaction } from '../db.ts';
import { flushDeleted, iso } from './storage.ts';

export interface PurgeResult {
  readonly cutoff: string;
  readonly volunteers: number;
  readonly enrollments: number;
  readonly reports: number;
  readonly adminLog: number;
}

/**
 * Deletes what is past the retention period: submissions whose last change (for
 * enrolments: the later of the last change and the session day) is more than
 * `retentionDays` ago, and staff log entries as old.
 */
export function purgeExpired(db: DatabaseSync, retentionDays: number, now = new Date()): PurgeResult {
  const cutoff = iso(new Date(now.getTime() - retentionDays * 86_400_000));
  const result = transaction(db, () => ({
    cutoff,
    volunteers: Number(db.prepare('DELETE FROM volunteers WHERE updated_at < ?').run(cutoff).changes),
    enrollments: Number(
      db.prepare(`DELETE FROM enrollments WHERE MAX(updated_at, session_date || 'T23:59:59.999Z') < ?`).run(cutoff).changes,
    ),
    reports: Number(db.prepare('DELETE FROM reports WHERE updated_at < ?').run(cutoff).changes),
    adminLog: Number(db.prepare('DELETE FROM admin_log WHERE at < ?').run(cutoff).changes),
  }));
  flushDeleted(db);
  return result;
}

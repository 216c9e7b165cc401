/**
 * `npm run data:purge`: deletes what is past the retention period, as the privacy notice
 * promises. Run it daily (cron or a systemd timer); it is safe while the server runs, on
 * SQLite and on PostgreSQL alike (the database is chosen as the server chooses it).
 *
 *   RETENTION_DAYS         submissions: days after their last change (enrolments: after the
 *                          session day, if later) — default 365
 *   BACKUP_RETENTION_DAYS  backup files older than this are deleted — default 30
 *   DATA_DIR, DATABASE_URL, BACKUP_DIR   as for the server and db:backup
 *   --dry-run              only report what would go
 *
 * Audit-log entries older than their own retention (AUDIT_RETENTION_DAYS) go too, and
 * referrals that ended more than REFERRAL_RETENTION_DAYS ago (src/lib/privacy.ts).
 */
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { CLOSED_CONSULTATION_DAYS, CONSULTATION_MAX_DAYS } from '../src/lib/privacy.ts';
import { formsConfig } from '../src/server/config.ts';
import { dbOptionsFromEnv, openDb, type Db } from '../src/server/db/connect.ts';
import { dbPath } from '../src/server/db/sqlite.ts';
import { purgeExpired, type PurgeResult } from '../src/server/submissions/purge.ts';
import { APPLICANT_RETENTION_DAYS, REFERRAL_RETENTION_DAYS } from '../src/lib/privacy.ts';
import { purgeClosedReferrals } from '../src/server/network/referrals.ts';

const config = formsConfig();
const options = dbOptionsFromEnv();
const dryRun = process.argv.includes('--dry-run');
const now = new Date();

/** Thrown to roll the dry run's transaction back once it has counted. */
class DryRun extends Error {
  readonly result: PurgeResult;
  constructor(result: PurgeResult) {
    super('dry run');
    this.result = result;
  }
}

/** Referrals deleted (or, in a dry run, that would be). */
let referralsGone = 0;

/** The purge itself, run and rolled back, so the counts are exactly what a real run would delete. */
async function rehearse(db: Db): Promise<PurgeResult> {
  try {
    await db.kysely.transaction().execute(async (trx) => {
      const conn = { ...db, kysely: trx };
      const result = await purgeExpired(conn, config.retentionDays, now);
      referralsGone = await purgeClosedReferrals(conn, REFERRAL_RETENTION_DAYS, now);
      throw new DryRun(result);
    });
  } catch (error) {
    if (error instanceof DryRun) return error.result;
    throw error;
  }
  throw new Error('unreachable');
}

const sqliteMissing = (options.databaseUrl ?? '').trim() === '' && !existsSync(dbPath(options.dataDir));
if (sqliteMissing) {
  console.log(`没有数据库（${dbPath(options.dataDir)}），无需清理。`);
} else {
  let db: Db;
  try {
    db = await openDb(options);
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
  try {
    const result = dryRun ? await rehearse(db) : await purgeExpired(db, config.retentionDays, now);
    if (!dryRun) referralsGone = await purgeClosedReferrals(db, REFERRAL_RETENTION_DAYS, now);
    console.log(
      `${dryRun ? '（演练）将删除' : '已删除'} ${config.retentionDays} 天前（${result.cutoff} 之前）的数据：志愿者登记 ${result.volunteers} 条，课程报名 ${result.enrollments} 条，纠错报告 ${result.reports} 条，过了保存期的操作记录 ${result.auditLog} 条；过了保存期的咨询申请 ${result.consultations} 条（${CLOSED_CONSULTATION_DAYS} 天前已结束的，或 ${CONSULTATION_MAX_DAYS} 天前的），通知记录 ${result.notices} 条；已处理 ${APPLICANT_RETENTION_DAYS} 天以上的收录申请联系人 ${result.applicants} 个。`,
    );
    console.log(`${dryRun ? '（演练）将删除' : '已删除'}结束超过 ${REFERRAL_RETENTION_DAYS} 天的转介 ${referralsGone} 份。`);
  } finally {
    await db.close();
  }
}

const backupDir = path.resolve(process.env['BACKUP_DIR'] ?? path.join(options.dataDir, 'backups'));
if (existsSync(backupDir)) {
  const limit = now.getTime() - config.backupRetentionDays * 86_400_000;
  // Both kinds of copy db:backup writes: SQLite files and pg_dump archives.
  const old = readdirSync(backupDir).filter(
    (name) => /^submissions-.*\.(db|dump)$/.test(name) && statSync(path.join(backupDir, name)).mtimeMs < limit,
  );
  for (const name of old) if (!dryRun) rmSync(path.join(backupDir, name));
  console.log(`${dryRun ? '（演练）将删除' : '已删除'} ${config.backupRetentionDays} 天前的备份 ${old.length} 个。`);
}

/**
 * `npm run data:purge`: deletes what is past the retention period, as the privacy notice
 * promises. Run it daily (cron or a systemd timer); it is safe while the server runs.
 *
 *   RETENTION_DAYS         submissions: days after their last change (enrolments: after the
 *                          session day, if later) — default 365
 *   BACKUP_RETENTION_DAYS  backup files older than this are deleted — default 30
 *   DATA_DIR, BACKUP_DIR   as for db:backup
 *   --dry-run              only report what would go
 */
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { formsConfig } from '../src/server/config.ts';
import { dbPath, openDatabase } from '../src/server/db.ts';
import { purgeExpired } from '../src/server/submissions/purge.ts';

const config = formsConfig();
const dryRun = process.argv.includes('--dry-run');
const now = new Date();

if (!existsSync(dbPath(config.dataDir))) {
  console.log(`没有数据库（${dbPath(config.dataDir)}），无需清理。`);
} else {
  const db = openDatabase(config.dataDir);
  try {
    if (dryRun) {
      // Run the purge and roll it back, to count without deleting.
      db.exec('BEGIN IMMEDIATE');
      const cutoff = new Date(now.getTime() - config.retentionDays * 86_400_000).toISOString();
      const count = (sql: string) => Number((db.prepare(sql).get(cutoff) as { n: number }).n);
      console.log(
        `（演练）将删除 ${config.retentionDays} 天前的数据：志愿者登记 ${count('SELECT COUNT(*) AS n FROM volunteers WHERE updated_at < ?')} 条，` +
          `课程报名 ${count(`SELECT COUNT(*) AS n FROM enrollments WHERE MAX(updated_at, session_date || 'T23:59:59.999Z') < ?`)} 条，` +
          `纠错报告 ${count('SELECT COUNT(*) AS n FROM reports WHERE updated_at < ?')} 条`,
      );
      db.exec('ROLLBACK');
    } else {
      const result = purgeExpired(db, config.retentionDays, now);
      console.log(
        `已删除 ${config.retentionDays} 天前（${result.cutoff} 之前）的数据：志愿者登记 ${result.volunteers} 条，课程报名 ${result.enrollments} 条，纠错报告 ${result.reports} 条，操作记录 ${result.adminLog} 条。`,
      );
    }
  } finally {
    db.close();
  }
}

const backupDir = path.resolve(process.env['BACKUP_DIR'] ?? path.join(config.dataDir, 'backups'));
if (existsSync(backupDir)) {
  const limit = now.getTime() - config.backupRetentionDays * 86_400_000;
  const old = readdirSync(backupDir).filter(
    (name) => /^submissions-.*\.db$/.test(name) && statSync(path.join(backupDir, name)).mtimeMs < limit,
  );
  for (const name of old) if (!dryRun) rmSync(path.join(backupDir, name));
  console.log(`${dryRun ? '（演练）将删除' : '已删除'} ${config.backupRetentionDays} 天前的备份 ${old.length} 个。`);
}

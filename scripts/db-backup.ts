/**
 * `npm run db:backup`: writes a consistent copy of the submissions database while the
 * server keeps running, using SQLite's VACUUM INTO (one read transaction, so the copy is
 * a single point in time, compact, and includes everything committed before it began).
 * The copy is checked (PRAGMA integrity_check), made private (0600) and only then given
 * its final name, so a half-written file never looks like a backup.
 *
 *   DATA_DIR    data folder (default ./data)
 *   BACKUP_DIR  where copies go (default DATA_DIR/backups)
 *   --out FILE  write to this file instead
 *
 * Old copies are removed by `npm run data:purge` (BACKUP_RETENTION_DAYS).
 */
import { chmodSync, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { formsConfig } from '../src/server/config.ts';
import { dbPath, openDatabase } from '../src/server/db.ts';
import { KINDS } from '../src/server/submissions/kinds.ts';
import { countRows } from '../src/server/submissions/listing.ts';

const config = formsConfig();
const source = dbPath(config.dataDir);
if (!existsSync(source)) {
  console.error(`没有找到数据库：${source}（请检查 DATA_DIR）`);
  process.exit(1);
}

const outIndex = process.argv.indexOf('--out');
const stamp = new Date().toISOString().replace(/[:.]/g, '-');
const backupDir = path.resolve(process.env['BACKUP_DIR'] ?? path.join(config.dataDir, 'backups'));
const target =
  outIndex !== -1 && process.argv[outIndex + 1] !== undefined
    ? path.resolve(process.argv[outIndex + 1] ?? '')
    : path.join(backupDir, `submissions-${stamp}.db`);
mkdirSync(path.dirname(target), { recursive: true, mode: 0o700 });
const partial = `${target}.partial`;
rmSync(partial, { force: true });

const started = Date.now();
const db = openDatabase(config.dataDir);
try {
  db.prepare('VACUUM INTO ?').run(partial);
} finally {
  db.close();
}

const copy = new DatabaseSync(partial, { readOnly: true });
let counts: string;
try {
  const check = copy.prepare('PRAGMA integrity_check').get() as { integrity_check: string };
  if (check.integrity_check !== 'ok') throw new Error(`备份校验失败：${check.integrity_check}`);
  counts = KINDS.map((kind) => `${kind} ${countRows(copy, kind)}`).join('，');
} finally {
  copy.close();
}
chmodSync(partial, 0o600);
renameSync(partial, target);
console.log(`备份完成：${target}（${(statSync(target).size / 1024).toFixed(1)} KB，${Date.now() - started} ms；${counts}）`);

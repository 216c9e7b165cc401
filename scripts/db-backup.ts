/**
 * `npm run db:backup`: writes a consistent copy of the site's database while the server
 * keeps running, checks it, makes it private (0600) and only then gives it its final name,
 * so a half-written file never looks like a backup.
 *
 * - SQLite (DATABASE_URL unset): VACUUM INTO (one read transaction, so the copy is a single
 *   point in time, compact, and includes everything committed before it began), checked
 *   with PRAGMA integrity_check. Restore: stop the server, copy it to DATA_DIR/submissions.db.
 * - PostgreSQL (DATABASE_URL set): pg_dump --format=custom from a snapshot the row counts
 *   are taken in too, checked with pg_restore --list. Restore with pg_restore (docs/deploy.md).
 *   The password never appears on a command line: pg_dump gets it in PGPASSWORD.
 *
 *   DATA_DIR      data folder (default ./data)
 *   DATABASE_URL  postgres://… to back up PostgreSQL
 *   BACKUP_DIR    where copies go (default DATA_DIR/backups)
 *   --out FILE    write to this file instead
 *
 * The schema is not migrated first: a backup taken before an upgrade must be the old database.
 * Old copies are removed by `npm run data:purge` (BACKUP_RETENTION_DAYS).
 */
import { execFile } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { Kysely, sql, SqliteDialect } from 'kysely';
import { dbOptionsFromEnv, describeUrl, openDb } from '../src/server/db/connect.ts';
import type { Database } from '../src/server/db/schema.ts';
import { dbPath, kyselySqlite, openSqliteFile } from '../src/server/db/sqlite.ts';
import type { Conn } from '../src/server/db/transaction.ts';
import { KINDS, type Kind } from '../src/server/submissions/kinds.ts';
import { countRows } from '../src/server/submissions/listing.ts';
import { findPgTool } from './lib/postgres.ts';

const run = promisify(execFile);
const options = dbOptionsFromEnv();
const databaseUrl = options.databaseUrl?.trim() ?? '';
const postgres = databaseUrl !== '';

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

/** The last line a failed command wrote, for a one-line message. */
function reason(error: unknown): string {
  const e = error as { stderr?: string; message?: string };
  return (e.stderr ?? '').trim().split('\n').pop() || (e.message ?? String(error));
}

const outIndex = process.argv.indexOf('--out');
const stamp = new Date().toISOString().replace(/[:.]/g, '-');
const backupDir = path.resolve(process.env['BACKUP_DIR'] ?? path.join(options.dataDir, 'backups'));
const target =
  outIndex !== -1 && process.argv[outIndex + 1] !== undefined
    ? path.resolve(process.argv[outIndex + 1] ?? '')
    : path.join(backupDir, `submissions-${stamp}.${postgres ? 'dump' : 'db'}`);

/** "volunteers 3，enrollments 1，reports 0" for the kinds present in the copy. */
async function describeCounts(db: Conn, kinds: readonly Kind[]): Promise<string> {
  const counts = [];
  for (const kind of kinds) counts.push(`${kind} ${await countRows(db, kind)}`);
  return counts.length === 0 ? '还没有数据表' : counts.join('，');
}

/** SQLite: VACUUM INTO the partial file, check it, count its rows. */
async function backupSqlite(partial: string): Promise<string> {
  const live = openSqliteFile(dbPath(options.dataDir));
  try {
    live.prepare('VACUUM INTO ?').run(partial);
  } finally {
    live.close();
  }
  const copy = openSqliteFile(partial, { readOnly: true });
  const check = copy.prepare('PRAGMA integrity_check').get() as { integrity_check: string };
  if (check.integrity_check !== 'ok') {
    copy.close();
    throw new Error(`备份校验失败：${check.integrity_check}`);
  }
  const kysely = new Kysely<Database>({ dialect: new SqliteDialect({ database: kyselySqlite(copy) }) });
  try {
    const tables = new Set((await kysely.introspection.getTables()).map((t) => t.name));
    return await describeCounts(
      { engine: 'sqlite', kysely },
      KINDS.filter((k) => tables.has(k)),
    );
  } finally {
    await kysely.destroy();
  }
}

/**
 * PostgreSQL: pg_dump from a snapshot exported by a repeatable-read transaction, so the
 * rows counted here are exactly the rows in the dump; then pg_restore --list reads it back.
 */
async function backupPostgres(partial: string, pgDump: string, pgRestore: string): Promise<string> {
  // The password goes to pg_dump in its environment, the rest of the URL as --dbname.
  const url = new URL(databaseUrl);
  const password = decodeURIComponent(url.password);
  url.password = '';
  const env = { ...process.env, ...(password === '' ? {} : { PGPASSWORD: password }) };
  const db = await openDb({ ...options, migrate: false, poolSize: 1 });
  try {
    const tables = new Set((await db.kysely.introspection.getTables()).map((t) => t.name));
    const kinds = KINDS.filter((k) => tables.has(k));
    return await db.kysely
      .transaction()
      .setIsolationLevel('repeatable read')
      .execute(async (trx) => {
        const { rows } = await sql<{ snapshot: string }>`SELECT pg_export_snapshot() AS snapshot`.execute(trx);
        const counts = await describeCounts({ engine: 'postgres', kysely: trx }, kinds);
        try {
          await run(
            pgDump,
            ['--format=custom', `--snapshot=${rows[0]?.snapshot ?? ''}`, `--file=${partial}`, `--dbname=${url.toString()}`],
            {
              env,
              maxBuffer: 16 * 1024 * 1024,
            },
          );
        } catch (error) {
          throw new Error(`pg_dump 失败（${describeUrl(databaseUrl)}）：${reason(error)}`, { cause: error });
        }
        try {
          const { stdout } = await run(pgRestore, ['--list', partial], { maxBuffer: 64 * 1024 * 1024 });
          const missing = kinds.filter((k) => !new RegExp(`TABLE DATA public ${k} `).test(stdout));
          if (missing.length > 0) throw new Error(`备份里缺少数据表：${missing.join('、')}`);
        } catch (error) {
          throw new Error(`备份校验失败（pg_restore --list）：${reason(error)}`, { cause: error });
        }
        return counts;
      });
  } finally {
    await db.close();
  }
}

if (!postgres && !existsSync(dbPath(options.dataDir))) fail(`没有找到数据库：${dbPath(options.dataDir)}（请检查 DATA_DIR）`);
const pgDump = findPgTool('pg_dump');
const pgRestore = findPgTool('pg_restore');
if (postgres && (pgDump === undefined || pgRestore === undefined))
  fail(
    '需要 pg_dump 和 pg_restore 才能备份 PostgreSQL：请安装 Debian 的 postgresql-client（apt-get install postgresql-client），版本不低于数据库服务器。',
  );
mkdirSync(path.dirname(target), { recursive: true, mode: 0o700 });
const partial = `${target}.partial`;
rmSync(partial, { force: true });
// Private from the first byte: VACUUM INTO and pg_dump both write into an existing empty file.
writeFileSync(partial, '', { mode: 0o600, flag: 'wx' });
const started = Date.now();
try {
  const counts = postgres ? await backupPostgres(partial, pgDump!, pgRestore!) : await backupSqlite(partial);
  chmodSync(partial, 0o600);
  renameSync(partial, target);
  console.log(`备份完成：${target}（${(statSync(target).size / 1024).toFixed(1)} KB，${Date.now() - started} ms；${counts}）`);
} catch (error) {
  rmSync(partial, { force: true });
  fail(error instanceof Error ? error.message : String(error));
}

/**
 * Opens the site's database: SQLite under DATA_DIR when DATABASE_URL is unset (the
 * embedded default: nothing to install), PostgreSQL when DATABASE_URL=postgres://… (for
 * several API nodes). Either way the schema is brought up to date before first use.
 */
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import path from 'node:path';
import { migrateToLatest } from './migrate.ts';
import type { Database } from './schema.ts';
import { dbPath, kyselySqlite, openSqliteFile } from './sqlite.ts';

export type Engine = 'sqlite' | 'postgres';

export interface Db {
  readonly engine: Engine;
  readonly kysely: Kysely<Database>;
  /**
   * Where request counters (rate limits) live. On PostgreSQL the same database; on SQLite a
   * second file written without fsync, because a counter lost in a power cut is harmless
   * and an fsync per request would halve the form throughput.
   */
  readonly counters: Kysely<Database>;
  /** Where the data is, without any password: for messages. */
  readonly label: string;
  close(): Promise<void>;
}

export interface DbOptions {
  /** postgres://… ; undefined or empty: SQLite in dataDir. */
  readonly databaseUrl?: string | undefined;
  readonly dataDir: string;
  /** Most PostgreSQL connections this process opens (DB_POOL_SIZE, default 10). */
  readonly poolSize?: number | undefined;
  /** Bring the schema up to date (default true). */
  readonly migrate?: boolean | undefined;
}

/** DATABASE_URL with the password hidden. */
export function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.username === '' ? '' : `${u.username}@`}${u.host}${u.pathname}`;
  } catch {
    return '（无法解析的 DATABASE_URL）';
  }
}

/** One line saying why PostgreSQL could not be reached. */
function unreachable(url: string, error: unknown): Error {
  // pg's message says what went wrong ('database "x" does not exist', 'connect ECONNREFUSED …'); the code alone (3D000) would not.
  const reason = error instanceof Error ? error.message || ((error as { code?: string }).code ?? '') : String(error);
  return new Error(`无法连接 PostgreSQL（${describeUrl(url)}）：${reason}。请检查 DATABASE_URL 和数据库服务器是否在运行。`);
}

async function openPostgres(url: string, poolSize: number): Promise<Db> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize, connectionTimeoutMillis: 10_000 });
  // An idle connection dropped by the server must not crash the process; the pool replaces it.
  pool.on('error', (error) => console.error(`[db] PostgreSQL 连接出错：${error.message}`));
  try {
    const client = await pool.connect();
    client.release();
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw unreachable(url, error);
  }
  const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { engine: 'postgres', kysely, counters: kysely, label: describeUrl(url), close: () => kysely.destroy() };
}

function openSqlite(dataDir: string): Db {
  const file = dbPath(dataDir);
  const kysely = new Kysely<Database>({ dialect: new SqliteDialect({ database: kyselySqlite(openSqliteFile(file)) }) });
  const counters = new Kysely<Database>({
    dialect: new SqliteDialect({ database: kyselySqlite(openSqliteFile(path.join(dataDir, 'counters.db'), { fast: true })) }),
  });
  return {
    engine: 'sqlite',
    kysely,
    counters,
    label: file,
    close: async () => {
      await kysely.destroy();
      await counters.destroy();
    },
  };
}

/** Opens the database and (unless told not to) migrates it. */
export async function openDb(options: DbOptions): Promise<Db> {
  const url = options.databaseUrl?.trim();
  const db = url !== undefined && url !== '' ? await openPostgres(url, options.poolSize ?? 10) : openSqlite(options.dataDir);
  if (options.migrate !== false) {
    try {
      await migrateToLatest(db);
    } catch (error) {
      await db.close();
      throw error;
    }
  }
  return db;
}

/** The settings that choose the database, from the environment. */
export function dbOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): DbOptions {
  const pool = Number(env['DB_POOL_SIZE']);
  return {
    databaseUrl: env['DATABASE_URL'],
    dataDir: path.resolve(env['DATA_DIR'] ?? 'data'),
    poolSize: Number.isInteger(pool) && pool >= 1 ? pool : undefined,
  };
}

/**
 * The shared handle lives on globalThis, not in this module: the server process holds
 * several copies of this module (scripts/start.ts's own, the built site's bundle, and each
 * published rebuild's bundle: src/server/http-server.ts SiteHolder), and they must share
 * one handle. Two node:sqlite connections to one file in one process deadlock when one
 * holds a transaction open across an await: the other's busy-wait blocks the event loop
 * the first needs to finish. One handle lets Kysely's connection lock order them instead.
 */
const SHARED = Symbol.for('anning-liaohu.sharedDb');
type Shared = { key: string; db: Promise<Db> } | undefined;
const holder = globalThis as typeof globalThis & { [SHARED]?: Shared };

/** The process's one database handle, opened (and migrated) on first use. */
export function sharedDb(options: DbOptions = dbOptionsFromEnv()): Promise<Db> {
  const key = `${options.databaseUrl ?? ''}\n${options.dataDir}`;
  const shared = holder[SHARED];
  if (shared?.key === key) return shared.db;
  const opening = openDb(options);
  holder[SHARED] = { key, db: opening };
  // A failed open is not cached: the next request tries again.
  opening.catch(() => {
    if (holder[SHARED]?.db === opening) holder[SHARED] = undefined;
  });
  if (shared !== undefined) void shared.db.then((db) => db.close()).catch(() => undefined);
  return opening;
}

/** Closes the shared handle (tests, scripts before exit). */
export async function closeSharedDb(): Promise<void> {
  const current = holder[SHARED];
  holder[SHARED] = undefined;
  if (current !== undefined) await (await current.db).close();
}

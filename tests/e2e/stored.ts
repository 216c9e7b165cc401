/**
 * What a server under test has stored, read straight from its database through the site's
 * own data layer (openDb and the submission queries), so a test sees the rows themselves
 * rather than what some staff screen makes of them. Each call opens the database and closes
 * it again: the server keeps running beside it (SQLite allows readers and waits for the
 * write lock; PostgreSQL is built for it).
 *
 * Read before the server is stopped: stop() removes a test server's data folder.
 */
import { openDb, type Db } from '../../src/server/db/connect.ts';
import { currentEngine } from './engine.ts';
import type { Kind } from '../../src/server/submissions/kinds.ts';
import { allRefs, findRow, listRows, type ListFilter } from '../../src/server/submissions/listing.ts';

/**
 * Where a server keeps its data: its DATA_DIR and, on PostgreSQL, its DATABASE_URL. A
 * server object without `databaseUrl` (a BuiltServer) is taken to use what it inherited
 * from this process's environment, as scripts/lib/built-server.ts starts it.
 */
export interface DataOf {
  readonly dataDir: string;
  readonly databaseUrl?: string | undefined;
}

/**
 * The run's shared server of the current test's project (shared-server.ts): on SQLite its
 * E2E_DATA_DIR, on PostgreSQL its database (E2E_PG_DATABASE_URL). Read when a test uses it,
 * so one spec file serves both projects.
 */
export function sharedServerData(): DataOf {
  const env = (name: string) => {
    const value = process.env[name];
    if (value === undefined) throw new Error(`${name} is not set (playwright.config.ts and shared-server.ts set it)`);
    return value;
  };
  return {
    get dataDir() {
      return env(currentEngine() === 'postgres' ? 'E2E_PG_DATA_DIR' : 'E2E_DATA_DIR');
    },
    get databaseUrl() {
      return currentEngine() === 'postgres' ? env('E2E_PG_DATABASE_URL') : undefined;
    },
  };
}

/**
 * Opens the server's database, runs `use`, closes it. Without migrating: the server did that
 * when it started, and a test pointed at the wrong place fails (no such table) instead of
 * finding an empty database where it expects a deletion.
 */
export async function withStoredDb<T>(server: DataOf, use: (db: Db) => Promise<T>): Promise<T> {
  const databaseUrl = 'databaseUrl' in server ? server.databaseUrl : process.env.DATABASE_URL;
  const db = await openDb({ dataDir: server.dataDir, databaseUrl, migrate: false });
  try {
    return await use(db);
  } finally {
    await db.close();
  }
}

/** Every stored reference code of a kind. */
export function storedRefs(server: DataOf, kind: Kind): Promise<string[]> {
  return withStoredDb(server, (db) => allRefs(db, kind));
}

/** The stored row of one submission (columns as in src/server/db/schema.ts), or undefined when there is none. */
export function storedRow(server: DataOf, kind: Kind, ref: string): Promise<Record<string, unknown> | undefined> {
  return withStoredDb(server, (db) => findRow(db, kind, ref));
}

/** Stored rows matching the staff list filters (status, q, course, session …), newest first. */
export function storedRows(server: DataOf, kind: Kind, filter: ListFilter = {}): Promise<Record<string, unknown>[]> {
  return withStoredDb(server, async (db) => (await listRows(db, kind, filter)).rows);
}

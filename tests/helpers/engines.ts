/**
 * Runs a storage test once per engine, each time on a fresh database:
 *
 *   forEachEngine((engine, { openFresh, freshDatabase }) => {
 *     it('stores a volunteer', async () => {
 *       const db = await openFresh();              // migrated, closed and removed after the test
 *       …
 *     });
 *     it('two nodes share one database', async () => {
 *       const fresh = await freshDatabase();      // not opened yet ({ empty: true }: no tables at all)
 *       const [a, b] = [await fresh.open(), await fresh.open()];
 *       …                                         // fresh.env: DATA_DIR (+ DATABASE_URL) for a server process
 *     });
 *   });
 *
 * SQLite: a new temporary DATA_DIR. PostgreSQL: a new database on the run's server
 * (TEST_DATABASE_URL or the throwaway cluster of tests/setup/postgres.ts), dropped afterwards.
 * Made inside a test (or beforeEach), it is removed when that test ends; made in beforeAll
 * or at describe level, when the file's tests end.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, inject, onTestFinished } from 'vitest';
import { openDb, type Db, type Engine } from '../../src/server/db/connect.ts';
import { createDatabase, dropDatabase, uniqueDatabaseName } from '../../scripts/lib/postgres.ts';

export const ENGINES: readonly Engine[] = ['sqlite', 'postgres'];

export interface OpenOptions {
  /** Bring the schema up to date (default true). */
  readonly migrate?: boolean;
  /** PostgreSQL connections per handle (default 4: tests need few). */
  readonly poolSize?: number;
}

export interface FreshDatabase {
  readonly engine: Engine;
  /** A temporary folder of its own: the SQLite file lives here; on PostgreSQL it is empty (backups, scripts). */
  readonly dataDir: string;
  /** The database's URL on PostgreSQL; undefined on SQLite. */
  readonly databaseUrl: string | undefined;
  /** DATA_DIR and, on PostgreSQL, DATABASE_URL: the settings a server or script process needs to use this database. */
  readonly env: Readonly<Record<string, string>>;
  /** Opens a handle (one more "server node" on the same database); each is closed at clean-up. */
  open(options?: OpenOptions): Promise<Db>;
}

/** The run's PostgreSQL server, as an administrator (from tests/setup/postgres.ts). */
export function postgresAdminUrl(): string {
  return inject('postgresUrl');
}

/** Clean-ups of databases made outside a test, run when the file's tests end. */
const atFileEnd: (() => Promise<void>)[] = [];
// Registered while the test file is collected (it imports this module), so it belongs to that file.
afterAll(async () => {
  await Promise.all(atFileEnd.splice(0).map((cleanUp) => cleanUp()));
});

/** Runs `cleanUp` when the current test ends, or when the file's tests end if no test is running. */
function afterUse(cleanUp: () => Promise<void>): void {
  try {
    onTestFinished(cleanUp);
  } catch {
    // Outside a test (beforeAll, describe body): vitest refuses onTestFinished there.
    atFileEnd.push(cleanUp);
  }
}

export interface FreshOptions {
  /**
   * An empty database with no tables, for tests of the migrations themselves. Default: on
   * PostgreSQL a copy of the run's migrated template (much faster than migrating; open()
   * still applies any migration the template lacks); on SQLite a new folder either way.
   */
  readonly empty?: boolean;
}

/** A new database of `engine`; removed after use (see the file comment). */
export async function freshDatabase(engine: Engine, options: FreshOptions = {}): Promise<FreshDatabase> {
  const dataDir = mkdtempSync(path.join(tmpdir(), `anning-${engine}-`));
  const handles: Db[] = [];
  let databaseUrl: string | undefined;
  let name: string | undefined;
  const adminUrl = engine === 'postgres' ? postgresAdminUrl() : undefined;
  afterUse(async () => {
    await Promise.all(handles.map((db) => db.close().catch(() => undefined)));
    if (adminUrl !== undefined && name !== undefined) await dropDatabase(adminUrl, name);
    rmSync(dataDir, { recursive: true, force: true });
  });
  if (adminUrl !== undefined) {
    name = uniqueDatabaseName('test');
    const template = inject('postgresTemplate');
    databaseUrl = await createDatabase(adminUrl, name, options.empty === true || template === '' ? undefined : template);
  }
  return {
    engine,
    dataDir,
    databaseUrl,
    env: { DATA_DIR: dataDir, ...(databaseUrl === undefined ? {} : { DATABASE_URL: databaseUrl }) },
    async open(options = {}) {
      const db = await openDb({ databaseUrl, dataDir, poolSize: options.poolSize ?? 4, migrate: options.migrate ?? true });
      handles.push(db);
      return db;
    },
  };
}

/** A new, migrated database of `engine` and one handle on it; removed after use. */
export async function openFresh(engine: Engine): Promise<Db> {
  return (await freshDatabase(engine)).open();
}

export interface EngineKit {
  /** A new, migrated database and one handle on it. */
  readonly openFresh: () => Promise<Db>;
  /** A new database not opened yet: open it (several times), or hand its env to a process. */
  readonly freshDatabase: (options?: FreshOptions) => Promise<FreshDatabase>;
}

/** Declares `body`'s tests once per engine, in a describe block named after it. */
export function forEachEngine(body: (engine: Engine, kit: EngineKit) => void): void {
  for (const engine of ENGINES) {
    describe(engine, () => {
      body(engine, { openFresh: () => openFresh(engine), freshDatabase: (options) => freshDatabase(engine, options) });
    });
  }
}

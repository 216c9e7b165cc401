/**
 * Storage tests run once per engine: SQLite in a temporary folder, and PostgreSQL in a
 * fresh database on the test server (TEST_DATABASE_URL). TEMPORARY: replaced by the
 * throwaway-cluster helper.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openDb, type Db, type Engine } from '../../src/server/db/connect.ts';

export const ENGINES: readonly Engine[] = ['sqlite', 'postgres'];

export interface FreshDatabase {
  readonly engine: Engine;
  readonly dataDir: string;
  readonly databaseUrl: string | undefined;
  /** Opens (and migrates) a handle; each call is another handle, as another server node would hold. */
  open(): Promise<Db>;
  /** Closes every handle and removes the database. */
  dispose(): Promise<void>;
}

let counter = 0;

export async function freshDatabase(engine: Engine): Promise<FreshDatabase> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'anning-db-'));
  const handles: Db[] = [];
  let databaseUrl: string | undefined;
  let drop = async () => {};
  if (engine === 'postgres') {
    const admin = process.env['TEST_DATABASE_URL'];
    if (admin === undefined) throw new Error('TEST_DATABASE_URL missing');
    const name = `t_${process.pid}_${Date.now().toString(36)}_${++counter}`;
    const client = new pg.Client({ connectionString: admin });
    await client.connect();
    await client.query(`CREATE DATABASE ${name}`);
    await client.end();
    const url = new URL(admin);
    url.pathname = `/${name}`;
    databaseUrl = url.toString();
    drop = async () => {
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    };
  }
  return {
    engine,
    dataDir,
    databaseUrl,
    async open() {
      const db = await openDb({ databaseUrl, dataDir, poolSize: 5 });
      handles.push(db);
      return db;
    },
    async dispose() {
      for (const db of handles) await db.close().catch(() => undefined);
      await drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

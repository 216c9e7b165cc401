/**
 * The engines the staff tests run on, in one small function each, so they can move to the
 * shared helper (tests/helpers/engines.ts) in one place: SQLite always; PostgreSQL on the
 * server TEST_DATABASE_URL names (each test file gets its own database there, dropped after).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDb, type Db, type Engine } from '../../src/server/db/connect.ts';

export const TEST_DATABASE_URL = process.env['TEST_DATABASE_URL']?.trim() || undefined;

/** Engines to run on; PostgreSQL only when TEST_DATABASE_URL is set (the reason is printed once). */
export function testEngines(): Engine[] {
  if (TEST_DATABASE_URL !== undefined) return ['sqlite', 'postgres'];
  console.warn('[staff tests] TEST_DATABASE_URL 未设置：只在 SQLite 上运行（PostgreSQL 部分跳过）。');
  return ['sqlite'];
}

export interface TestDb {
  readonly db: Db;
  close(): Promise<void>;
}

/** A fresh, migrated database on `engine`. */
export async function freshDb(engine: Engine): Promise<TestDb> {
  if (engine === 'sqlite') {
    const dir = mkdtempSync(path.join(tmpdir(), 'staff-test-'));
    const db = await openDb({ dataDir: dir });
    return {
      db,
      close: async () => {
        await db.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const server = new URL(TEST_DATABASE_URL ?? '');
  const name = `auth_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: server.href });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(server.href);
  url.pathname = `/${name}`;
  const db = await openDb({ databaseUrl: url.href, dataDir: tmpdir(), poolSize: 4 });
  return {
    db,
    close: async () => {
      await db.close();
      const dropper = new pg.Client({ connectionString: server.href });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await dropper.end();
    },
  };
}

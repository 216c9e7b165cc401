/**
 * The engines the staff tests run on, through the shared helper (tests/helpers/engines.ts):
 * SQLite, and the run's real PostgreSQL (TEST_DATABASE_URL or the throwaway cluster).
 */
import type { Db, Engine } from '../../src/server/db/connect.ts';
import { ENGINES, freshDatabase } from '../helpers/engines.ts';

/** Engines to run on: both, always. */
export function testEngines(): readonly Engine[] {
  return ENGINES;
}

export interface TestDb {
  readonly db: Db;
  /** Nothing to do: the helper closes and removes the database when the test (or the file) ends. */
  close(): Promise<void>;
}

/** A fresh, migrated database on `engine`. */
export async function freshDb(engine: Engine): Promise<TestDb> {
  const db = await (await freshDatabase(engine)).open();
  return { db, close: () => Promise.resolve() };
}

/**
 * node:sqlite under Kysely. Kysely's SqliteDialect expects better-sqlite3's statement API;
 * node:sqlite's DatabaseSync needs only a small adapter (node:sqlite loads without a native
 * build, which matters here: native addons are compiled against the machine's Node 20).
 *
 * Durability as before: WAL with synchronous=FULL, so a committed transaction survives
 * `kill -9` or a power cut; secure_delete overwrites deleted rows. Transactions begin
 * IMMEDIATE, so a second process (a script beside the server) waits for the write lock
 * instead of failing half-way through a transaction.
 */
import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { DatabaseSync, type SQLInputValue } from 'node:sqlite';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

export const DB_FILE = 'submissions.db';

/** Path of the database inside a data folder. */
export function dbPath(dataDir: string): string {
  return path.join(dataDir, DB_FILE);
}

/** Values node:sqlite can bind: Kysely hands over booleans and Dates too. */
function bindable(value: unknown): SQLInputValue {
  if (value === undefined) return null;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value instanceof Date) return value.toISOString();
  return value as SQLInputValue;
}

/** Kysely's SQLite database interface over a DatabaseSync. */
export function kyselySqlite(db: DatabaseSync): SqliteDatabase {
  return {
    close: () => db.close(),
    prepare(sql: string): SqliteStatement {
      const statement = db.prepare(sql === 'begin' ? 'begin immediate' : sql);
      return {
        reader: statement.columns().length > 0,
        all: (parameters) => statement.all(...parameters.map(bindable)),
        run: (parameters) => statement.run(...parameters.map(bindable)),
        iterate: (parameters) => statement.iterate(...parameters.map(bindable)) as IterableIterator<unknown>,
      };
    },
  };
}

export interface SqliteOptions {
  readonly readOnly?: boolean;
  /** synchronous=OFF: for counters that may be lost in a power cut (rate limits), never for submissions. */
  readonly fast?: boolean;
}

/**
 * Opens (creating if needed) a database file and sets the pragmas. The folder is created
 * private to the server's user (0700), the file 0600.
 */
export function openSqliteFile(file: string, options: SqliteOptions = {}): DatabaseSync {
  const dir = path.dirname(file);
  if (options.readOnly !== true && !existsSync(dir)) mkdirSync(dir, { recursive: true, mode: 0o700 });
  const db = new DatabaseSync(file, { timeout: 10_000, readOnly: options.readOnly === true });
  db.exec('PRAGMA foreign_keys = ON');
  if (options.readOnly === true) return db;
  db.exec('PRAGMA journal_mode = WAL');
  db.exec(options.fast === true ? 'PRAGMA synchronous = OFF' : 'PRAGMA synchronous = FULL');
  db.exec('PRAGMA secure_delete = ON');
  try {
    chmodSync(file, 0o600);
  } catch {
    // Not fatal (e.g. a filesystem without modes); the folder is already private.
  }
  return db;
}

/**
 * Opens the submissions database (DATA_DIR/submissions.db) with node:sqlite and brings its
 * schema up to date. Durability: WAL with synchronous=FULL, so a transaction that has
 * returned is on disk and survives `kill -9` or a power cut. secure_delete overwrites
 * deleted rows, so withdrawn data does not linger in free pages.
 */
import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { MIGRATIONS } from './migrations.ts';

export const DB_FILE = 'submissions.db';

/** Path of the database inside a data folder. */
export function dbPath(dataDir: string): string {
  return path.join(dataDir, DB_FILE);
}

let savepoints = 0;

/**
 * Runs `fn` inside BEGIN IMMEDIATE … COMMIT, rolling back if it throws. Inside an open
 * transaction (a group commit, see write-queue.ts) it uses a savepoint instead, so only
 * `fn`'s own changes are undone on failure.
 */
export function transaction<T>(db: DatabaseSync, fn: () => T): T {
  if (db.isTransaction) {
    const name = `sp${++savepoints}`;
    db.exec(`SAVEPOINT ${name}`);
    try {
      const result = fn();
      db.exec(`RELEASE ${name}`);
      return result;
    } catch (error) {
      db.exec(`ROLLBACK TO ${name}`);
      db.exec(`RELEASE ${name}`);
      throw error;
    }
  }
  db.exec('BEGIN IMMEDIATE');
  try {
    const result = fn();
    db.exec('COMMIT');
    return result;
  } catch (error) {
    if (db.isTransaction) db.exec('ROLLBACK');
    throw error;
  }
}

/** Applies the migrations not yet applied; returns the schema version reached. */
export function migrate(db: DatabaseSync): number {
  const current = Number((db.prepare('PRAGMA user_version').get() as { user_version: number }).user_version);
  if (current > MIGRATIONS.length) {
    throw new Error(`数据库结构版本 ${current} 比程序认识的 ${MIGRATIONS.length} 新：请用较新的程序版本打开`);
  }
  if (current === MIGRATIONS.length) return current;
  return transaction(db, () => {
    // Re-read inside the write lock: another process may have migrated meanwhile.
    const inside = Number((db.prepare('PRAGMA user_version').get() as { user_version: number }).user_version);
    for (let v = inside; v < MIGRATIONS.length; v++) {
      db.exec(MIGRATIONS[v] ?? '');
      db.exec(`PRAGMA user_version = ${v + 1}`);
    }
    return MIGRATIONS.length;
  });
}

/**
 * Opens (creating if needed) the database in `dataDir`, sets the pragmas and migrates.
 * The folder is created private to the server's user (0700), the file 0600.
 */
export function openDatabase(dataDir: string, options: { readOnly?: boolean } = {}): DatabaseSync {
  const file = dbPath(dataDir);
  if (options.readOnly !== true && !existsSync(dataDir)) mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const db = new DatabaseSync(file, { timeout: 10_000, readOnly: options.readOnly === true });
  db.exec('PRAGMA foreign_keys = ON');
  if (options.readOnly === true) return db;
  db.exec('PRAGMA journal_mode = WAL');
  db.exec('PRAGMA synchronous = FULL');
  db.exec('PRAGMA secure_delete = ON');
  try {
    chmodSync(file, 0o600);
  } catch {
    // Not fatal (e.g. a filesystem without modes); the folder is already private.
  }
  migrate(db);
  return db;
}

let shared: { dir: string; db: DatabaseSync } | undefined;

/** The server's one connection (opened on first use). All access in the process is serialised. */
export function sharedDatabase(dataDir: string): DatabaseSync {
  if (shared === undefined || shared.dir !== dataDir || !shared.db.isOpen) {
    if (shared?.db.isOpen === true) shared.db.close();
    shared = { dir: dataDir, db: openDatabase(dataDir) };
  }
  return shared.db;
}

/**
 * What every writer of submissions shares: rows inserted with a fresh reference code,
 * times stored as ISO strings, the staff log (admin_log), and deleted rows flushed out
 * of the write-ahead log. The files of src/server/submissions/ use plain node:sqlite and no
 * Astro, so scripts and unit tests use them too.
 */
import type { DatabaseSync, SQLInputValue } from 'node:sqlite';
import { newRefCode } from '../../lib/forms/ref-code.ts';
import { REF_KIND, type Kind } from './kinds.ts';

/** Inserts with a fresh reference code, retrying on the (unlikely) clash of codes. */
export function insertWithRef(db: DatabaseSync, kind: Kind, sql: string, values: (ref: string) => SQLInputValue[]): string {
  for (let attempt = 0; ; attempt++) {
    const ref = newRefCode(REF_KIND[kind]);
    try {
      db.prepare(sql).run(...values(ref));
      return ref;
    } catch (error) {
      const clash = error instanceof Error && /UNIQUE constraint failed: \w+\.ref/.test(error.message);
      if (!clash || attempt >= 5) throw error;
    }
  }
}

/** A time as stored: ISO 8601, UTC. */
export const iso = (d: Date) => d.toISOString();

/** One entry in the staff log. */
export function log(db: DatabaseSync, action: string, kind: Kind, ref: string | null, detail: string | null, now: Date): void {
  db.prepare('INSERT INTO admin_log (at, action, kind, ref, detail) VALUES (?, ?, ?, ?, ?)').run(iso(now), action, kind, ref, detail);
}

/** Overwrites freed pages in the write-ahead log too, so deleted rows do not linger there. */
export function flushDeleted(db: DatabaseSync): void {
  try {
    db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
  } catch {
    // A busy reader only delays this; the next checkpoint completes it.
  }
}

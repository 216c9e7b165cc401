/**
 * What every writer of submissions shares: rows inserted with a fresh reference code,
 * times stored as ISO strings, entries in the audit log, and deleted rows flushed out of
 * SQLite's write-ahead log. The files of src/server/submissions/ use the data layer and no
 * Astro, so scripts and unit tests use them too.
 */
import { sql } from 'kysely';
import { newRefCode } from '../../lib/forms/ref-code.ts';
import { recordAudit, type AuditAction } from '../auth/audit.ts';
import type { Db } from '../db/connect.ts';
import type { Conn } from '../db/transaction.ts';
import { REF_KIND, type Kind } from './kinds.ts';

/** A unique-key clash on the ref column, in either engine's words. */
function refClash(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  return (
    /UNIQUE constraint failed: \w+\.ref/.test(error.message) ||
    ((error as { code?: string }).code === '23505' && /_ref_key/.test(error.message))
  );
}

/**
 * Inserts with a fresh reference code, retrying on the (unlikely) clash of codes. On
 * PostgreSQL a failed statement spoils the transaction, so each try runs in a savepoint.
 */
export async function insertWithRef(db: Conn, kind: Kind, insert: (tx: Conn, ref: string) => Promise<unknown>): Promise<string> {
  for (let attempt = 0; ; attempt++) {
    const ref = newRefCode(REF_KIND[kind]);
    try {
      if (db.kysely.isTransaction && db.engine === 'postgres') {
        await sql`SAVEPOINT insert_ref`.execute(db.kysely);
        try {
          await insert(db, ref);
        } catch (error) {
          await sql`ROLLBACK TO SAVEPOINT insert_ref`.execute(db.kysely);
          throw error;
        } finally {
          await sql`RELEASE SAVEPOINT insert_ref`.execute(db.kysely);
        }
      } else await insert(db, ref);
      return ref;
    } catch (error) {
      if (!refClash(error) || attempt >= 5) throw error;
    }
  }
}

/** A time as stored: ISO 8601, UTC. */
export const iso = (d: Date) => d.toISOString();

/** One entry in the audit log about a submission; `place` is where it lies (a county code), when known. */
export function log(
  db: Conn,
  actor: string,
  action: AuditAction,
  kind: Kind,
  ref: string | null,
  detail: string | null,
  now: Date,
  place: string | null = null,
): Promise<void> {
  return recordAudit(db, { actor, action, targetKind: kind, targetRef: ref, detail, scope: place }, now);
}

/** Overwrites freed pages in SQLite's write-ahead log too, so deleted rows do not linger there (PostgreSQL: VACUUM does this). */
export async function flushDeleted(db: Db): Promise<void> {
  if (db.engine !== 'sqlite') return;
  try {
    await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(db.kysely);
  } catch {
    // A busy reader only delays this; the next checkpoint completes it.
  }
}

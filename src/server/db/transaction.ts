/**
 * Transactions over either engine, and the group commit for new submissions.
 *
 * `Conn` is what storage functions take: the query builder (the database, or an open
 * transaction) and which engine it speaks, for the few statements that differ.
 */
import type { Kysely } from 'kysely';
import type { Db, Engine } from './connect.ts';
import type { Database } from './schema.ts';

export interface Conn {
  readonly engine: Engine;
  readonly kysely: Kysely<Database>;
}

/** Runs `fn` in one transaction (SQLite: BEGIN IMMEDIATE; PostgreSQL: READ COMMITTED, with row or advisory locks where counts matter). */
export function inTransaction<T>(db: Conn, fn: (tx: Conn) => Promise<T>): Promise<T> {
  if (db.kysely.isTransaction) return fn(db);
  return db.kysely.transaction().execute((trx) => fn({ engine: db.engine, kysely: trx }));
}

interface Job {
  readonly run: (tx: Conn) => Promise<unknown>;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Group commit on SQLite. With synchronous=FULL every COMMIT waits for the disk (a few
 * milliseconds on a VM disk) and SQLite has one writer, so one commit per submission caps
 * the server at a few hundred a second. Submissions that arrive together are written in one
 * transaction instead: each in its own savepoint (a failure undoes only its own rows), one
 * fsync for the lot, and nobody is answered before that commit has returned, so an
 * acknowledged submission is on disk as before.
 *
 * On PostgreSQL every submission gets its own transaction: the server takes many writers
 * at once and groups their commits itself.
 */
export class WriteQueue {
  private readonly db: Db;
  private readonly maxBatch: number;
  private pending: Job[] = [];
  private flushing = false;

  /** @param maxBatch most submissions in one commit */
  constructor(db: Db, maxBatch = 256) {
    this.db = db;
    this.maxBatch = maxBatch;
  }

  /** Runs `fn` in a transaction; resolves with its result once committed. */
  run<T>(fn: (tx: Conn) => Promise<T>): Promise<T> {
    if (this.db.engine === 'postgres') return inTransaction(this.db, fn);
    return new Promise<T>((resolve, reject) => {
      this.pending.push({ run: fn, resolve: resolve as (v: unknown) => void, reject });
      if (!this.flushing) {
        this.flushing = true;
        // After the I/O callbacks of this turn, so requests read together commit together.
        setImmediate(() => void this.flushAll());
      }
    });
  }

  private async flushAll(): Promise<void> {
    while (this.pending.length > 0) await this.flush(this.pending.splice(0, this.maxBatch));
    this.flushing = false;
  }

  private async flush(batch: Job[]): Promise<void> {
    const outcomes: ({ ok: true; value: unknown } | { ok: false; error: unknown })[] = [];
    try {
      const trx = await this.db.kysely.startTransaction().execute();
      try {
        for (const job of batch) {
          const sp = await trx.savepoint('job').execute();
          try {
            outcomes.push({ ok: true, value: await job.run({ engine: this.db.engine, kysely: sp }) });
            await sp.releaseSavepoint('job').execute();
          } catch (error) {
            await sp.rollbackToSavepoint('job').execute();
            await sp.releaseSavepoint('job').execute();
            outcomes.push({ ok: false, error });
          }
        }
        await trx.commit().execute();
      } catch (error) {
        await trx
          .rollback()
          .execute()
          .catch(() => undefined);
        throw error;
      }
    } catch (error) {
      // The commit itself failed (disk full, database locked too long): nothing was saved.
      for (const job of batch) job.reject(error);
      return;
    }
    batch.forEach((job, i) => {
      const outcome = outcomes[i];
      if (outcome?.ok === true) job.resolve(outcome.value);
      else job.reject(outcome?.error);
    });
  }
}

const queues = new WeakMap<Db, WriteQueue>();

/** The group-commit queue of a database handle. */
export function writeQueueFor(db: Db): WriteQueue {
  let queue = queues.get(db);
  if (queue === undefined) {
    queue = new WriteQueue(db);
    queues.set(db, queue);
  }
  return queue;
}

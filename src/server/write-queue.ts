/**
 * Group commit. With synchronous=FULL every COMMIT waits for the disk (a few milliseconds
 * on a VM disk), and node:sqlite waits synchronously, so one commit per submission caps
 * the server at a few hundred submissions a second at best. Submissions that arrive
 * together are instead written in one transaction: each in its own savepoint (a failure
 * undoes only its own rows), one fsync for the lot, and nobody is answered before that
 * commit has returned, so an acknowledged submission is on disk as before.
 */
import type { DatabaseSync } from 'node:sqlite';
import { sharedDatabase, transaction } from './db.ts';

interface Job {
  readonly run: () => unknown;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
}

export class WriteQueue {
  private readonly open: () => DatabaseSync;
  private readonly maxBatch: number;
  private pending: Job[] = [];
  private scheduled = false;

  /**
   * @param open returns the connection to write to
   * @param maxBatch most submissions in one commit
   */
  constructor(open: () => DatabaseSync, maxBatch = 256) {
    this.open = open;
    this.maxBatch = maxBatch;
  }

  /** Runs `fn` in the next group commit; resolves with its result once committed. */
  run<T>(fn: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.pending.push({ run: fn, resolve: resolve as (v: unknown) => void, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        // After the I/O callbacks of this turn, so requests read together commit together.
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.scheduled = false;
    const batch = this.pending.splice(0, this.maxBatch);
    if (this.pending.length > 0) {
      this.scheduled = true;
      setImmediate(() => this.flush());
    }
    if (batch.length === 0) return;
    const outcomes: ({ ok: true; value: unknown } | { ok: false; error: unknown })[] = [];
    try {
      const db = this.open();
      db.exec('BEGIN IMMEDIATE');
      try {
        for (const job of batch) {
          try {
            outcomes.push({ ok: true, value: transaction(db, job.run) });
          } catch (error) {
            outcomes.push({ ok: false, error });
          }
        }
        db.exec('COMMIT');
      } catch (error) {
        if (db.isTransaction) db.exec('ROLLBACK');
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

let shared: { dir: string; queue: WriteQueue } | undefined;

/** The server's group-commit queue for new submissions, writing to sharedDatabase(dataDir). */
export function sharedWriteQueue(dataDir: string): WriteQueue {
  if (shared === undefined || shared.dir !== dataDir) shared = { dir: dataDir, queue: new WriteQueue(() => sharedDatabase(dataDir)) };
  return shared.queue;
}

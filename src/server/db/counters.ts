/**
 * Request counters in the database, so several server nodes share one limit: a client
 * that alternates between nodes is counted once, at the combined rate.
 *
 * A sliding-window counter (as large CDNs count): hits in the current fixed window plus
 * the previous window's hits weighted by how much of it still overlaps the last
 * `windowMs`. One upsert and one read per request, no per-request row. Every attempt is
 * counted, refused ones too, so a client that keeps hammering stays refused.
 */
import { sql } from 'kysely';
import type { Db } from './connect.ts';

export interface RateDecision {
  readonly allowed: boolean;
  /** Whole seconds until the next request would be allowed (0 when allowed). */
  readonly retryAfterSeconds: number;
}

/**
 * Counts one request of `client` against `bucket`'s limit.
 * @param limit requests allowed per window
 * @param windowMs window length in milliseconds
 */
export async function hitCounter(
  db: Db,
  bucket: string,
  client: string,
  limit: number,
  windowMs: number,
  now = Date.now(),
): Promise<RateDecision> {
  const start = Math.floor(now / windowMs) * windowMs;
  const k = db.counters;
  const current = await sql<{ hits: number }>`
    INSERT INTO rate_counters (bucket, client, window_start, hits) VALUES (${bucket}, ${client}, ${start}, 1)
    ON CONFLICT (bucket, client, window_start) DO UPDATE SET hits = rate_counters.hits + 1
    RETURNING hits`.execute(k);
  const hits = Number(current.rows[0]?.hits ?? 1);
  const previousRow = await k
    .selectFrom('rate_counters')
    .select('hits')
    .where('bucket', '=', bucket)
    .where('client', '=', client)
    .where('window_start', '=', start - windowMs)
    .executeTakeFirst();
  const previous = Number(previousRow?.hits ?? 0);
  const overlap = 1 - (now - start) / windowMs;
  if (previous * overlap + hits <= limit) return { allowed: true, retryAfterSeconds: 0 };
  // When will previous·overlap(t) + hits fall to the limit? Within this window if this
  // window's own hits are under it, else only once the next window has begun.
  const waitMs =
    hits < limit && previous > 0
      ? (overlap - (limit - hits) / previous) * windowMs
      : start + windowMs - now + windowMs * (1 - limit / hits);
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
}

/** Whether `client` is over `bucket`'s limit now, without counting a request. */
export async function peekCounter(
  db: Db,
  bucket: string,
  client: string,
  limit: number,
  windowMs: number,
  now = Date.now(),
): Promise<RateDecision> {
  const start = Math.floor(now / windowMs) * windowMs;
  const rows = await db.counters
    .selectFrom('rate_counters')
    .select(['window_start', 'hits'])
    .where('bucket', '=', bucket)
    .where('client', '=', client)
    .where('window_start', 'in', [start, start - windowMs])
    .execute();
  const hitsAt = (w: number) => Number(rows.find((r) => Number(r.window_start) === w)?.hits ?? 0);
  const estimate = hitsAt(start - windowMs) * (1 - (now - start) / windowMs) + hitsAt(start);
  if (estimate < limit) return { allowed: true, retryAfterSeconds: 0 };
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((start + windowMs - now) / 1000)) };
}

/** When each database's buckets were last swept, by prefix. */
const lastSweep = new WeakMap<Db['counters'], Map<string, number>>();

/**
 * Deletes the counters of buckets whose names start with `bucketPrefix` that are older than
 * two of their windows; at most once a minute per prefix, database and process. Each limiter sweeps
 * only its own buckets: a form limit of one minute must not wipe a sign-in throttle's
 * quarter-hour counts.
 */
export async function sweepCounters(db: Db, bucketPrefix: string, windowMs: number, now = Date.now()): Promise<void> {
  let swept = lastSweep.get(db.counters);
  if (swept === undefined) lastSweep.set(db.counters, (swept = new Map<string, number>()));
  if (now - (swept.get(bucketPrefix) ?? 0) < 60_000) return;
  swept.set(bucketPrefix, now);
  await db.counters
    .deleteFrom('rate_counters')
    .where(sql<string>`substr(bucket, 1, ${bucketPrefix.length})`, '=', bucketPrefix)
    .where('window_start', '<', now - 2 * windowMs)
    .execute();
}

/**
 * GET /api/availability as HTTP: the feed's JSON, its ETag, a short public cache life, and
 * 304 for a client that already holds the same statuses.
 *
 * The ETag is weak, `W/"<SHA-256 of the institutions part>"`: the body also says when it was
 * made (`generatedAt`, different on every answer), and a client that holds the same
 * statuses from a minute ago holds an equivalent answer (RFC 9110 §8.8.1: weak validators
 * compare meaning, not bytes). So every node behind nginx gives the same ETag for the same
 * data and a revalidation is a 304 whichever node answers.
 *
 * The current reports are kept in memory between requests, and the feed's text with them.
 * Each request asks the database one cheap question (how many rows above a point just
 * below the newest id seen, and the largest: a range of the primary key, the same cost
 * with a year of history as with a day's) and reads only the rows written since. Several
 * nodes share the database, so nothing kept per process goes stale: a report on one node
 * is in the next answer of every other. The text is made again when a report arrives or
 * one reaches its expiry (its `fresh` turns false then; no database read needed), and the
 * whole current set is read again every FULL_READ_MS, which also catches the one case
 * the question could miss (a row committed later than LOOKBACK_IDS rows after it).
 * A 304 therefore costs that one query. A 200 costs that and sending the body: its long
 * beginning (the statuses) is gzipped once per change and only the time of the answer at
 * its end for each request (gzip-parts.ts); the server's own compression, which would
 * compress the megabytes again for every request, leaves an encoded response alone.
 */
import { createHash } from 'node:crypto';
import { acceptsGzip, gzipHead, gzipWith, type GzipHead } from './gzip-parts.ts';
import type { AvailabilityFeed } from '../../lib/network/availability.ts';
import { methodNotAllowedBody } from '../responses.ts';
import type { Conn } from '../db/transaction.ts';
import { currentReports, feedFrom, lastReportId, reportsAbove, rowsAbove, type StoredReport } from './availability.ts';

/** Browsers and proxies may keep an answer this long (seconds): statuses are reported per day, a minute is honest. */
export const FEED_MAX_AGE = 60;
export const FEED_CACHE_CONTROL = `public, max-age=${FEED_MAX_AGE}`;
/** The methods of /api/availability (the Allow header of a 405). */
export const FEED_METHODS = 'GET, HEAD';

/** The feed at one moment: its text and its validator. */
export interface FeedSnapshot {
  readonly body: string;
  readonly etag: string;
  /** The same body gzipped, from a beginning compressed once per change (gzip-parts.ts); absent for one institution's few hundred bytes, which the server's compression handles. */
  readonly gzip?: () => Buffer;
}

/** How far below the newest id seen each request looks for rows committed late. */
const LOOKBACK_IDS = 1000;
/** How often the whole current set is read again from the database (ms). */
const FULL_READ_MS = 10 * 60_000;

interface Kept {
  /** Institution + mode → its current report. */
  readonly reports: Map<string, StoredReport>;
  /** When the current set was last read whole (ms). */
  readAt: number;
  /** Rows above `floor` when last asked, and the largest id then. */
  floor: number;
  countAbove: number;
  lastId: number;
  /** The feed as last made: when, until when it holds (the first expiry after), its text and validator. */
  madeAt: number;
  validUntil: number;
  feed: AvailabilityFeed;
  institutions: string;
  etag: string;
  /** The body's beginning gzipped, made on the first request that takes gzip after a change. */
  gzipHead: GzipHead | undefined;
}

const keyOf = (r: Pick<StoredReport, 'institution' | 'mode'>) => `${r.institution}\u0000${r.mode}`;

/** Puts rows into the current set: a row replaces the one of its institution and mode when it is newer (a higher id). */
function apply(reports: Map<string, StoredReport>, rows: readonly StoredReport[]): boolean {
  let changed = false;
  for (const row of rows) {
    const key = keyOf(row);
    const held = reports.get(key);
    if (held === undefined || row.id > held.id) {
      reports.set(key, row);
      changed = true;
    }
  }
  return changed;
}

/** Reads the whole current set; asks where the ids stand first, so a row written meanwhile is read again next time. */
async function readAll(db: Conn, now: number): Promise<Kept> {
  const lastId = await lastReportId(db);
  const floor = lastId - LOOKBACK_IDS;
  const above = await reportsAbove(db, floor);
  const current = await currentReports(db);
  const reports = new Map<string, StoredReport>();
  for (const modes of current.values()) for (const report of modes.values()) reports.set(keyOf(report), report);
  const empty: AvailabilityFeed = { generatedAt: '', institutions: {} };
  return {
    reports,
    readAt: now,
    floor,
    countAbove: above.count,
    lastId: above.last,
    madeAt: 0,
    validUntil: 0,
    feed: empty,
    institutions: '',
    etag: '',
    gzipHead: undefined,
  };
}

/** Reads what was written since the last question; true when the current set changed. */
async function catchUp(db: Conn, kept: Kept): Promise<boolean> {
  const above = await reportsAbove(db, kept.floor);
  if (above.count === kept.countAbove && above.last === kept.lastId) return false;
  const rows = await rowsAbove(db, kept.floor);
  const changed = apply(kept.reports, rows);
  kept.lastId = rows.reduce((max, r) => Math.max(max, r.id), kept.lastId);
  kept.floor = kept.lastId - LOOKBACK_IDS;
  kept.countAbove = rows.filter((r) => r.id > kept.floor).length;
  return changed;
}

/**
 * A source of feed snapshots over one database and one rule of which institutions it lists
 * (availability-console.ts `feedIncludes`), keeping the current reports between calls.
 * With `institution`, the snapshot holds that one institution only (or none): the same
 * shape, a few hundred bytes instead of the whole country's, for a page about one place.
 */
export function feedSource(
  includes: (institution: string) => boolean,
): (db: Conn, now: Date, institution?: string) => Promise<FeedSnapshot> {
  const held = new WeakMap<object, Kept>();
  return async (db, now, institution) => {
    const t = now.getTime();
    let kept = held.get(db.kysely);
    let stale = false;
    if (kept === undefined || t - kept.readAt >= FULL_READ_MS || t < kept.madeAt) {
      kept = await readAll(db, t);
      held.set(db.kysely, kept);
      stale = true;
    } else if (await catchUp(db, kept)) stale = true;
    if (stale || t >= kept.validUntil) {
      const feed = feedFrom(kept.reports.values(), now, includes);
      const institutions = JSON.stringify(feed.institutions);
      Object.assign(kept, {
        madeAt: t,
        validUntil: nextExpiry(feed, t),
        feed,
        institutions,
        etag: weakEtag(institutions),
        gzipHead: undefined,
      });
    }
    // The statuses first, then the moment of the answer: the long part is the same for every
    // answer until something changes, so it is compressed once (key order means nothing in JSON).
    const tail = `${JSON.stringify(now.toISOString())}}`;
    if (institution === undefined) {
      const whole = kept;
      const head = `{"institutions":${whole.institutions},"generatedAt":`;
      return { body: `${head}${tail}`, etag: whole.etag, gzip: () => gzipWith((whole.gzipHead ??= gzipHead(head)), tail) };
    }
    const one = Object.hasOwn(kept.feed.institutions, institution) ? kept.feed.institutions[institution] : undefined;
    const institutions = JSON.stringify(one === undefined ? {} : { [institution]: one });
    return { body: `{"institutions":${institutions},"generatedAt":${tail}`, etag: weakEtag(institutions) };
  };
}

function nextExpiry(feed: AvailabilityFeed, now: number): number {
  let next = now + FULL_READ_MS;
  for (const modes of Object.values(feed.institutions))
    for (const status of Object.values(modes)) {
      const at = Date.parse(status.expiresAt);
      if (at > now && at < next) next = at;
    }
  return next;
}

export function weakEtag(text: string): string {
  return `W/"${createHash('sha256').update(text).digest('base64url').slice(0, 32)}"`;
}

/** Whether If-None-Match names `etag` (weak comparison: W/ prefixes ignored; * matches anything). */
export function matchesEtag(ifNoneMatch: string | null, etag: string): boolean {
  if (ifNoneMatch === null) return false;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  const wanted = opaque(etag);
  return ifNoneMatch.split(',').some((tag) => tag.trim() === '*' || opaque(tag) === wanted);
}

/** The answer to a request for the feed: 200 (HEAD without the body), 304, or 405 for other methods. */
export async function feedResponse(request: Request, snapshot: () => Promise<FeedSnapshot>): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    return new Response(JSON.stringify(methodNotAllowedBody()), {
      status: 405,
      headers: { Allow: FEED_METHODS, 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' },
    });
  }
  const { body, etag, gzip } = await snapshot();
  const headers = { ETag: etag, 'Cache-Control': FEED_CACHE_CONTROL, Vary: 'Accept-Encoding' };
  if (matchesEtag(request.headers.get('if-none-match'), etag)) return new Response(null, { status: 304, headers });
  const type = { 'Content-Type': 'application/json; charset=utf-8' };
  if (request.method === 'HEAD') return new Response(null, { status: 200, headers: { ...headers, ...type } });
  // Already compressed: the server's compression leaves a response with a Content-Encoding alone.
  if (gzip !== undefined && acceptsGzip(request.headers.get('accept-encoding')))
    return new Response(new Uint8Array(gzip()), { status: 200, headers: { ...headers, ...type, 'Content-Encoding': 'gzip' } });
  return new Response(body, { status: 200, headers: { ...headers, ...type } });
}

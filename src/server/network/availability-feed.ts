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
 * The institutions part is kept between requests and made again when the stored reports
 * change (count and newest id, read on every request: several nodes share the database,
 * nothing per process goes stale) or when one of its reports reaches its expiry (its
 * `fresh` turns false then). A 304 therefore costs one small query; a 200, that and the
 * compression of the body.
 */
import { createHash } from 'node:crypto';
import type { AvailabilityFeed } from '../../lib/network/availability.ts';
import { methodNotAllowedBody } from '../responses.ts';
import type { Conn } from '../db/transaction.ts';
import { availabilityFeed, reportsVersion } from './availability.ts';

/** Browsers and proxies may keep an answer this long (seconds): statuses are reported per day, a minute is honest. */
export const FEED_MAX_AGE = 60;
export const FEED_CACHE_CONTROL = `public, max-age=${FEED_MAX_AGE}`;
/** The methods of /api/availability (the Allow header of a 405). */
export const FEED_METHODS = 'GET, HEAD';

/** The feed at one moment: its text and its validator. */
export interface FeedSnapshot {
  readonly body: string;
  readonly etag: string;
}

interface Kept {
  readonly version: string;
  readonly madeAt: number;
  /** The first expiry after madeAt among the reports: the part is wrong from then on. */
  readonly validUntil: number;
  readonly feed: AvailabilityFeed;
  readonly institutions: string;
  readonly etag: string;
}

/** The longest a kept part is used without being made again, even if nothing changed (ms). */
const KEEP_AT_MOST_MS = 10 * 60_000;

/**
 * A source of feed snapshots over one database and one rule of which institutions it lists
 * (availability-console.ts `feedIncludes`), keeping the institutions part between calls.
 * With `institution`, the snapshot holds that one institution only (or none): the same
 * shape, a few hundred bytes instead of the whole country's, for a page about one place.
 */
export function feedSource(
  includes: (institution: string) => boolean,
): (db: Conn, now: Date, institution?: string) => Promise<FeedSnapshot> {
  const kept = new WeakMap<object, Kept>();
  return async (db, now, institution) => {
    const version = await reportsVersion(db);
    const t = now.getTime();
    let part = kept.get(db.kysely);
    if (part === undefined || part.version !== version || t >= part.validUntil || t < part.madeAt) {
      const feed = await availabilityFeed(db, now, includes);
      const institutions = JSON.stringify(feed.institutions);
      part = { version, madeAt: t, validUntil: nextExpiry(feed, t), feed, institutions, etag: weakEtag(institutions) };
      kept.set(db.kysely, part);
    }
    let institutions = part.institutions;
    let etag = part.etag;
    if (institution !== undefined) {
      const one = Object.hasOwn(part.feed.institutions, institution) ? part.feed.institutions[institution] : undefined;
      institutions = JSON.stringify(one === undefined ? {} : { [institution]: one });
      etag = weakEtag(institutions);
    }
    // The same text as JSON.stringify(feed) would give: generatedAt first, then the institutions.
    return { body: `{"generatedAt":${JSON.stringify(now.toISOString())},"institutions":${institutions}}`, etag };
  };
}

function nextExpiry(feed: AvailabilityFeed, now: number): number {
  let next = now + KEEP_AT_MOST_MS;
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
  const { body, etag } = await snapshot();
  const headers = { ETag: etag, 'Cache-Control': FEED_CACHE_CONTROL };
  if (matchesEtag(request.headers.get('if-none-match'), etag)) return new Response(null, { status: 304, headers });
  return new Response(request.method === 'HEAD' ? null : body, {
    status: 200,
    headers: { ...headers, 'Content-Type': 'application/json; charset=utf-8' },
  });
}

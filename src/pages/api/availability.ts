/**
 * GET /api/availability (and HEAD): every real institution's current availability per care
 * mode, fresh or 未知 past its expiry (the AvailabilityFeed of src/lib/network/availability.ts);
 * GET /api/availability?institution=<id>: the same for one institution.
 * Public and the same for everyone, so the one API answer that caches: public for
 * FEED_MAX_AGE seconds, with an ETag for revalidation (src/server/network/availability-feed.ts;
 * the server's exception to the API's no-store is in src/server/api-paths.ts).
 */
import type { APIRoute } from 'astro';
import { formReference } from '../../lib/forms/reference-data.ts';
import { sharedDb } from '../../server/db/connect.ts';
import { feedIncludes } from '../../server/network/availability-console.ts';
import { feedResponse, feedSource } from '../../server/network/availability-feed.ts';

export const prerender = false;

const snapshot = feedSource(feedIncludes(formReference()));

/** ?institution=<registry id>: only that institution (the same shape; empty when it has not reported). */
export const ALL: APIRoute = async ({ request, url }) => {
  const institution = url.searchParams.get('institution') ?? undefined;
  return feedResponse(request, async () => snapshot(await sharedDb(), new Date(), institution));
};

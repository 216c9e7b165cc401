/**
 * GET /api/availability (and HEAD): every real institution's current availability per care
 * mode, fresh or 未知 past its expiry (the AvailabilityFeed of src/lib/network/availability.ts).
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

export const ALL: APIRoute = async ({ request }) => feedResponse(request, async () => snapshot(await sharedDb(), new Date()));

/**
 * GET /api/admin/<volunteers|enrollments|reports> — submissions as JSON, newest first:
 * { ok, total, items }. Filters: status, q, county, institution, course, session,
 * limit (default 200, at most 5000), offset. Needs `Authorization: Bearer <ADMIN_TOKEN>`.
 */
import type { APIRoute } from 'astro';
import { adminListing, adminOtherMethods, toItems } from '../../../server/admin-api.ts';
import { jsonResponse } from '../../../server/responses.ts';

export const prerender = false;

export const GET: APIRoute = async (ctx) => {
  const listing = await adminListing(ctx, 200);
  if (listing instanceof Response) return listing;
  const { kind, filter, total, rows } = listing;
  return jsonResponse(200, { ok: true, kind, total, limit: filter.limit, offset: filter.offset ?? 0, items: await toItems(kind, rows) });
};

export const ALL = adminOtherMethods('GET');

/**
 * GET /api/admin/<volunteers|enrollments|reports>.csv — the same list as CSV for Excel
 * (UTF-8 with BOM), all rows matching the filters (up to 5000 unless limit says otherwise).
 */
import type { APIRoute } from 'astro';
import { adminListing, adminOtherMethods, itemsCsv, toItems } from '../../../server/admin-api.ts';
import { chinaToday } from '../../../lib/forms/sessions.ts';
import { csvResponse } from '../../../server/responses.ts';

export const prerender = false;

export const GET: APIRoute = async (ctx) => {
  const listing = await adminListing(ctx, 5000);
  if (listing instanceof Response) return listing;
  const { kind, rows } = listing;
  return csvResponse(itemsCsv(kind, await toItems(kind, rows)), `${kind}-${chinaToday()}.csv`);
};

export const ALL = adminOtherMethods('GET');

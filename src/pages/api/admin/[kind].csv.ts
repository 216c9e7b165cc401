/**
 * GET /api/admin/<volunteers|enrollments|reports>.csv — the same list as CSV for Excel
 * (UTF-8 with BOM), all rows matching the filters (up to 5000 unless limit says otherwise).
 */
import type { APIRoute } from 'astro';
import { adminRefusal, isKind, itemsCsv, listFilter, toItems } from '../../../server/admin-api.ts';
import { formsConfig } from '../../../server/config.ts';
import { sharedDatabase } from '../../../server/db.ts';
import { chinaToday } from '../../../lib/forms/sessions.ts';
import { csvResponse, jsonResponse, peerAddress } from '../../../server/responses.ts';
import { listRows } from '../../../server/submissions.ts';

export const prerender = false;

export const GET: APIRoute = async (ctx) => {
  const refused = adminRefusal(ctx.request, peerAddress(() => ctx.clientAddress));
  if (refused !== undefined) return refused;
  const kind = ctx.params['kind'];
  if (!isKind(kind)) return jsonResponse(404, { ok: false, error: 'not-found' });
  const filter = listFilter(ctx.url);
  const { rows } = listRows(sharedDatabase(formsConfig().dataDir), kind, { ...filter, limit: filter.limit ?? 5000 });
  return csvResponse(itemsCsv(kind, await toItems(kind, rows)), `${kind}-${chinaToday()}.csv`);
};

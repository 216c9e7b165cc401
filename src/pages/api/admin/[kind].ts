/**
 * GET /api/admin/<volunteers|enrollments|reports> — submissions as JSON, newest first:
 * { ok, total, items }. Filters: status, q, county, institution, course, session,
 * limit (default 200, at most 5000), offset. Needs `Authorization: Bearer <ADMIN_TOKEN>`.
 */
import type { APIRoute } from 'astro';
import { adminRefusal, isKind, listFilter, toItems } from '../../../server/admin-api.ts';
import { formsConfig } from '../../../server/config.ts';
import { sharedDatabase } from '../../../server/db.ts';
import { jsonResponse, peerAddress } from '../../../server/responses.ts';
import { listRows } from '../../../server/submissions.ts';

export const prerender = false;

export const GET: APIRoute = async (ctx) => {
  const refused = adminRefusal(ctx.request, peerAddress(() => ctx.clientAddress));
  if (refused !== undefined) return refused;
  const kind = ctx.params['kind'];
  if (!isKind(kind)) return jsonResponse(404, { ok: false, error: 'not-found' });
  const filter = listFilter(ctx.url);
  const { total, rows } = listRows(sharedDatabase(formsConfig().dataDir), kind, filter);
  return jsonResponse(200, { ok: true, kind, total, limit: filter.limit ?? 200, offset: filter.offset ?? 0, items: await toItems(kind, rows) });
};

export const ALL: APIRoute = (ctx) => adminRefusal(ctx.request, peerAddress(() => ctx.clientAddress)) ?? jsonResponse(405, { ok: false, error: 'method-not-allowed' }, { Allow: 'GET' });

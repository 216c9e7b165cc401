/**
 * One submission, for staff:
 *   GET    /api/admin/<kind>/<ref>   — the item
 *   PATCH  /api/admin/<kind>/<ref>   — JSON { "status": "已联系" } changes its status
 *   DELETE /api/admin/<kind>/<ref>   — deletes it
 * Cancelling or deleting a confirmed enrolment moves people up from the waitlist; the
 * reply lists them in `promoted` so staff can call them.
 */
import type { APIRoute } from 'astro';
import { adminOtherMethods, adminRefusal, isKind, toItems } from '../../../../server/admin-api.ts';
import { formsConfig } from '../../../../server/config.ts';
import { seatsLookup } from '../../../../server/course-sessions.ts';
import { sharedDb } from '../../../../server/db/connect.ts';
import { readBody } from '../../../../server/request.ts';
import { jsonResponse, notFound } from '../../../../server/responses.ts';
import { STATUSES, type Kind } from '../../../../server/submissions/kinds.ts';
import { listRows } from '../../../../server/submissions/listing.ts';
import { deleteSubmission, setStatus } from '../../../../server/submissions/staff-changes.ts';

export const prerender = false;

type Target = { kind: Kind; ref: string };

function target(params: Record<string, string | undefined>): Target | undefined {
  const kind = params['kind'];
  const ref = params['ref']?.toUpperCase();
  return isKind(kind) && ref !== undefined && /^[VER]-[A-Z0-9]{8}$/.test(ref) ? { kind, ref } : undefined;
}

/** The start of every method: the access check, then the kind and reference from the path (404 when malformed). */
function guard(ctx: Parameters<APIRoute>[0]): Target | Response {
  const refused = adminRefusal(ctx);
  if (refused !== undefined) return refused;
  return target(ctx.params) ?? notFound();
}

export const GET: APIRoute = async (ctx) => {
  const t = guard(ctx);
  if (t instanceof Response) return t;
  const { rows } = await listRows(await sharedDb(), t.kind, { q: t.ref, limit: 1 });
  const row = rows.find((r) => r['ref'] === t.ref);
  if (row === undefined) return notFound();
  const [item] = await toItems(t.kind, [row]);
  return jsonResponse(200, { ok: true, item });
};

export const PATCH: APIRoute = async (ctx) => {
  const t = guard(ctx);
  if (t instanceof Response) return t;
  const body = await readBody(ctx.request, formsConfig().maxBodyBytes);
  if (!body.ok) return jsonResponse(body.status, { ok: false, error: body.reason });
  const status = body.data['status'];
  const allowed = STATUSES[t.kind];
  if (typeof status !== 'string' || !allowed.includes(status)) {
    return jsonResponse(400, { ok: false, errors: { status: `状态必须是：${allowed.join('、')}` } });
  }
  const change = await setStatus(await sharedDb(), 'admin-token', t.kind, t.ref, status, await seatsLookup());
  if (!change.found) return notFound();
  return jsonResponse(200, { ok: true, ref: t.ref, status, promoted: change.promoted });
};

export const DELETE: APIRoute = async (ctx) => {
  const t = guard(ctx);
  if (t instanceof Response) return t;
  const change = await deleteSubmission(await sharedDb(), 'admin-token', t.kind, t.ref, await seatsLookup());
  if (!change.found) return notFound();
  return jsonResponse(200, { ok: true, deleted: t.ref, promoted: change.promoted });
};

export const ALL = adminOtherMethods('GET, PATCH, DELETE');

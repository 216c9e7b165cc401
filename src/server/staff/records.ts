/**
 * The console's reads and changes of submissions, each within the staff member's scope and
 * each written to the audit log: lists, single records, exports, status changes and
 * deletions. A record outside the scope is answered exactly as a record that does not
 * exist, so nobody learns what another institution holds.
 */
import { rowScope, type RowScope } from '../../lib/network/scope.ts';
import type { StaffPrincipal } from '../../lib/network/roles.ts';
import { formReference } from '../../lib/forms/reference-data.ts';
import { recordAudit } from '../auth/audit.ts';
import { seatsLookup, sessionPlaces } from '../course-sessions.ts';
import type { Db } from '../db/connect.ts';
import type { Kind } from '../submissions/kinds.ts';
import { findRow, listRows, statusCounts, type ListFilter } from '../submissions/listing.ts';
import { deleteSubmission, setStatus, type Change } from '../submissions/staff-changes.ts';
import { itemsCsv, toItems } from './items.ts';

/** The rows the person may see (src/lib/network/scope.ts), from the registry and the courses of this build. */
export async function scopeOf(principal: StaffPrincipal): Promise<RowScope> {
  const institutions = formReference().institutions.map((i) => ({ id: i.id, regionCode: i.regionCode }));
  return rowScope(principal.grants, { institutions, sessions: await sessionPlaces() });
}

/**
 * Where a record lies, for the audit log's scope column: the county of its institution,
 * or the county a volunteer gave; null for what belongs to no place.
 */
export function placeOf(row: Record<string, unknown>): string | null {
  const institution = typeof row['institution'] === 'string' ? formReference().institutionById.get(row['institution']) : undefined;
  if (institution !== undefined) return institution.regionCode;
  return typeof row['county'] === 'string' ? row['county'] : null;
}

/**
 * What the audit log keeps of a list's filters: which were used, never what was typed in
 * the search box (a name or a phone number).
 */
function filterSummary(filter: ListFilter): string {
  const parts = Object.entries(filter)
    .filter(([key, value]) => value !== undefined && value !== '' && key !== 'q' && key !== 'limit')
    .map(([key, value]) => `${key}=${String(value)}`);
  if (filter.q !== undefined && filter.q !== '') parts.push('search');
  return parts.join(' ');
}

export interface StaffList {
  readonly total: number;
  readonly items: Record<string, unknown>[];
}

/** A page of submissions for the console, audited as a read of personal data. */
export async function listForStaff(db: Db, principal: StaffPrincipal, kind: Kind, filter: ListFilter): Promise<StaffList> {
  const scope = await scopeOf(principal);
  const { total, rows } = await listRows(db, kind, filter, scope);
  await recordAudit(db, {
    actor: principal.userId,
    action: 'read.list',
    targetKind: kind,
    detail: `${filterSummary(filter)}${filterSummary(filter) === '' ? '' : '; '}shown ${rows.length} of ${total}`,
  });
  return { total, items: await toItems(kind, rows) };
}

/** Every matching submission (up to 5000) as CSV, audited as an export. */
export async function exportForStaff(
  db: Db,
  principal: StaffPrincipal,
  kind: Kind,
  filter: ListFilter,
): Promise<{ csv: string; count: number }> {
  const scope = await scopeOf(principal);
  const { rows } = await listRows(db, kind, { ...filter, limit: 5000, offset: 0 }, scope);
  await recordAudit(db, {
    actor: principal.userId,
    action: 'read.export',
    targetKind: kind,
    detail: `${filterSummary({ ...filter, offset: undefined })}; rows ${rows.length}`,
  });
  return { csv: itemsCsv(kind, await toItems(kind, rows)), count: rows.length };
}

/** One submission, if within the person's scope; the read is audited. */
export async function recordForStaff(
  db: Db,
  principal: StaffPrincipal,
  kind: Kind,
  ref: string,
): Promise<Record<string, unknown> | undefined> {
  const row = await findRow(db, kind, ref, await scopeOf(principal));
  if (row === undefined) return undefined;
  await recordAudit(db, { actor: principal.userId, action: 'read.record', targetKind: kind, targetRef: ref, scope: placeOf(row) });
  const [item] = await toItems(kind, [row]);
  return item;
}

/** A status change by a staff member; `found: false` for a record outside their scope. */
export async function changeStatusAsStaff(db: Db, principal: StaffPrincipal, kind: Kind, ref: string, status: string): Promise<Change> {
  const row = await findRow(db, kind, ref, await scopeOf(principal));
  if (row === undefined) return { found: false, promoted: [] };
  return setStatus(db, principal.userId, kind, ref, status, await seatsLookup(), new Date(), placeOf(row));
}

/** A deletion by a staff member; `found: false` for a record outside their scope. */
export async function deleteAsStaff(db: Db, principal: StaffPrincipal, kind: Kind, ref: string): Promise<Change> {
  const row = await findRow(db, kind, ref, await scopeOf(principal));
  if (row === undefined) return { found: false, promoted: [] };
  return deleteSubmission(db, principal.userId, kind, ref, await seatsLookup(), new Date(), placeOf(row));
}

/** What needs attention in the person's scope: new and flagged submissions per kind (no personal data, not audited). */
export async function attention(db: Db, principal: StaffPrincipal) {
  const scope = await scopeOf(principal);
  const [volunteers, enrollments, reports] = await Promise.all([
    statusCounts(db, 'volunteers', scope),
    statusCounts(db, 'enrollments', scope),
    statusCounts(db, 'reports', scope),
  ]);
  return {
    newVolunteers: volunteers.byStatus['新登记'] ?? 0,
    waitlisted: enrollments.byStatus['候补'] ?? 0,
    openReports: reports.byStatus['待处理'] ?? 0,
    flagged: volunteers.review + enrollments.review + reports.review,
  };
}

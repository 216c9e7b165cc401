/**
 * The audit log as commission staff read it: entries within their region (by the place of
 * the record) and their own, filtered by day, action, person and record, newest first;
 * also as CSV. Reading it is itself recorded. Entries hold no personal data, so neither
 * does this view.
 */
import { sql } from 'kysely';
import { chinaTime } from '../../lib/china-time.ts';
import { toCsv, type CsvColumn } from '../../lib/csv.ts';
import { WHOLE_SITE, ownRegions, regionPrefix, type StaffPrincipal } from '../../lib/network/roles.ts';
import { recordAudit } from '../auth/audit.ts';
import type { Db } from '../db/connect.ts';

export interface AuditFilter {
  /** First day, YYYY-MM-DD in China time. */
  readonly from?: string | undefined;
  /** Last day, YYYY-MM-DD in China time (inclusive). */
  readonly to?: string | undefined;
  readonly action?: string | undefined;
  /** A staff user id, or 'public', 'system', 'anonymous'. */
  readonly actor?: string | undefined;
  /** A record's code. */
  readonly ref?: string | undefined;
  readonly limit?: number | undefined;
  readonly offset?: number | undefined;
}

export interface AuditRow {
  readonly id: number;
  readonly at: string;
  readonly actor: string;
  readonly action: string;
  readonly targetKind: string | null;
  readonly targetRef: string | null;
  readonly scope: string | null;
  readonly outcome: string;
  readonly detail: string | null;
}

/** China time (UTC+8) midnight of a YYYY-MM-DD day, as the stored ISO text. */
const chinaMidnight = (day: string, plusDays = 0) => new Date(Date.parse(`${day}T00:00:00+08:00`) + plusDays * 86_400_000).toISOString();
const isDay = (s: string | undefined): s is string => s !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(s));

/** Whether the person may read the audit log at all: commission staff only. */
export function mayReadAudit(principal: StaffPrincipal): boolean {
  return ownRegions(principal.grants).length > 0;
}

function conditions(principal: StaffPrincipal, filter: AuditFilter) {
  const where = [];
  const regions = ownRegions(principal.grants);
  if (!regions.includes(WHOLE_SITE)) {
    const within = regions.map((r) => sql`scope LIKE ${`${regionPrefix(r)}%`}`);
    where.push(sql`(actor = ${principal.userId} OR ${sql.join(within, sql` OR `)})`);
  }
  if (isDay(filter.from)) where.push(sql`at >= ${chinaMidnight(filter.from)}`);
  if (isDay(filter.to)) where.push(sql`at < ${chinaMidnight(filter.to, 1)}`);
  if (filter.action !== undefined && filter.action !== '') where.push(sql`action = ${filter.action}`);
  if (filter.actor !== undefined && filter.actor !== '') where.push(sql`actor = ${filter.actor}`);
  if (filter.ref !== undefined && filter.ref !== '') where.push(sql`target_ref = ${filter.ref.toUpperCase()}`);
  return where.length > 0 ? sql`WHERE ${sql.join(where, sql` AND `)}` : sql``;
}

interface StoredEntry {
  id: number | string;
  at: string;
  actor: string;
  action: string;
  target_kind: string | null;
  target_ref: string | null;
  scope: string | null;
  outcome: string;
  detail: string | null;
}

const toRow = (r: StoredEntry): AuditRow => ({
  id: Number(r.id),
  at: r.at,
  actor: r.actor,
  action: r.action,
  targetKind: r.target_kind,
  targetRef: r.target_ref,
  scope: r.scope,
  outcome: r.outcome,
  detail: r.detail,
});

/** A page of entries (newest first) with the total; the read is recorded. */
export async function readAudit(db: Db, principal: StaffPrincipal, filter: AuditFilter): Promise<{ total: number; rows: AuditRow[] }> {
  const clause = conditions(principal, filter);
  const limit = Math.min(Math.max(Math.trunc(filter.limit ?? 100), 1), 5000);
  const offset = Math.max(Math.trunc(filter.offset ?? 0), 0);
  const count = await sql<{ n: number | string }>`SELECT COUNT(*) AS n FROM audit_log ${clause}`.execute(db.kysely);
  const { rows } = await sql<StoredEntry>`SELECT * FROM audit_log ${clause} ORDER BY id DESC LIMIT ${limit} OFFSET ${offset}`.execute(
    db.kysely,
  );
  await recordAudit(db, { actor: principal.userId, action: 'read.audit', detail: `rows ${rows.length}` });
  return { total: Number(count.rows[0]?.n ?? 0), rows: rows.map(toRow) };
}

const COLUMNS: readonly CsvColumn<AuditRow & { actorName: string }>[] = [
  { header: '序号', value: (r) => String(r.id) },
  { header: '时间（北京时间）', value: (r) => chinaTime(r.at) },
  { header: '操作人', value: (r) => r.actorName },
  { header: '操作人编号', value: (r) => r.actor },
  { header: '操作', value: (r) => r.action },
  { header: '记录类型', value: (r) => r.targetKind ?? '' },
  { header: '记录编号', value: (r) => r.targetRef ?? '' },
  { header: '所在地区代码', value: (r) => r.scope ?? '' },
  { header: '结果', value: (r) => r.outcome },
  { header: '说明', value: (r) => r.detail ?? '' },
];

/** Matching entries (up to 5000) as CSV, with each actor's name from `namesOf` (staff user ids → names). */
export async function auditCsv(
  db: Db,
  principal: StaffPrincipal,
  filter: AuditFilter,
  namesOf: (ids: readonly string[]) => Promise<Map<string, string>>,
): Promise<string> {
  const { rows } = await readAudit(db, principal, { ...filter, limit: 5000, offset: 0 });
  const names = await namesOf(rows.map((r) => r.actor));
  return toCsv(
    COLUMNS,
    rows.map((r) => ({ ...r, actorName: names.get(r.actor) ?? r.actor })),
  );
}

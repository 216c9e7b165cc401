/** Reading stored submissions: the staff list with its filters and search, counts, and every reference code. */
import { sql } from 'kysely';
import type { Conn } from '../db/transaction.ts';
import type { RowScope } from '../../lib/network/scope.ts';
import type { Kind } from './kinds.ts';

/** Staff list filters. Unknown filters are ignored. */
export interface ListFilter {
  readonly status?: string | undefined;
  /** Free text: part of a name or phone number, or a whole reference code. */
  readonly q?: string | undefined;
  /** volunteers: county code; reports: -; enrollments: - */
  readonly county?: string | undefined;
  /** volunteers and reports: registry id. */
  readonly institution?: string | undefined;
  /** enrollments: course slug. */
  readonly course?: string | undefined;
  /** enrollments: session id. */
  readonly session?: string | undefined;
  readonly limit?: number | undefined;
  readonly offset?: number | undefined;
}

const FILTER_COLUMNS: Readonly<Record<Kind, readonly ('status' | 'county' | 'institution' | 'course' | 'session')[]>> = {
  volunteers: ['status', 'county', 'institution'],
  enrollments: ['status', 'course', 'session'],
  reports: ['status', 'institution'],
};

const SEARCH_COLUMNS: Readonly<Record<Kind, readonly string[]>> = {
  volunteers: ['name', 'phone', 'email'],
  enrollments: ['name', 'phone'],
  reports: ['problem', 'contact', 'page'],
};

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The rows of `kind` within `scope` (src/lib/network/scope.ts, whose rowVisible is the same rule for one row). */
function scopeCondition(kind: Kind, scope: Extract<RowScope, { all: false }>) {
  const any = [];
  if (kind === 'enrollments') {
    for (const s of scope.sessions) any.push(sql`(course = ${s.course} AND session = ${s.session})`);
  } else {
    if (scope.institutions.length > 0) any.push(sql`institution IN (${sql.join(scope.institutions)})`);
    if (kind === 'volunteers')
      for (const prefix of scope.countyPrefixes) any.push(sql`county LIKE ${`${escapeLike(prefix)}%`} ESCAPE '\\'`);
  }
  // A scope that grants nothing of this kind shows nothing.
  return any.length > 0 ? sql`(${sql.join(any, sql` OR `)})` : sql`1 = 0`;
}

/** The WHERE conditions of a list (filters, search, scope), as SQL fragments joined by AND. */
function conditions(kind: Kind, filter: ListFilter, scope: RowScope | undefined) {
  const where = [];
  for (const column of FILTER_COLUMNS[kind]) {
    const value = filter[column];
    if (typeof value === 'string' && value !== '') where.push(sql`${sql.ref(column)} = ${value}`);
  }
  const q = filter.q?.trim();
  if (q !== undefined && q !== '') {
    // Lower-cased on both sides: SQLite's LIKE ignores ASCII case, PostgreSQL's does not.
    const like = `%${escapeLike(q.toLowerCase())}%`;
    const any = SEARCH_COLUMNS[kind].map((c) => sql`lower(${sql.ref(c)}) LIKE ${like} ESCAPE '\\'`);
    where.push(sql`(ref = ${q.toUpperCase()} OR ${sql.join(any, sql` OR `)})`);
  }
  if (scope !== undefined && !scope.all) where.push(scopeCondition(kind, scope));
  return where.length > 0 ? sql`WHERE ${sql.join(where, sql` AND `)}` : sql``;
}

/** Raw rows, newest first, with the total before paging. `scope` undefined: every row. */
export async function listRows(
  db: Conn,
  kind: Kind,
  filter: ListFilter = {},
  scope?: RowScope,
): Promise<{ total: number; rows: Record<string, unknown>[] }> {
  const clause = conditions(kind, filter, scope);
  const count = await sql<{ n: number | string }>`SELECT COUNT(*) AS n FROM ${sql.table(kind)} ${clause}`.execute(db.kysely);
  const limit = Math.min(Math.max(Math.trunc(filter.limit ?? 200), 1), 5000);
  const offset = Math.max(Math.trunc(filter.offset ?? 0), 0);
  const rows = await sql<
    Record<string, unknown>
  >`SELECT * FROM ${sql.table(kind)} ${clause} ORDER BY id DESC LIMIT ${limit} OFFSET ${offset}`.execute(db.kysely);
  return { total: Number(count.rows[0]?.n ?? 0), rows: rows.rows.map((r) => ({ ...r })) };
}

/** Number of stored submissions of a kind. */
export async function countRows(db: Conn, kind: Kind): Promise<number> {
  const row = await db.kysely
    .selectFrom(kind)
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Every stored reference code of a kind (tests and the benchmark compare them with the replies). */
export async function allRefs(db: Conn, kind: Kind): Promise<string[]> {
  return (await db.kysely.selectFrom(kind).select('ref').execute()).map((r) => r.ref);
}

/** One submission by its code, if it exists and lies within `scope` (undefined: every row). */
export async function findRow(db: Conn, kind: Kind, ref: string, scope?: RowScope): Promise<Record<string, unknown> | undefined> {
  const where = [sql`ref = ${ref}`];
  if (scope !== undefined && !scope.all) where.push(scopeCondition(kind, scope));
  const { rows } = await sql<Record<string, unknown>>`SELECT * FROM ${sql.table(kind)} WHERE ${sql.join(where, sql` AND `)}`.execute(
    db.kysely,
  );
  return rows[0] === undefined ? undefined : { ...rows[0] };
}

/** How many submissions of `kind` within `scope` have each status, and how many are flagged for review. */
export async function statusCounts(db: Conn, kind: Kind, scope?: RowScope): Promise<{ byStatus: Record<string, number>; review: number }> {
  const clause = scope === undefined || scope.all ? sql`` : sql`WHERE ${scopeCondition(kind, scope)}`;
  const { rows } = await sql<{ status: string; n: number | string; flagged: number | string | null }>`
    SELECT status, COUNT(*) AS n, SUM(CASE WHEN review IS NULL THEN 0 ELSE 1 END) AS flagged
    FROM ${sql.table(kind)} ${clause} GROUP BY status`.execute(db.kysely);
  return {
    byStatus: Object.fromEntries(rows.map((r) => [r.status, Number(r.n)])),
    review: rows.reduce((sum, r) => sum + Number(r.flagged ?? 0), 0),
  };
}

/** Reading stored submissions: the staff list with its filters and search, counts, and every reference code. */
import { sql } from 'kysely';
import type { Conn } from '../db/transaction.ts';
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

/**
 * What a staff member may see, decided by their role (src/lib/network/scope.ts): every row,
 * or only the rows of some institutions (volunteers and reports by `institution`), some
 * counties (volunteers by `county`), or some course sessions (enrolments).
 */
export interface RowScope {
  readonly institutions?: readonly string[] | undefined;
  readonly counties?: readonly string[] | undefined;
  readonly courses?: readonly string[] | undefined;
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
  if (scope !== undefined) {
    const within: ReturnType<typeof sql>[] = [];
    const list = (column: string, values: readonly string[] | undefined) => {
      if (values !== undefined && values.length > 0) within.push(sql`${sql.ref(column)} IN (${sql.join(values)})`);
    };
    if (kind !== 'enrollments') list('institution', scope.institutions);
    if (kind === 'volunteers') list('county', scope.counties);
    if (kind === 'enrollments') list('course', scope.courses);
    // A scope that grants nothing of this kind shows nothing.
    where.push(within.length > 0 ? sql`(${sql.join(within, sql` OR `)})` : sql`1 = 0`);
  }
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
  const rows = await sql<Record<string, unknown>>`SELECT * FROM ${sql.table(kind)} ${clause} ORDER BY id DESC LIMIT ${limit} OFFSET ${offset}`.execute(
    db.kysely,
  );
  return { total: Number(count.rows[0]?.n ?? 0), rows: rows.rows.map((r) => ({ ...r })) };
}

/** Number of stored submissions of a kind. */
export async function countRows(db: Conn, kind: Kind): Promise<number> {
  const row = await db.kysely.selectFrom(kind).select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Every stored reference code of a kind (tests and the benchmark compare them with the replies). */
export async function allRefs(db: Conn, kind: Kind): Promise<string[]> {
  return (await db.kysely.selectFrom(kind).select('ref').execute()).map((r) => r.ref);
}

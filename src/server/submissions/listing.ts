/** Reading stored submissions: the staff list with its filters and search, counts, and every reference code. */
import type { DatabaseSync, SQLInputValue } from 'node:sqlite';
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

const FILTER_COLUMNS: Readonly<Record<Kind, readonly (keyof ListFilter)[]>> = {
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

/** Raw rows, newest first, with the total before paging. */
export function listRows(db: DatabaseSync, kind: Kind, filter: ListFilter = {}): { total: number; rows: Record<string, unknown>[] } {
  const where: string[] = [];
  const args: SQLInputValue[] = [];
  for (const column of FILTER_COLUMNS[kind]) {
    const value = filter[column];
    if (typeof value === 'string' && value !== '') {
      where.push(`${column} = ?`);
      args.push(value);
    }
  }
  const q = filter.q?.trim();
  if (q !== undefined && q !== '') {
    const like = `%${escapeLike(q)}%`;
    where.push(`(ref = ? OR ${SEARCH_COLUMNS[kind].map((c) => `${c} LIKE ? ESCAPE '\\'`).join(' OR ')})`);
    args.push(q.toUpperCase(), ...SEARCH_COLUMNS[kind].map(() => like));
  }
  const clause = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
  const total = Number((db.prepare(`SELECT COUNT(*) AS n FROM ${kind} ${clause}`).get(...args) as { n: number }).n);
  const limit = Math.min(Math.max(Math.trunc(filter.limit ?? 200), 1), 5000);
  const offset = Math.max(Math.trunc(filter.offset ?? 0), 0);
  const rows = db.prepare(`SELECT * FROM ${kind} ${clause} ORDER BY id DESC LIMIT ? OFFSET ?`).all(...args, limit, offset) as Record<
    string,
    unknown
  >[];
  return { total, rows };
}

/** Number of stored submissions of a kind. */
export function countRows(db: DatabaseSync, kind: Kind): number {
  return Number((db.prepare(`SELECT COUNT(*) AS n FROM ${kind}`).get() as { n: number }).n);
}

/** Every stored reference code of a kind (tests and the benchmark compare them with the replies). */
export function allRefs(db: DatabaseSync, kind: Kind): string[] {
  return (db.prepare(`SELECT ref FROM ${kind}`).all() as { ref: string }[]).map((r) => r.ref);
}

/**
 * Availability reports in the database (migration 0005), on either engine: appended, never
 * edited. The newest row of an institution and mode (by id, the order rows were written)
 * is its current report; the rest is its history, which is the audit trail and the trend.
 * A "仍然如此" is a copy of the current row with a new time and expiry (kind 'confirm').
 *
 * Every report and confirmation also goes to the audit log, in the same transaction: which
 * institution and mode, the status and the expiry, never anything about a person.
 * `reported_by` (the staff user id) is kept in the rows and never published.
 *
 * Times come in as `now` so tests control the clock; pages pass the request's time.
 * These functions know nothing of the registry or of who may do what: the caller has
 * checked that (src/server/network/availability-console.ts).
 */
import { sql } from 'kysely';
import {
  AVAILABILITY_MODES,
  expiryHoursOf,
  isAvailabilityMode,
  publicStatus,
  reportWindow,
  type Accepts,
  type AvailabilityFeed,
  type AvailabilityMode,
  type AvailabilityStatus,
  type ModeReport,
  type PublicModeStatus,
  type ReportInput,
  type WaitingBand,
} from '../../lib/network/availability.ts';
import { recordAudit } from '../auth/audit.ts';
import type { AvailabilityReportsTable } from '../db/schema.ts';
import { inTransaction, type Conn } from '../db/transaction.ts';

/** A stored report: what the public may see (ModeReport) and what only staff and the audit trail keep. */
export interface StoredReport extends ModeReport {
  readonly id: number;
  readonly institution: string;
  /** 'report' (new figures) or 'confirm' (仍然如此). */
  readonly kind: 'report' | 'confirm';
  /** Staff user id; never published. */
  readonly reportedBy: string;
}

/** Who reports for which institution, and when. */
export interface ReportContext {
  readonly institution: string;
  /** The institution's county, the audit entry's scope (commission staff of the region see it). */
  readonly county: string | null;
  /** Staff user id. */
  readonly actor: string;
  readonly now: Date;
}

type Row = Omit<AvailabilityReportsTable, 'id' | 'kind'> & { id: number | string; kind: string };

function fromRow(row: Row): StoredReport {
  return {
    id: Number(row.id),
    institution: row.institution,
    // Rows are written by this module only: mode, status, waiting and accepts come from the vocabularies.
    mode: row.mode as AvailabilityMode,
    status: row.status as AvailabilityStatus,
    openBeds: row.open_beds === null ? null : Number(row.open_beds),
    freeBeds: row.free_beds === null ? null : Number(row.free_beds),
    waiting: row.waiting as WaitingBand | null,
    accepts: row.accepts as Accepts | null,
    area: row.area,
    note: row.note,
    reportedAt: row.reported_at,
    expiresAt: row.expires_at,
    kind: row.kind === 'confirm' ? 'confirm' : 'report',
    reportedBy: row.reported_by,
  };
}

/** The public part of a stored report (no id, no kind, no reporter). */
export function modeReportOf(report: StoredReport): ModeReport {
  return {
    mode: report.mode,
    status: report.status,
    openBeds: report.openBeds,
    freeBeds: report.freeBeds,
    waiting: report.waiting,
    accepts: report.accepts,
    area: report.area,
    note: report.note,
    reportedAt: report.reportedAt,
    expiresAt: report.expiresAt,
  };
}

/** What the audit log keeps of a report: codes from the vocabularies and the expiry, never the note or the area. */
function auditDetail(report: Pick<ModeReport, 'mode' | 'status' | 'reportedAt' | 'expiresAt'>): string {
  return `mode=${report.mode}; status=${report.status}; hours=${expiryHoursOf(report)}`;
}

async function insert(
  db: Conn,
  values: Omit<AvailabilityReportsTable, 'id' | 'kind'> & { kind: 'report' | 'confirm' },
): Promise<StoredReport> {
  const row = await db.kysely.insertInto('availability_reports').values(values).returningAll().executeTakeFirstOrThrow();
  return fromRow(row);
}

/** Appends a new report for one mode (checked by checkReport), valid from `now` for its expiry hours. */
export async function appendReport(db: Conn, context: ReportContext, mode: AvailabilityMode, input: ReportInput): Promise<StoredReport> {
  return inTransaction(db, async (tx) => {
    const stored = await insert(tx, {
      institution: context.institution,
      mode,
      status: input.status,
      open_beds: input.openBeds,
      free_beds: input.freeBeds,
      waiting: input.waiting,
      accepts: input.accepts,
      area: mode === '居家' ? input.area : null,
      note: input.note,
      ...windowColumns(context.now, input.expiryHours),
      reported_by: context.actor,
      kind: 'report',
    });
    await recordAudit(
      tx,
      {
        actor: context.actor,
        action: 'availability.reported',
        targetKind: 'availability',
        targetRef: context.institution,
        scope: context.county,
        detail: auditDetail(stored),
      },
      context.now,
    );
    return stored;
  });
}

function windowColumns(now: Date, hours: number): { reported_at: string; expires_at: string } {
  const { reportedAt, expiresAt } = reportWindow(now, hours);
  return { reported_at: reportedAt, expires_at: expiresAt };
}

/**
 * "仍然如此" for each of `modes`: a copy of its current report, made at `now`, with the same
 * number of hours to its expiry as that report had. Works on an expired report too (the
 * figures are confirmed again, which is how 暂停接收 and 已满 stay up). Modes with no report
 * are skipped. Returns the new rows.
 */
export async function confirmReports(db: Conn, context: ReportContext, modes: readonly AvailabilityMode[]): Promise<StoredReport[]> {
  if (modes.length === 0) return [];
  return inTransaction(db, async (tx) => {
    const current = await currentReports(tx, [context.institution]);
    const made: StoredReport[] = [];
    for (const mode of modes) {
      const last = current.get(context.institution)?.get(mode);
      if (last === undefined) continue;
      const stored = await insert(tx, {
        institution: last.institution,
        mode: last.mode,
        status: last.status,
        open_beds: last.openBeds,
        free_beds: last.freeBeds,
        waiting: last.waiting,
        accepts: last.accepts,
        area: last.area,
        note: last.note,
        ...windowColumns(context.now, expiryHoursOf(last)),
        reported_by: context.actor,
        kind: 'confirm',
      });
      await recordAudit(
        tx,
        {
          actor: context.actor,
          action: 'availability.confirmed',
          targetKind: 'availability',
          targetRef: context.institution,
          scope: context.county,
          detail: auditDetail(stored),
        },
        context.now,
      );
      made.push(stored);
    }
    return made;
  });
}

/** Institution → mode → current report. `institutions` limits the read; undefined reads every institution. */
export type CurrentReports = Map<string, Map<AvailabilityMode, StoredReport>>;

/** The current (newest) report of each institution and mode. */
export async function currentReports(db: Conn, institutions?: readonly string[]): Promise<CurrentReports> {
  const out: CurrentReports = new Map();
  if (institutions !== undefined && institutions.length === 0) return out;
  let newest = db.kysely
    .selectFrom('availability_reports')
    .select((eb) => eb.fn.max('id').as('id'))
    .groupBy(['institution', 'mode']);
  if (institutions !== undefined) newest = newest.where('institution', 'in', [...institutions]);
  const rows = await db.kysely
    .selectFrom('availability_reports as r')
    .innerJoin(newest.as('newest'), 'newest.id', 'r.id')
    .selectAll('r')
    .execute();
  for (const row of rows) {
    const report = fromRow(row);
    if (!isAvailabilityMode(report.mode)) continue;
    let modes = out.get(report.institution);
    if (modes === undefined) out.set(report.institution, (modes = new Map<AvailabilityMode, StoredReport>()));
    modes.set(report.mode, report);
  }
  return out;
}

/** The current report of one institution and mode, if it ever reported. */
export async function currentReport(db: Conn, institution: string, mode: AvailabilityMode): Promise<StoredReport | undefined> {
  const row = await db.kysely
    .selectFrom('availability_reports')
    .selectAll()
    .where('institution', '=', institution)
    .where('mode', '=', mode)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row === undefined ? undefined : fromRow(row);
}

/**
 * What GET /api/availability answers at `now`: every institution that `includes` admits
 * (real institutions: availability-console.ts) with the current report of each mode it
 * reported, as the public sees it (fresh, or 未知 once expired). Institutions and modes in
 * a fixed order (ids sorted, modes in the registry's order), so the same data gives the
 * same text, and the same ETag on every node.
 */
export async function availabilityFeed(db: Conn, now: Date, includes: (institution: string) => boolean): Promise<AvailabilityFeed> {
  const current = await currentReports(db);
  return feedFrom(
    [...current.values()].flatMap((modes) => [...modes.values()]),
    now,
    includes,
  );
}

/** The feed from current reports (one per institution and mode), at `now`. Pure. */
export function feedFrom(reports: Iterable<StoredReport>, now: Date, includes: (institution: string) => boolean): AvailabilityFeed {
  const byInstitution = new Map<string, StoredReport[]>();
  for (const report of reports) {
    if (!includes(report.institution)) continue;
    const list = byInstitution.get(report.institution);
    if (list === undefined) byInstitution.set(report.institution, [report]);
    else list.push(report);
  }
  const institutions: Record<string, Partial<Record<AvailabilityMode, PublicModeStatus>>> = {};
  for (const id of [...byInstitution.keys()].sort()) {
    const entry: Partial<Record<AvailabilityMode, PublicModeStatus>> = {};
    for (const report of (byInstitution.get(id) ?? []).sort((a, b) => modeOrder(a.mode) - modeOrder(b.mode)))
      entry[report.mode] = publicStatus(modeReportOf(report), now);
    institutions[id] = entry;
  }
  return { generatedAt: now.toISOString(), institutions };
}

const modeOrder = (mode: AvailabilityMode) => AVAILABILITY_MODES.indexOf(mode);

/** The newest id stored (0 when none): the primary key's end, cheap at any size. */
export async function lastReportId(db: Conn): Promise<number> {
  const row = await db.kysely
    .selectFrom('availability_reports')
    .select((eb) => eb.fn.max('id').as('last'))
    .executeTakeFirst();
  return Number(row?.last ?? 0);
}

/**
 * How many rows have an id above `floor`, and the largest: a range of the primary key, as
 * cheap with a million rows of history as with ten. Tells whether anything was written
 * since, including a row committed a moment late with an id below one already seen.
 */
export async function reportsAbove(db: Conn, floor: number): Promise<{ count: number; last: number }> {
  const row = await db.kysely
    .selectFrom('availability_reports')
    .select((eb) => [eb.fn.countAll().as('n'), eb.fn.max('id').as('last')])
    .where('id', '>', floor)
    .executeTakeFirst();
  return { count: Number(row?.n ?? 0), last: Number(row?.last ?? 0) };
}

/** The rows with an id above `floor`, oldest first. */
export async function rowsAbove(db: Conn, floor: number): Promise<StoredReport[]> {
  const rows = await db.kysely.selectFrom('availability_reports').selectAll().where('id', '>', floor).orderBy('id').execute();
  return rows.map(fromRow).filter((r) => isAvailabilityMode(r.mode));
}

export interface HistoryPage {
  readonly rows: StoredReport[];
  readonly total: number;
  readonly page: number;
  readonly pages: number;
}

/** One institution's reports and confirmations, newest first, `perPage` at a time (page 1 is the newest). */
export async function reportHistory(db: Conn, institution: string, page = 1, perPage = 20): Promise<HistoryPage> {
  const counted = await db.kysely
    .selectFrom('availability_reports')
    .select(sql<string | number>`count(*)`.as('n'))
    .where('institution', '=', institution)
    .executeTakeFirst();
  const total = Number(counted?.n ?? 0);
  const pages = Math.max(1, Math.ceil(total / perPage));
  const at = Math.min(Math.max(1, Math.floor(page)), pages);
  const rows = await db.kysely
    .selectFrom('availability_reports')
    .selectAll()
    .where('institution', '=', institution)
    .orderBy('id', 'desc')
    .limit(perPage)
    .offset((at - 1) * perPage)
    .execute();
  return { rows: rows.map(fromRow), total, page: at, pages };
}

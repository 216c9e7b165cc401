/**
 * The daily availability aggregate per county, for the open-data files
 * /data/availability/counties.json and .csv and the reported beds on /targets/.
 *
 * Computed on request from the reports as they stood at a moment `at` (now, or the end of
 * a past day in China): the current report of each institution and mode is its newest row
 * made at or before `at` (reports are appended, never edited, so any past moment can be
 * read again). Only real institutions of the registry count: sample ids, and ids the
 * registry no longer holds, are left out. Bed sums add up fresh 住院 reports only, and only
 * the figures each report states: an expired figure is never counted as current, and a
 * report without counts adds nothing (bedReports says how many reports the sums rest on).
 * Everything here is what institutions reported, not verified.
 */
import type { InstitutionInfo } from '../../lib/forms/reference-data.ts';
import type { AreaFigures, AvailabilityAggregate, CountyFigures } from '../../lib/network/availability-counties.ts';
import type { RegionIndex } from '../../lib/registry/regions.ts';
import type { Conn } from '../db/transaction.ts';

/** One current report, as much of it as the aggregate needs. */
export interface CurrentReport {
  readonly institution: string;
  readonly mode: string;
  readonly openBeds: number | null;
  readonly freeBeds: number | null;
  readonly reportedAt: string;
  readonly expiresAt: string;
}

const CHINA_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

/** The day in China (YYYY-MM-DD) of a moment. */
export function chinaDay(at: Date): string {
  return new Date(at.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/** The first moment of a China day (YYYY-MM-DD), or null when it is not a date. */
export function chinaDayStart(day: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return null;
  const ms = Date.parse(`${day}T00:00:00Z`);
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== day) return null;
  return new Date(ms - CHINA_OFFSET_MS);
}

/**
 * The moment a day's figures describe: now for today, the day's last millisecond for a past
 * day; null for a day not yet begun or not a date.
 */
export function momentOfDay(day: string, now: Date): Date | null {
  const start = chinaDayStart(day);
  if (start === null || start.getTime() > now.getTime()) return null;
  const end = new Date(start.getTime() + DAY_MS - 1);
  return end.getTime() < now.getTime() ? end : now;
}

/** The newest report of each institution and mode made at or before `at`. */
export async function currentReports(db: Conn, at: Date): Promise<CurrentReport[]> {
  const when = at.toISOString();
  const rows = await db.kysely
    .selectFrom('availability_reports as r')
    .select(['r.institution', 'r.mode', 'r.open_beds', 'r.free_beds', 'r.reported_at', 'r.expires_at'])
    .where('r.reported_at', '<=', when)
    .where('r.id', '=', (eb) =>
      eb
        .selectFrom('availability_reports as n')
        .select((n) => n.fn.max('n.id').as('newest'))
        .whereRef('n.institution', '=', 'r.institution')
        .whereRef('n.mode', '=', 'r.mode')
        .where('n.reported_at', '<=', when),
    )
    .execute();
  return rows.map((r) => ({
    institution: r.institution,
    mode: r.mode,
    // PostgreSQL returns integers as numbers here, SQLite too; Number() keeps both honest.
    openBeds: r.open_beds === null ? null : Number(r.open_beds),
    freeBeds: r.free_beds === null ? null : Number(r.free_beds),
    reportedAt: r.reported_at,
    expiresAt: r.expires_at,
  }));
}

/** Institutions that made a report or a confirmation in [from, to]. */
export async function institutionsReportingBetween(db: Conn, from: Date, to: Date): Promise<Set<string>> {
  const rows = await db.kysely
    .selectFrom('availability_reports')
    .select('institution')
    .distinct()
    .where('reported_at', '>=', from.toISOString())
    .where('reported_at', '<=', to.toISOString())
    .execute();
  return new Set(rows.map((r) => r.institution));
}

interface Tally {
  institutions: number;
  reporting: number;
  fresh: number;
  reportedThatDay: number;
  openBeds: number | null;
  freeBeds: number | null;
  bedReports: number;
}

const emptyTally = (): Tally => ({
  institutions: 0,
  reporting: 0,
  fresh: 0,
  reportedThatDay: 0,
  openBeds: null,
  freeBeds: null,
  bedReports: 0,
});

function figures(code: string, name: string, t: Tally): AreaFigures {
  return {
    code,
    name,
    institutions: t.institutions,
    reporting: t.reporting,
    fresh: t.fresh,
    freshShare: t.reporting === 0 ? null : Math.round((t.fresh / t.reporting) * 1000) / 1000,
    reportedThatDay: t.reportedThatDay,
    openBeds: t.openBeds,
    freeBeds: t.freeBeds,
    bedReports: t.bedReports,
  };
}

function add(into: Tally, from: Tally): void {
  into.institutions += from.institutions;
  into.reporting += from.reporting;
  into.fresh += from.fresh;
  into.reportedThatDay += from.reportedThatDay;
  if (from.openBeds !== null) into.openBeds = (into.openBeds ?? 0) + from.openBeds;
  if (from.freeBeds !== null) into.freeBeds = (into.freeBeds ?? 0) + from.freeBeds;
  into.bedReports += from.bedReports;
}

export interface AggregateInput {
  readonly reports: readonly CurrentReport[];
  /** Institutions that reported during the day up to `at`. */
  readonly reportedThatDay: ReadonlySet<string>;
  /** The registry's institutions (sample ones are left out here). */
  readonly institutions: readonly Pick<InstitutionInfo, 'id' | 'sample' | 'regionCode'>[];
  readonly regions: RegionIndex;
  readonly at: Date;
  readonly computedAt: Date;
}

/** The aggregate from the current reports (pure: the queries above feed it). */
export function aggregateByCounty(input: AggregateInput): AvailabilityAggregate {
  const { at } = input;
  const countyOf = new Map<string, string>();
  const perCounty = new Map<string, Tally>();
  for (const i of input.institutions) {
    if (i.sample) continue;
    countyOf.set(i.id, i.regionCode);
    const tally = perCounty.get(i.regionCode) ?? emptyTally();
    tally.institutions++;
    perCounty.set(i.regionCode, tally);
  }
  const byInstitution = new Map<string, CurrentReport[]>();
  for (const r of input.reports) {
    if (!countyOf.has(r.institution)) continue;
    byInstitution.set(r.institution, [...(byInstitution.get(r.institution) ?? []), r]);
  }
  for (const [id, reports] of byInstitution) {
    const tally = perCounty.get(countyOf.get(id) ?? '');
    if (tally === undefined) continue;
    tally.reporting++;
    if (input.reportedThatDay.has(id)) tally.reportedThatDay++;
    const fresh = reports.filter((r) => Date.parse(r.expiresAt) > at.getTime());
    if (fresh.length > 0) tally.fresh++;
    for (const r of fresh) {
      if (r.mode !== '住院' || (r.openBeds === null && r.freeBeds === null)) continue;
      tally.bedReports++;
      if (r.openBeds !== null) tally.openBeds = (tally.openBeds ?? 0) + r.openBeds;
      if (r.freeBeds !== null) tally.freeBeds = (tally.freeBeds ?? 0) + r.freeBeds;
    }
  }
  const codes = [...perCounty.keys()].sort();
  const perProvince = new Map<string, Tally>();
  const counties = codes.map((code): CountyFigures => {
    const tally = perCounty.get(code) ?? emptyTally();
    const province = input.regions.provinceOf(code)?.code ?? code;
    const sum = perProvince.get(province) ?? emptyTally();
    add(sum, tally);
    perProvince.set(province, sum);
    return { ...figures(code, input.regions.fullName(code) ?? code, tally), province };
  });
  const provinces = [...perProvince.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([code, tally]) => figures(code, input.regions.fullName(code) ?? code, tally));
  return { computedAt: input.computedAt.toISOString(), date: chinaDay(at), asOf: at.toISOString(), counties, provinces };
}

/** The aggregate at `at` (now, or the end of a past day), from the database and the registry. */
export async function availabilityAggregate(
  db: Conn,
  registry: { readonly institutions: readonly Pick<InstitutionInfo, 'id' | 'sample' | 'regionCode'>[]; readonly regions: RegionIndex },
  at: Date,
  computedAt: Date = new Date(),
): Promise<AvailabilityAggregate> {
  const dayStart = chinaDayStart(chinaDay(at)) ?? at;
  const [reports, reportedThatDay] = await Promise.all([currentReports(db, at), institutionsReportingBetween(db, dayStart, at)]);
  return aggregateByCounty({ reports, reportedThatDay, institutions: registry.institutions, regions: registry.regions, at, computedAt });
}

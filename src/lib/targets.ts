/**
 * Progress against the plans' measurable targets, computed from the registry.
 * Pure: the caller passes the records, the regions, the targets
 * (content/policy-targets.json) and the official counts (content/denominators.json).
 * The /targets/ page and /data/targets.json both use computeTargets(), so they agree.
 *
 * Rules shared by every target:
 * - Sample records (provenance.kind "sample") never count; each target reports how
 *   many sample records it left out.
 * - A record counts when it meets every criterion. When a criterion cannot be decided
 *   from the record (grade 未知, bed count unknown) the record is "undetermined": it is
 *   listed, never counted, and can turn a region's status into 数据不足 (insufficient).
 * - 尚未达成 (not-met) means "not met by what the registry knows"; the registry is
 *   incomplete, and the page says so.
 */
import type { Institution } from '../schemas/institution.ts';
import type {
  BedsMeasure,
  CoverageMeasure,
  DenominatorFigure,
  DenominatorsFile,
  PolicyTarget,
  ShareMeasure,
  TargetCriteria,
} from '../schemas/policy-target.ts';
import type { Region } from '../schemas/region.ts';
import type { RegionIndex } from './registry/regions.ts';

export const TARGET_STATUSES = ['met', 'not-met', 'insufficient'] as const;
/** met = 达成, not-met = 尚未达成, insufficient = 数据不足. */
export type TargetStatus = (typeof TARGET_STATUSES)[number];

/** A fact a record lacks that a criterion needs. */
export type MissingFact = 'grade' | 'beds';

export interface CriteriaMatch {
  /** yes = counts; no = does not; unknown = cannot be decided (see missing). */
  readonly match: 'yes' | 'no' | 'unknown';
  readonly missing: readonly MissingFact[];
}

/** A record as listed under a target. */
export interface RecordRef {
  readonly id: string;
  readonly name: string;
  /** County code of the record. */
  readonly regionCode: string;
  /** Known hospice beds, or null. */
  readonly beds: number | null;
  /** What is unknown, for undetermined records (empty otherwise). */
  readonly missing: readonly MissingFact[];
}

/** An official count with its source. */
export interface DenominatorRef {
  readonly count: number;
  readonly source: string;
  readonly url: string | null;
  readonly asOf: string | null;
}

interface RowBase {
  /** Region code (city or county). */
  readonly code: string;
  readonly name: string;
  /** Records that count. */
  readonly records: readonly RecordRef[];
  /** Records that might count but lack a fact. */
  readonly undetermined: readonly RecordRef[];
}

export interface CoverageRow extends RowBase {
  readonly status: TargetStatus;
}

export interface ShareRow extends RowBase {
  readonly status: TargetStatus;
  /** Official count of such institutions in the region, or null (数据待补充). */
  readonly denominator: DenominatorRef | null;
  /** records / denominator, or null without a denominator. */
  readonly share: number | null;
}

export interface BedsRow extends RowBase {
  /** Sum of known beds in the region. */
  readonly knownBeds: number;
}

export interface Tally {
  readonly regions: number;
  readonly met: number;
  readonly notMet: number;
  readonly insufficient: number;
}

interface ResultBase {
  readonly id: string;
  readonly plan: PolicyTarget['plan'];
  readonly clause: string;
  readonly quote: string;
  readonly deadline: number;
  readonly title: string;
  readonly method: string;
  readonly interpretation: string | null;
  readonly status: TargetStatus;
  /** Sample records that would have been considered had they been real. */
  readonly samplesExcluded: number;
}

export interface CoverageResult extends ResultBase {
  readonly type: 'coverage';
  readonly level: CoverageMeasure['level'];
  readonly min: number;
  readonly rows: readonly CoverageRow[];
  readonly tally: Tally;
}

export interface ShareResult extends ResultBase {
  readonly type: 'share';
  readonly level: ShareMeasure['level'];
  readonly minShare: number;
  /** What the denominator counts. */
  readonly denominatorLabel: string;
  readonly rows: readonly ShareRow[];
  readonly tally: Tally;
  /** Records that count in the whole province. */
  readonly numerator: number;
  /** Undetermined records in the whole province. */
  readonly undeterminedCount: number;
  /** Province-wide denominator: the province's own figure, else the sum when every region has one, else null. */
  readonly denominator: DenominatorRef | null;
  readonly share: number | null;
}

export interface BedsResult extends ResultBase {
  readonly type: 'beds';
  readonly level: BedsMeasure['level'];
  readonly min: number;
  readonly knownBeds: number;
  /** Records that count but whose bed count is unknown. */
  readonly unknownRecords: number;
  readonly rows: readonly BedsRow[];
}

export interface ExternalResult extends ResultBase {
  readonly type: 'external';
}

export type TargetResult = CoverageResult | ShareResult | BedsResult | ExternalResult;

export interface TargetsInput {
  readonly records: readonly Institution[];
  readonly regions: RegionIndex;
  readonly targets: readonly PolicyTarget[];
  readonly denominators: DenominatorsFile;
}

/** True for invented demonstration records. */
export function isSample(record: Institution): boolean {
  return record.provenance.kind === 'sample';
}

/** Whether a record meets the criteria (see the file comment for "unknown"). */
export function matchCriteria(record: Institution, criteria: TargetCriteria): CriteriaMatch {
  const no: CriteriaMatch = { match: 'no', missing: [] };
  if (criteria.kinds !== undefined && !criteria.kinds.includes(record.kind)) return no;
  if (criteria.modes !== undefined) {
    const modes = criteria.modes;
    if (!record.services.some((s) => modes.includes(s.mode))) return no;
  }
  const missing: MissingFact[] = [];
  if (criteria.grades !== undefined) {
    const byGrade = (criteria.grades as readonly string[]).includes(record.grade);
    const levels = criteria.designationLevels ?? [];
    const byDesignation = (record.designations ?? []).some((d) => levels.includes(d.level));
    if (!byGrade && !byDesignation) {
      if (record.grade !== '未知') return no;
      missing.push('grade');
    }
  }
  if (criteria.minBeds !== undefined) {
    const beds = record.beds?.hospice ?? null;
    if (beds === null) missing.push('beds');
    else if (beds < criteria.minBeds) return no;
  }
  return missing.length > 0 ? { match: 'unknown', missing } : { match: 'yes', missing: [] };
}

/** Status of one region for "at least `min` records": met, insufficient (undetermined could make it), not-met. */
export function coverageStatus(counted: number, undetermined: number, min: number): TargetStatus {
  if (counted >= min) return 'met';
  if (counted + undetermined >= min) return 'insufficient';
  return 'not-met';
}

/** Status of a share: without a denominator it cannot be known. */
export function shareStatus(counted: number, undetermined: number, denominator: number | null, minShare: number): TargetStatus {
  if (denominator === null) return 'insufficient';
  // A region with none of these institutions has nothing left to cover.
  if (denominator === 0) return 'met';
  if (counted / denominator >= minShare) return 'met';
  if ((counted + undetermined) / denominator >= minShare) return 'insufficient';
  return 'not-met';
}

/** Status of "every region …": not-met if any region is, else insufficient if any is, else met. */
export function everyStatus(statuses: readonly TargetStatus[]): TargetStatus {
  if (statuses.includes('not-met')) return 'not-met';
  if (statuses.includes('insufficient')) return 'insufficient';
  return 'met';
}

/** Status of the province-wide bed target. */
export function bedsStatus(knownBeds: number, unknownRecords: number, min: number): TargetStatus {
  if (knownBeds >= min) return 'met';
  return unknownRecords > 0 ? 'insufficient' : 'not-met';
}

export function tally(statuses: readonly TargetStatus[]): Tally {
  return {
    regions: statuses.length,
    met: statuses.filter((s) => s === 'met').length,
    notMet: statuses.filter((s) => s === 'not-met').length,
    insufficient: statuses.filter((s) => s === 'insufficient').length,
  };
}

/** Regions at `level` inside province `scope`, in code order. */
export function regionsAt(regions: RegionIndex, scope: string, level: 'city' | 'county'): Region[] {
  return regions.all
    .filter((r) => r.level === level && regions.provinceOf(r.code)?.code === scope)
    .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}

/** The code of the region at `level` a record belongs to. */
function regionOf(record: Institution, level: 'city' | 'county', regions: RegionIndex): string | undefined {
  return level === 'county' ? record.regionCode : regions.cityOf(record.regionCode)?.code;
}

function ref(record: Institution, missing: readonly MissingFact[] = []): RecordRef {
  return { id: record.id, name: record.name, regionCode: record.regionCode, beds: record.beds?.hospice ?? null, missing };
}

function denominatorRef(figure: DenominatorFigure | undefined): DenominatorRef | null {
  if (figure === undefined) return null;
  return { count: figure.count, source: figure.source, url: figure.url ?? null, asOf: figure.asOf ?? null };
}

interface Classified {
  readonly counted: RecordRef[];
  readonly undetermined: RecordRef[];
}

/** Split records into those that count and those that are undetermined. */
function classify(records: readonly Institution[], criteria: TargetCriteria): Classified {
  const counted: RecordRef[] = [];
  const undetermined: RecordRef[] = [];
  for (const record of records) {
    const m = matchCriteria(record, criteria);
    if (m.match === 'yes') counted.push(ref(record));
    else if (m.match === 'unknown') undetermined.push(ref(record, m.missing));
  }
  return { counted, undetermined };
}

function base(target: PolicyTarget, status: TargetStatus, samplesExcluded: number): ResultBase {
  return {
    id: target.id,
    plan: target.plan,
    clause: target.clause,
    quote: target.quote,
    deadline: target.deadline,
    title: target.title,
    method: target.method,
    interpretation: target.interpretation ?? null,
    status,
    samplesExcluded,
  };
}

/** Compute one target. */
export function computeTarget(target: PolicyTarget, input: Omit<TargetsInput, 'targets'>): TargetResult {
  const { records, regions, denominators } = input;
  const measure = target.measure;
  if (measure.type === 'external') return { ...base(target, 'insufficient', 0), type: 'external' };

  const inScope = records.filter((r) => regions.provinceOf(r.regionCode)?.code === measure.scope);
  const real = inScope.filter((r) => !isSample(r));
  const samplesExcluded = inScope.filter((r) => isSample(r) && matchCriteria(r, measure.criteria).match !== 'no').length;
  const areas = regionsAt(regions, measure.scope, measure.level);
  const byArea = new Map<string, Institution[]>();
  for (const record of real) {
    const code = regionOf(record, measure.level, regions);
    if (code === undefined) continue;
    byArea.set(code, [...(byArea.get(code) ?? []), record]);
  }

  if (measure.type === 'coverage') {
    const rows: CoverageRow[] = areas.map((area) => {
      const { counted, undetermined } = classify(byArea.get(area.code) ?? [], measure.criteria);
      return {
        code: area.code,
        name: area.name,
        records: counted,
        undetermined,
        status: coverageStatus(counted.length, undetermined.length, measure.min),
      };
    });
    const statuses = rows.map((r) => r.status);
    return {
      ...base(target, everyStatus(statuses), samplesExcluded),
      type: 'coverage',
      level: measure.level,
      min: measure.min,
      rows,
      tally: tally(statuses),
    };
  }

  if (measure.type === 'share') {
    const figures = denominators.figures.filter((f) => f.category === measure.denominator);
    const label = denominators.categories.find((c) => c.id === measure.denominator)?.label ?? measure.denominator;
    const rows: ShareRow[] = areas.map((area) => {
      const { counted, undetermined } = classify(byArea.get(area.code) ?? [], measure.criteria);
      const denominator = denominatorRef(figures.find((f) => f.regionCode === area.code));
      const share = denominator === null || denominator.count === 0 ? null : counted.length / denominator.count;
      return {
        code: area.code,
        name: area.name,
        records: counted,
        undetermined,
        denominator,
        share,
        status: shareStatus(counted.length, undetermined.length, denominator?.count ?? null, measure.minShare),
      };
    });
    const whole = classify(real, measure.criteria);
    let denominator = denominatorRef(figures.find((f) => f.regionCode === measure.scope));
    if (denominator === null && rows.length > 0 && rows.every((r) => r.denominator !== null)) {
      const count = rows.reduce((sum, r) => sum + (r.denominator?.count ?? 0), 0);
      denominator = { count, source: '各地区数字之和', url: null, asOf: null };
    }
    const share = denominator === null || denominator.count === 0 ? null : whole.counted.length / denominator.count;
    const status = shareStatus(whole.counted.length, whole.undetermined.length, denominator?.count ?? null, measure.minShare);
    return {
      ...base(target, status, samplesExcluded),
      type: 'share',
      level: measure.level,
      minShare: measure.minShare,
      denominatorLabel: label,
      rows,
      tally: tally(rows.map((r) => r.status)),
      numerator: whole.counted.length,
      undeterminedCount: whole.undetermined.length,
      denominator,
      share,
    };
  }

  // beds: add up the known beds of the records that meet the criteria; the bed count itself is never a criterion here
  const criteria: TargetCriteria = { ...measure.criteria };
  delete criteria.minBeds;
  const rows: BedsRow[] = areas.map((area) => {
    const { counted } = classify(byArea.get(area.code) ?? [], criteria);
    const known = counted.filter((r) => r.beds !== null);
    const unknown = counted.filter((r) => r.beds === null).map((r) => ({ ...r, missing: ['beds'] as const }));
    return {
      code: area.code,
      name: area.name,
      records: known,
      undetermined: unknown,
      knownBeds: known.reduce((sum, r) => sum + (r.beds ?? 0), 0),
    };
  });
  const knownBeds = rows.reduce((sum, r) => sum + r.knownBeds, 0);
  const unknownRecords = rows.reduce((sum, r) => sum + r.undetermined.length, 0);
  return {
    ...base(target, bedsStatus(knownBeds, unknownRecords, measure.min), samplesExcluded),
    type: 'beds',
    level: measure.level,
    min: measure.min,
    knownBeds,
    unknownRecords,
    rows,
  };
}

/** Compute every target, in file order. */
export function computeTargets(input: TargetsInput): TargetResult[] {
  return input.targets.map((target) => computeTarget(target, input));
}

/**
 * Cross-checks between the targets, the denominators and the regions that the
 * schemas alone cannot see. One line per problem; empty when all is well.
 */
export function targetProblems(targets: readonly PolicyTarget[], denominators: DenominatorsFile, regions: RegionIndex): string[] {
  const problems: string[] = [];
  const categories = new Map(denominators.categories.map((c) => [c.id, c]));
  for (const target of targets) {
    const m = target.measure;
    if (m.type === 'external') continue;
    const province = regions.byCode.get(m.scope);
    if (province?.level !== 'province') {
      problems.push(`content/policy-targets.json: ${target.id}: measure.scope: ${m.scope} 不是省级区划代码`);
      continue;
    }
    if (regionsAt(regions, m.scope, m.level).length === 0) {
      problems.push(
        `content/policy-targets.json: ${target.id}: measure.level: ${province.name}没有 ${m.level === 'city' ? '设区市' : '县级'} 区划`,
      );
    }
    if (m.type === 'share') {
      const category = categories.get(m.denominator);
      if (category === undefined)
        problems.push(
          `content/policy-targets.json: ${target.id}: measure.denominator: content/denominators.json 里没有分类 ${m.denominator}`,
        );
      else if (category.scope !== m.scope)
        problems.push(
          `content/policy-targets.json: ${target.id}: measure.denominator: 分类 ${m.denominator} 属于 ${category.scope}，目标属于 ${m.scope}`,
        );
    }
  }
  denominators.figures.forEach((figure, i) => {
    const category = categories.get(figure.category);
    if (!regions.byCode.has(figure.regionCode)) {
      problems.push(`content/denominators.json: figures[${i}].regionCode: 区划代码 ${figure.regionCode} 不在 content/regions.json 中`);
    } else if (category !== undefined && regions.provinceOf(figure.regionCode)?.code !== category.scope) {
      problems.push(
        `content/denominators.json: figures[${i}].regionCode: ${figure.regionCode} 不属于分类 ${figure.category} 的范围 ${category.scope}`,
      );
    }
  });
  return problems;
}

/** Registry counts for one province: all records, sample records, records that can count. */
export interface ScopeCounts {
  readonly scope: string;
  readonly records: number;
  readonly samples: number;
  readonly counted: number;
}

export function scopeCounts(records: readonly Institution[], regions: RegionIndex, scope: string): ScopeCounts {
  const inScope = records.filter((r) => regions.provinceOf(r.regionCode)?.code === scope);
  const samples = inScope.filter(isSample).length;
  return { scope, records: inScope.length, samples, counted: inScope.length - samples };
}

/** Address of a record's page (built by the finder). */
export function serviceHref(id: string): string {
  return `/services/${id}/`;
}

/** Address of a region's page (built by the finder). */
export function regionHref(code: string): string {
  return `/regions/${code}/`;
}

/** Words the public JSON carries next to the codes (from the UI strings). */
export interface ReportLabels {
  readonly status: Readonly<Record<TargetStatus, string>>;
  readonly plan: Readonly<Record<PolicyTarget['plan'], string>>;
}

function publicRecord(r: RecordRef) {
  return {
    id: r.id,
    name: r.name,
    regionCode: r.regionCode,
    beds: r.beds,
    ...(r.missing.length > 0 ? { missing: r.missing } : {}),
    url: serviceHref(r.id),
  };
}

/**
 * The figures as published at /data/targets.json: the same numbers as /targets/, with
 * status codes and their Chinese labels, record and region addresses.
 */
export function targetsReport(results: readonly TargetResult[], counts: readonly ScopeCounts[], labels: ReportLabels, generatedAt: string) {
  return {
    generatedAt,
    note: '由本站登记数据在构建时计算；示例数据不计入。登记数据尚不完整，“尚未达成”表示在本站已登记的机构中尚未看到达成。',
    statuses: labels.status,
    registry: counts.map((c) => ({ scope: c.scope, records: c.records, sampleRecords: c.samples, countedRecords: c.counted })),
    targets: results.map((r) => {
      const head = {
        id: r.id,
        plan: r.plan,
        planName: labels.plan[r.plan],
        clause: r.clause,
        quote: r.quote,
        deadline: r.deadline,
        title: r.title,
        method: r.method,
        interpretation: r.interpretation,
        type: r.type,
        status: r.status,
        statusLabel: labels.status[r.status],
        samplesExcluded: r.samplesExcluded,
      };
      const row = (x: RowBase) => ({
        regionCode: x.code,
        regionName: x.name,
        regionUrl: regionHref(x.code),
        records: x.records.map(publicRecord),
        undetermined: x.undetermined.map(publicRecord),
      });
      switch (r.type) {
        case 'external':
          return { ...head, dataSource: null };
        case 'coverage':
          return {
            ...head,
            level: r.level,
            min: r.min,
            tally: r.tally,
            rows: r.rows.map((x) => ({ ...row(x), count: x.records.length, status: x.status, statusLabel: labels.status[x.status] })),
          };
        case 'share':
          return {
            ...head,
            level: r.level,
            minShare: r.minShare,
            denominatorLabel: r.denominatorLabel,
            numerator: r.numerator,
            undeterminedCount: r.undeterminedCount,
            denominator: r.denominator,
            share: r.share,
            tally: r.tally,
            rows: r.rows.map((x) => ({
              ...row(x),
              count: x.records.length,
              denominator: x.denominator,
              share: x.share,
              status: x.status,
              statusLabel: labels.status[x.status],
            })),
          };
        case 'beds':
          return {
            ...head,
            level: r.level,
            min: r.min,
            knownBeds: r.knownBeds,
            unknownRecords: r.unknownRecords,
            rows: r.rows.map((x) => ({ ...row(x), knownBeds: x.knownBeds })),
          };
      }
    }),
  };
}

/** A share as a whole-number percentage, e.g. 0.5 → "50%" (one decimal below 10%). */
export function formatPercent(share: number): string {
  const pct = share * 100;
  return `${pct < 10 && pct > 0 ? pct.toFixed(1).replace(/\.0$/, '') : Math.round(pct)}%`;
}

/**
 * Whether a target's year has passed on the day the figures were computed (YYYY-MM-DD).
 * 「到2025年」 runs to the end of 2025, so the deadline passes on 1 January 2026.
 */
export function deadlinePassed(deadline: number, computedOn: string): boolean {
  return Number(computedOn.slice(0, 4)) > deadline;
}

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
import type { Institution } from '../../schemas/institution.ts';
import type {
  BedsMeasure,
  CoverageMeasure,
  DenominatorFigure,
  DenominatorsFile,
  PolicyTarget,
  ShareMeasure,
  TargetCriteria,
} from '../../schemas/policy-target.ts';
import type { Region } from '../../schemas/region.ts';
import type { RegionIndex } from '../registry/regions.ts';
import { isSample, matchCriteria, type MissingFact } from './criteria.ts';
import { bedsStatus, coverageStatus, everyStatus, shareStatus, tally, type Tally, type TargetStatus } from './status.ts';

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

export interface RowBase {
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

/**
 * The public JSON document /data/targets.json: the computed results with status codes
 * and their Chinese labels, record and region addresses, and the registry's counts.
 */
import type { Institution } from '../../schemas/institution.ts';
import type { PolicyTarget } from '../../schemas/policy-target.ts';
import type { RegionIndex } from '../registry/regions.ts';
import { isSample } from './criteria.ts';
import * as routes from '../routes.ts';
import type { RecordRef, RowBase, TargetResult } from './measure.ts';
import type { TargetStatus } from './status.ts';

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
    url: routes.institution(r.id),
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
        regionUrl: routes.region(x.code),
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

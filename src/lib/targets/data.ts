/**
 * Build-time loading for the target tracker: reads content/policy-targets.json and
 * content/denominators.json, validates them against each other, the plans
 * (content/plans.json) and the regions (one line per problem, build fails), and
 * computes every target of the plans the site shows from the registry. Used by /targets/ and /data/targets.json,
 * so both show the same figures.
 */
import { t } from '../../i18n/index.ts';
import type { Institution } from '../../schemas/institution.ts';
import type { PlanBook } from '../plans/book.ts';
import { loadPlanBook } from '../plans/shown.ts';
import type { RegionIndex } from '../registry/regions.ts';
import { denominatorsFileSchema, policyTargetsFileSchema, type DenominatorsFile, type PolicyTarget } from '../../schemas/policy-target.ts';
import { readJsonWith } from '../read-json.ts';
import { loadRegistry, todayInChina } from '../registry/load.ts';
import { computeTargets, type TargetResult } from './measure.ts';
import { targetProblems } from './problems.ts';
import { scopeCounts, targetsReport, type ReportLabels, type ScopeCounts } from './report.ts';

export const POLICY_TARGETS_FILE = 'content/policy-targets.json';
export const DENOMINATORS_FILE = 'content/denominators.json';

/** The plans' targets, validated. */
export function loadPolicyTargets(file = POLICY_TARGETS_FILE): PolicyTarget[] {
  return readJsonWith(policyTargetsFileSchema, file).targets;
}

/** The official counts, validated. */
export function loadDenominators(file = DENOMINATORS_FILE): DenominatorsFile {
  return readJsonWith(denominatorsFileSchema, file);
}

export interface TargetsData {
  readonly results: readonly TargetResult[];
  /** Registry counts for each province the site presents. */
  readonly counts: readonly ScopeCounts[];
  /** Date the figures were computed (China time). */
  readonly computedOn: string;
}

export interface TargetsInput {
  readonly records: readonly Institution[];
  readonly regions: RegionIndex;
  readonly plans: PlanBook;
  /** Every target in the file, of shown plans or not. */
  readonly targets: readonly PolicyTarget[];
  readonly denominators: DenominatorsFile;
  /** Date the figures are computed on (YYYY-MM-DD, China time). */
  readonly computedOn: string;
}

/** The figures from files already read: checked (throws one line per problem), then computed. */
export function targetsDataFrom({ records, regions, plans, targets, denominators, computedOn }: TargetsInput): TargetsData {
  const problems = targetProblems(targets, denominators, regions, plans);
  if (problems.length > 0) throw new Error(`规划目标数据有 ${problems.length} 处错误：\n${problems.join('\n')}`);
  // A plan whose province the site does not present is not shown, nor are its targets.
  const shown = targets.filter((target) => plans.isShown(target.plan));
  return {
    results: computeTargets({ records, regions, targets: shown, denominators }),
    counts: regions.provinces.map((p) => scopeCounts(records, regions, p.code)),
    computedOn,
  };
}

let memo: TargetsData | undefined;

/** Everything /targets/ and /data/targets.json show. */
export function loadTargetsData(): TargetsData {
  if (memo !== undefined) return memo;
  const { records, regions } = loadRegistry();
  memo = targetsDataFrom({
    records,
    regions,
    plans: loadPlanBook(),
    targets: loadPolicyTargets(),
    denominators: loadDenominators(),
    computedOn: todayInChina(),
  });
  return memo;
}

/** The UI's words for statuses, and the plans' titles (content/plans.json). */
export function reportLabels(): ReportLabels {
  return {
    status: { met: t('targets.status.met'), 'not-met': t('targets.status.notMet'), insufficient: t('targets.status.insufficient') },
    plan: Object.fromEntries(loadPlanBook().shown.map((p) => [p.id, p.title])),
  };
}

/** The public JSON document. */
export function targetsJson(): ReturnType<typeof targetsReport> {
  const data = loadTargetsData();
  return targetsReport(data.results, data.counts, reportLabels(), data.computedOn);
}

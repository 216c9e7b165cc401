/**
 * Build-time loading for the target tracker: reads content/policy-targets.json and
 * content/denominators.json, validates them (one line per problem, build fails), and
 * computes every target from the registry. Used by /targets/ and /data/targets.json,
 * so both show the same figures.
 */
import { t } from '../../i18n/index.ts';
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
  /** Registry counts for Zhejiang and Beijing. */
  readonly counts: readonly ScopeCounts[];
  /** Date the figures were computed (China time). */
  readonly computedOn: string;
}

let memo: TargetsData | undefined;

/** Everything /targets/ and /data/targets.json show. */
export function loadTargetsData(): TargetsData {
  if (memo !== undefined) return memo;
  const { records, regions } = loadRegistry();
  const targets = loadPolicyTargets();
  const denominators = loadDenominators();
  const problems = targetProblems(targets, denominators, regions);
  if (problems.length > 0) throw new Error(`规划目标数据有 ${problems.length} 处错误：\n${problems.join('\n')}`);
  memo = {
    results: computeTargets({ records, regions, targets, denominators }),
    counts: regions.provinces.map((p) => scopeCounts(records, regions, p.code)),
    computedOn: todayInChina(),
  };
  return memo;
}

/** The UI's words for statuses and plans. */
export function reportLabels(): ReportLabels {
  return {
    status: { met: t('targets.status.met'), 'not-met': t('targets.status.notMet'), insufficient: t('targets.status.insufficient') },
    plan: { zhejiang: t('guides.plan.zhejiang'), beijing: t('guides.plan.beijing') },
  };
}

/** The public JSON document. */
export function targetsJson(): ReturnType<typeof targetsReport> {
  const data = loadTargetsData();
  return targetsReport(data.results, data.counts, reportLabels(), data.computedOn);
}

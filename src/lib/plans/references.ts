/**
 * Every `plan` a content file writes must be a plan in content/plans.json. The schemas check
 * only an id's form, because the list of plans is content too; this check runs once the files
 * are read, and reports in the registry's one-line style:
 *
 *   content/guides/costs.mdx: costs: sources[0].plan: 没有这个规划：shanghai（content/plans.json 里有：zhejiang、beijing）
 */
import type { Plan } from '../../schemas/plan.ts';
import { ProblemsError, formatPath, type Problem } from '../registry/errors.ts';
import { PLANS_FILE } from './load.ts';

/** One place a content file names a plan. */
export interface PlanReference {
  /** File as shown in messages, e.g. content/guides/costs.mdx. */
  readonly file: string;
  /** Record in the file: the guide, course, rule or target id. */
  readonly id: string;
  /** Field path within the record, e.g. ['sources', 0, 'plan']. */
  readonly path: readonly PropertyKey[];
  /** The plan id written there. */
  readonly plan: string;
}

/** The references in a record's `sources` list (guides, courses, pathway rules). */
export function sourceReferences(
  file: string,
  id: string,
  sources: readonly { readonly plan: string }[],
  base: readonly PropertyKey[] = ['sources'],
): PlanReference[] {
  return sources.map((s, i) => ({ file, id, path: [...base, i, 'plan'], plan: s.plan }));
}

/** A problem for every reference to a plan the file does not have; empty when all are known. */
export function unknownPlanProblems(plans: readonly Plan[], references: readonly PlanReference[]): Problem[] {
  const known = new Set(plans.map((p) => p.id));
  const list = plans.map((p) => p.id).join('、');
  return references
    .filter((r) => !known.has(r.plan))
    .map((r) => ({
      file: r.file,
      id: r.id,
      path: formatPath(r.path),
      pathParts: r.path,
      message: `没有这个规划：${r.plan}（${PLANS_FILE} 里有：${list}）`,
      entry: -1,
    }));
}

/** Thrown when content names a plan that does not exist; the message is every problem line. */
export class PlanReferenceError extends ProblemsError {
  constructor(problems: readonly Problem[]) {
    super('规划编号', problems);
    this.name = 'PlanReferenceError';
  }
}

/** Throws PlanReferenceError when any reference names an unknown plan. */
export function assertKnownPlans(plans: readonly Plan[], references: readonly PlanReference[]): void {
  const problems = unknownPlanProblems(plans, references);
  if (problems.length > 0) throw new PlanReferenceError(problems);
}

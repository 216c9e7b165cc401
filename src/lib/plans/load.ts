/**
 * Build-time reading of content/plans.json: validated (one line per problem, the build fails)
 * and memoised per file, so every page and the content config can ask as often as they like.
 */
import { plansFileSchema, type Plan } from '../../schemas/plan.ts';
import { readJsonWith } from '../read-json.ts';

export const PLANS_FILE = 'content/plans.json';

const memo = new Map<string, readonly Plan[]>();

/** Every plan in the file, in file order. */
export function loadPlans(file = PLANS_FILE): readonly Plan[] {
  let plans = memo.get(file);
  if (plans === undefined) {
    plans = readJsonWith(plansFileSchema, file, { what: '规划文件' }).plans;
    memo.set(file, plans);
  }
  return plans;
}

/** The title of the plan with this id (guides and courses cite plans by id; the build checked every id). */
export function planTitle(id: string, file = PLANS_FILE): string {
  const plan = loadPlans(file).find((p) => p.id === id);
  if (plan === undefined) throw new Error(`${file} 里没有规划 ${id}`);
  return plan.title;
}

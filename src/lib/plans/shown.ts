/**
 * The plans with the site's scope applied: a plan is shown while its province is among the
 * regions the site presents (content/site-scope.json).
 */
import { loadRegistry } from '../registry/load.ts';
import { planBook, type PlanBook } from './book.ts';
import { loadPlans, PLANS_FILE } from './load.ts';

/** The plans, with those whose province the site presents marked as shown. */
export function loadPlanBook(file = PLANS_FILE): PlanBook {
  const { regions } = loadRegistry();
  return planBook(loadPlans(file), (province) => regions.byCode.has(province));
}

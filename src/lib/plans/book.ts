/**
 * Looking plans up by id, and which of them the site shows. Pure: load.ts reads the file.
 * A plan whose province is outside the site's scope is still known (a guide may cite its
 * clauses), but /targets/ does not show it or its targets.
 */
import type { Plan } from '../../schemas/plan.ts';

export interface PlanBook {
  /** Every plan, in file order. */
  readonly all: readonly Plan[];
  /** Plans whose province the site presents, in file order. */
  readonly shown: readonly Plan[];
  /** The plan with this id. Throws for an unknown id: the build checks every id first (references.ts). */
  get(id: string): Plan;
  /** Whether the plan with this id is shown. */
  isShown(id: string): boolean;
}

export function planBook(plans: readonly Plan[], inScope: (province: string) => boolean): PlanBook {
  const byId = new Map(plans.map((p) => [p.id, p]));
  const shown = plans.filter((p) => inScope(p.province));
  const shownIds = new Set(shown.map((p) => p.id));
  return {
    all: plans,
    shown,
    get(id) {
      const plan = byId.get(id);
      if (plan === undefined) throw new Error(`content/plans.json 里没有规划 ${id}`);
      return plan;
    },
    isShown: (id) => shownIds.has(id),
  };
}

/** The plans cited, in order of first citation (the order a reader meets them), each once. */
export function citedPlans(book: PlanBook, sources: Iterable<{ readonly plan: string }>): Plan[] {
  const ids = new Set<string>();
  for (const s of sources) ids.add(s.plan);
  return [...ids].map((id) => book.get(id));
}

/** Plan titles by id, for the plans cited, in file order (an island's props). */
export function planTitles(book: PlanBook, sources: Iterable<{ readonly plan: string }>): Record<string, string> {
  const cited = new Set([...sources].map((s) => s.plan));
  return Object.fromEntries(book.all.filter((p) => cited.has(p.id)).map((p) => [p.id, p.title]));
}

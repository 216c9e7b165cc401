/**
 * What /targets/ needs from the plans (content/plans.json): each shown plan with its measured
 * targets, in the plans' order, and each plan's own words for its regions, so a third
 * province's plan reads in its own terms without code.
 */
import type { Plan } from '../../schemas/plan.ts';
import type { PlanBook } from '../plans/book.ts';
import type { TargetResult } from './measure.ts';

export type MeasuredResult = Exclude<TargetResult, { type: 'external' }>;

/** The plan's word for a region at `level`: 设区市, 县（市、区）, 区 … */
export function levelWord(plan: Plan, level: 'city' | 'county'): string {
  const word = level === 'county' ? plan.countyWord : plan.cityWord;
  // The build refuses a target counted per city whose plan has no cityWord (problems.ts).
  if (word === undefined) throw new Error(`content/plans.json: ${plan.id}: cityWord: 按市计数的目标需要这个词`);
  return word;
}

/** Each shown plan with its measured targets (those the registry can count), in file order. */
export function measuredByPlan(plans: PlanBook, results: readonly TargetResult[]): { plan: Plan; measured: MeasuredResult[] }[] {
  return plans.shown.map((plan) => ({
    plan,
    measured: results.filter((r): r is MeasuredResult => r.plan === plan.id && r.type !== 'external'),
  }));
}

/** The registry counts of the plans' provinces in the plans' order, then those of provinces without a shown plan. */
export function countsInPlanOrder<C extends { readonly scope: string }>(plans: PlanBook, counts: readonly C[]): C[] {
  const rank = (c: C) => {
    const i = plans.shown.findIndex((p) => p.province === c.scope);
    return i === -1 ? plans.shown.length : i;
  };
  return counts
    .map((c, i) => ({ c, i }))
    .sort((a, b) => rank(a.c) - rank(b.c) || a.i - b.i)
    .map(({ c }) => c);
}

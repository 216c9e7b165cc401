import type { DenominatorsFile, PolicyTarget } from '../../schemas/policy-target.ts';
import type { PlanBook } from '../plans/book.ts';
import { unknownPlanProblems } from '../plans/references.ts';
import { formatProblem } from '../registry/errors.ts';
import type { RegionIndex } from '../registry/regions.ts';
import { regionsAt } from './measure.ts';

const FILE = 'content/policy-targets.json';

/**
 * Cross-checks between the targets, the plans, the denominators and the regions that the
 * schemas alone cannot see. One line per problem; empty when all is well. Targets of a plan
 * the site does not show (its province is outside the scope), and the official counts for
 * such a province, are checked only for their plan id: their regions have no pages here.
 */
export function targetProblems(
  targets: readonly PolicyTarget[],
  denominators: DenominatorsFile,
  regions: RegionIndex,
  plans: PlanBook,
): string[] {
  const problems: string[] = [];
  const categories = new Map(denominators.categories.map((c) => [c.id, c]));
  for (const target of targets) {
    const unknown = unknownPlanProblems(plans.all, [{ file: FILE, id: target.id, path: ['plan'], plan: target.plan }]);
    if (unknown.length > 0) {
      problems.push(...unknown.map(formatProblem));
      continue;
    }
    const m = target.measure;
    if (m.type === 'external' || !plans.isShown(target.plan)) continue;
    const plan = plans.get(target.plan);
    if (m.scope !== plan.province) {
      problems.push(`${FILE}: ${target.id}: measure.scope: 规划 ${plan.id} 适用于 ${plan.province}，目标的范围却是 ${m.scope}`);
      continue;
    }
    const province = regions.byCode.get(m.scope);
    if (province?.level !== 'province') {
      problems.push(`${FILE}: ${target.id}: measure.scope: ${m.scope} 不是省级区划代码`);
      continue;
    }
    if (regionsAt(regions, m.scope, m.level).length === 0) {
      problems.push(`${FILE}: ${target.id}: measure.level: ${province.name}没有 ${m.level === 'city' ? '设区市' : '县级'} 区划`);
    } else if (m.level === 'city' && plan.cityWord === undefined) {
      problems.push(`${FILE}: ${target.id}: measure.level: 按市计数的目标需要在 content/plans.json 里给规划 ${plan.id} 写 cityWord`);
    }
    if (m.type === 'share') {
      const category = categories.get(m.denominator);
      if (category === undefined)
        problems.push(`${FILE}: ${target.id}: measure.denominator: content/denominators.json 里没有分类 ${m.denominator}`);
      else if (category.scope !== m.scope)
        problems.push(`${FILE}: ${target.id}: measure.denominator: 分类 ${m.denominator} 属于 ${category.scope}，目标属于 ${m.scope}`);
    }
  }
  denominators.figures.forEach((figure, i) => {
    const category = categories.get(figure.category);
    if (category !== undefined && !regions.byCode.has(category.scope)) return;
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

import type { DenominatorsFile, PolicyTarget } from '../../schemas/policy-target.ts';
import type { RegionIndex } from '../registry/regions.ts';
import { regionsAt } from './measure.ts';

/**
 * Cross-checks between the targets, the denominators and the regions that the
 * schemas alone cannot see. One line per problem; empty when all is well.
 */
export function targetProblems(targets: readonly PolicyTarget[], denominators: DenominatorsFile, regions: RegionIndex): string[] {
  const problems: string[] = [];
  const categories = new Map(denominators.categories.map((c) => [c.id, c]));
  for (const target of targets) {
    const m = target.measure;
    if (m.type === 'external') continue;
    const province = regions.byCode.get(m.scope);
    if (province?.level !== 'province') {
      problems.push(`content/policy-targets.json: ${target.id}: measure.scope: ${m.scope} 不是省级区划代码`);
      continue;
    }
    if (regionsAt(regions, m.scope, m.level).length === 0) {
      problems.push(
        `content/policy-targets.json: ${target.id}: measure.level: ${province.name}没有 ${m.level === 'city' ? '设区市' : '县级'} 区划`,
      );
    }
    if (m.type === 'share') {
      const category = categories.get(m.denominator);
      if (category === undefined)
        problems.push(
          `content/policy-targets.json: ${target.id}: measure.denominator: content/denominators.json 里没有分类 ${m.denominator}`,
        );
      else if (category.scope !== m.scope)
        problems.push(
          `content/policy-targets.json: ${target.id}: measure.denominator: 分类 ${m.denominator} 属于 ${category.scope}，目标属于 ${m.scope}`,
        );
    }
  }
  denominators.figures.forEach((figure, i) => {
    const category = categories.get(figure.category);
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

/**
 * The plans' measurable targets (content/policy-targets.json) and the official
 * counts some of them are measured against (content/denominators.json).
 * src/lib/targets/measure.ts computes each target's progress from the registry.
 */
import { z } from 'zod';
import { GRADES, INSTITUTION_KINDS, DESIGNATION_LEVELS } from './institution.ts';
import { planId } from './plan.ts';
import { isoDate, plainText, regionCode, uniqueList, webUrl } from './provenance.ts';
import { CARE_MODES } from './service.ts';

const slug = () => z.string().regex(/^[a-z][a-z0-9-]*$/, { error: '只能用小写字母、数字和“-”，并以字母开头' });

/**
 * Which registry records count. A record counts when every condition given holds;
 * when a condition cannot be decided (grade 未知, bed count unknown) the record is
 * listed as undetermined instead.
 */
export const targetCriteriaSchema = z.strictObject({
  /** Institution kinds that count; omit for any kind. */
  kinds: uniqueList(z.enum(INSTITUTION_KINDS)).min(1).optional(),
  /** The record must offer at least one of these care modes; omit for any. */
  modes: uniqueList(z.enum(CARE_MODES)).min(1).optional(),
  /** Hospital grades that count (grade 未知 = undetermined); omit for any grade. */
  grades: uniqueList(z.enum(GRADES.filter((g) => g !== '未知')))
    .min(1)
    .optional(),
  /** A designation at one of these levels also satisfies `grades` (e.g. a 市级 指导中心). */
  designationLevels: uniqueList(z.enum(DESIGNATION_LEVELS)).min(1).optional(),
  /** At least this many hospice beds (unknown bed count = undetermined). */
  minBeds: z.int().min(1).optional(),
});

/** Every region at `level` in the province has at least `min` records that count. */
export const coverageMeasureSchema = z.strictObject({
  type: z.literal('coverage'),
  /** Province code, the one the target's plan applies in, e.g. 330000. */
  scope: regionCode(),
  /** city = 设区市; county = 县（市、区） or Beijing's 区 (each plan's words are in content/plans.json). */
  level: z.enum(['city', 'county']),
  /** Records needed per region. */
  min: z.int().min(1),
  criteria: targetCriteriaSchema,
});

/** Share of a kind of institution that offers the care, against an official count (denominator). */
export const shareMeasureSchema = z.strictObject({
  type: z.literal('share'),
  scope: regionCode(),
  /** Regions the share is shown for. */
  level: z.enum(['city', 'county']),
  /** The share needed, 0–1 (0.5 = 50%). */
  minShare: z.number().gt(0).max(1),
  /** Records that count toward the numerator. */
  criteria: targetCriteriaSchema,
  /** Category id in content/denominators.json. */
  denominator: slug(),
});

/** Sum of known hospice beds in the province reaches `min`; shown per region too. */
export const bedsMeasureSchema = z.strictObject({
  type: z.literal('beds'),
  scope: regionCode(),
  level: z.enum(['city', 'county']),
  /** Beds needed in the whole province. */
  min: z.int().min(1),
  /** Records whose beds are added up (e.g. those with a 住院 service). */
  criteria: targetCriteriaSchema,
});

/** A target the registry cannot measure (training rates, certificates …). */
export const externalMeasureSchema = z.strictObject({
  type: z.literal('external'),
});

export const targetMeasureSchema = z.discriminatedUnion('type', [
  coverageMeasureSchema,
  shareMeasureSchema,
  bedsMeasureSchema,
  externalMeasureSchema,
]);

export const policyTargetSchema = z.strictObject({
  /** Stable id, e.g. zj-city-hospital-ward (also the anchor on /targets/). */
  id: slug(),
  /** Plan id from content/plans.json (checked by src/lib/targets/problems.ts), e.g. zhejiang. */
  plan: planId(),
  /** The clause as numbered in the plan, e.g. 二 or 一（二）. */
  clause: plainText(),
  /** The target's words, quoted verbatim from that clause. */
  quote: plainText(),
  /** Year the plan wants it by. */
  deadline: z.int().min(2020).max(2100),
  /** Short title for tables, e.g. 每个设区市至少 1 个市级医院安宁疗护病区. */
  title: plainText(),
  /** How the site measures it, in plain words (shown on the page). */
  method: plainText(),
  /** Optional: where the site had to interpret the plan (e.g. a number for “普遍”). */
  interpretation: plainText().optional(),
  /** What is counted and how. */
  measure: targetMeasureSchema,
});

export const policyTargetsFileSchema = z
  .strictObject({
    targets: z.array(policyTargetSchema).min(1),
  })
  .superRefine((file, ctx) => {
    const ids = new Set<string>();
    file.targets.forEach((target, i) => {
      if (ids.has(target.id)) ctx.addIssue({ code: 'custom', path: ['targets', i, 'id'], message: `目标编号重复：${target.id}` });
      ids.add(target.id);
    });
  });

/** What a denominator counts, e.g. 乡镇卫生院和社区卫生服务中心总数. */
export const denominatorCategorySchema = z.strictObject({
  /** Id used by targets' `denominator`. */
  id: slug(),
  /** What is counted, in plain words. */
  label: plainText(),
  /** Province code the figures belong to. */
  scope: regionCode(),
});

/** One official figure, always with its source. */
export const denominatorFigureSchema = z.strictObject({
  /** Category id. */
  category: slug(),
  /** The region counted (county, city or the province itself). */
  regionCode: regionCode(),
  /** How many such institutions the region has. */
  count: z.int().min(0),
  /** Who published the figure, e.g. 某区卫生健康局《2024年卫生健康统计公报》. */
  source: plainText(),
  /** Optional: where it was published. */
  url: webUrl().optional(),
  /** Optional: date the figure refers to (YYYY-MM-DD). */
  asOf: isoDate().optional(),
});

export const denominatorsFileSchema = z
  .strictObject({
    categories: z.array(denominatorCategorySchema),
    figures: z.array(denominatorFigureSchema),
  })
  .superRefine((file, ctx) => {
    const categories = new Set(file.categories.map((c) => c.id));
    const seen = new Set<string>();
    file.figures.forEach((figure, i) => {
      if (!categories.has(figure.category))
        ctx.addIssue({ code: 'custom', path: ['figures', i, 'category'], message: `没有这个分类：${figure.category}` });
      const key = `${figure.category}/${figure.regionCode}`;
      if (seen.has(key)) ctx.addIssue({ code: 'custom', path: ['figures', i], message: `同一地区同一分类的数字重复：${key}` });
      seen.add(key);
    });
  });

export type TargetCriteria = z.infer<typeof targetCriteriaSchema>;
export type CoverageMeasure = z.infer<typeof coverageMeasureSchema>;
export type ShareMeasure = z.infer<typeof shareMeasureSchema>;
export type BedsMeasure = z.infer<typeof bedsMeasureSchema>;
export type TargetMeasure = z.infer<typeof targetMeasureSchema>;
export type PolicyTarget = z.infer<typeof policyTargetSchema>;
export type PolicyTargetsFile = z.infer<typeof policyTargetsFileSchema>;
export type DenominatorCategory = z.infer<typeof denominatorCategorySchema>;
export type DenominatorFigure = z.infer<typeof denominatorFigureSchema>;
export type DenominatorsFile = z.infer<typeof denominatorsFileSchema>;

/**
 * The provincial plans the site puts into practice (content/plans.json): each plan's id, the
 * province it applies in and the words the pages use for it. Adopting the site for another
 * province's plan means adding it here, with its targets in content/policy-targets.json; no
 * code changes (docs/targets-and-pathway.md). Guides, courses, pathway rules and targets name
 * a plan by its id; src/lib/plans/ checks every such id against this file at build time.
 */
import { z } from 'zod';
import { plainText, regionCode } from './provenance.ts';

/** A plan id as content files write it in `plan`, e.g. zhejiang. */
export const planId = () => z.string().regex(/^[a-z][a-z0-9-]*$/, { error: '规划编号只能用小写字母、数字和“-”，并以字母开头' });

export const planSchema = z.strictObject({
  /** Stable id that content files use in `plan`, e.g. zhejiang (also the anchor plan-<id> on /targets/). */
  id: planId(),
  /** Province code the plan applies in (ends in 0000); the plan is shown only while that province is in the site's scope. */
  province: regionCode().refine((c) => c.endsWith('0000'), '应为省级区划代码（以 0000 结尾）'),
  /** Full title without 《》, as cited, e.g. 浙江省全省域开展安宁疗护工作实施方案（征求意见稿）. */
  title: plainText(),
  /** Short name in tables, e.g. 浙江方案. */
  shortName: plainText(),
  /** Whose published figures count once a target's year has passed, e.g. 浙江省卫生健康委员会. */
  authority: plainText(),
  /** The plan's word for its whole area: 全省, or 全市 for a municipality. */
  scopeWord: plainText(),
  /** Its word for a city-level region, e.g. 设区市; needed only by targets counted per city. */
  cityWord: plainText().optional(),
  /** Its word for a county-level region: 县（市、区）, or 区 for Beijing's districts. */
  countyWord: plainText(),
});

export const plansFileSchema = z
  .strictObject({
    _comment: z.string().optional(),
    /** The plans, in the order /targets/ shows them; at least one. */
    plans: z.array(planSchema).min(1),
  })
  .superRefine((file, ctx) => {
    const ids = new Set<string>();
    file.plans.forEach((plan, i) => {
      if (ids.has(plan.id)) ctx.addIssue({ code: 'custom', path: ['plans', i, 'id'], message: `规划编号重复：${plan.id}` });
      ids.add(plan.id);
    });
  });

export type Plan = z.infer<typeof planSchema>;
export type PlansFile = z.infer<typeof plansFileSchema>;

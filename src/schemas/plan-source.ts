import { z } from 'zod';

/** The two provincial plans the site implements. */
export const PLANS = ['zhejiang', 'beijing'] as const;
export type Plan = (typeof PLANS)[number];

/** A clause of one of the plans that a page or course draws on. */
export const planSourceSchema = z.strictObject({
  /** Which plan: zhejiang (浙江省全省域开展安宁疗护工作实施方案) or beijing (北京市加快推进安宁疗护服务发展实施方案). */
  plan: z.enum(PLANS, { error: '必须是 zhejiang 或 beijing' }),
  /** The clause, as numbered in the plan, e.g. 三（五）12. */
  clause: z.string().trim().min(1),
  /** The words quoted from that clause. */
  quote: z.string().trim().min(1).optional(),
});
export type PlanSource = z.infer<typeof planSourceSchema>;

import { z } from 'zod';
import { planId } from './plan.ts';

/** A clause of one of the plans that a page or course draws on. */
export const planSourceSchema = z.strictObject({
  /**
   * Which plan: an id from content/plans.json, e.g. zhejiang. The schema checks only its form;
   * src/lib/plans/references.ts checks that the plan exists, naming file, record and field.
   */
  plan: planId(),
  /** The clause, as numbered in the plan, e.g. 三（五）12. */
  clause: z.string().trim().min(1),
  /** The words quoted from that clause. */
  quote: z.string().trim().min(1).optional(),
});
export type PlanSource = z.infer<typeof planSourceSchema>;

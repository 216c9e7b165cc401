import { z } from 'zod';
import { planSourceSchema } from './plan-source.ts';
import { publicSourceSchema } from './public-source.ts';

/** A guide for families (content/guides/<slug>.mdx). */
export const guideSchema = z.strictObject({
  /** Guide title. */
  title: z.string().trim().min(1),
  /** One or two sentences for the index and link cards. */
  summary: z.string().trim().min(1).max(160),
  /** Position in the guide index; the FAQ comes last. */
  order: z.number().int(),
  /** When the text was last reviewed. */
  reviewedAt: z.coerce.date(),
  /** Who reviewed it. */
  reviewedBy: z.string().trim().min(1),
  /** Plan clauses the guide draws on. */
  sources: z.array(planSourceSchema).default([]),
  /** Other public sources (laws, national notices, hotlines' announcements) the guide states facts from. */
  publicSources: z.array(publicSourceSchema).default([]),
});
export type Guide = z.infer<typeof guideSchema>;

/**
 * bench/budgets.json, the one home of the performance budgets, and its schema. Read by
 * scripts/check-page-weight.ts (every build), bench/run.ts and bench/check.ts (the
 * benchmark) and the browser tests' byte budgets (tests/e2e/forms-browser.spec.ts,
 * tests/e2e/search.spec.ts). A budget with a typo or a wrong type fails loudly here instead
 * of passing unchecked.
 */
import path from 'node:path';
import { z } from 'zod';
import { readJsonWith } from '../../src/lib/read-json.ts';
import { MAX_KEYS, type MaxKey } from './page-weight.ts';

export const BUDGETS_FILE = 'bench/budgets.json';

const bytes = z.number().int().positive();
const about = z.string().optional();
const limits = z.strictObject(
  Object.fromEntries(MAX_KEYS.map((k) => [k, bytes.optional()])) as Record<MaxKey, z.ZodOptional<typeof bytes>>,
);
const score = z.number().min(0).max(100);

export const budgetsSchema = z.strictObject({
  about,
  pageWeight: z.strictObject({
    about,
    /** The dynamic import counted into the finder's jsWithMapGzip. */
    mapModule: z.string().min(1),
    types: z.record(z.string(), limits),
  }),
  browser: z.strictObject({
    about,
    formsJsGzip: z.strictObject({ volunteer: bytes, report: bytes }),
    searchFirstQueryBytes: bytes,
  }),
  scale: z.strictObject({
    about,
    /** Registry sizes the scale budgets apply at (each must be measured). */
    at: z.array(z.number().int().positive()).min(1),
    finderIndexGzip: bytes,
    /** Build wall time at the largest size / at the one before it, at most (5 from 10 000 to 50 000: linear). */
    buildGrowthRatio: z.number().positive(),
    filterUpdateP95Ms: z.number().positive(),
    searchFirstQueryBytes: bytes,
    /** Search query latency p95 on a warm page (form submitted → results on screen), ms. */
    searchQueryP95Ms: z.number().positive(),
    /** Pages Lighthouse measures on each build in `at` (the finder and the heaviest institution page), with the lighthouse scores below. */
    lighthousePages: z.array(z.enum(['finder', 'institution'])),
    buildSeconds: z.number().positive(),
  }),
  lighthouse: z.strictObject({
    about,
    pages: z.array(z.string().min(1)),
    performance: score,
    accessibility: score,
    'best-practices': score,
    seo: score,
  }),
});

export type Budgets = z.infer<typeof budgetsSchema>;

const repoRoot = path.resolve(import.meta.dirname, '../..');

/** The budgets of the repository at `root` (default this one), validated. */
export function readBudgets(root: string = repoRoot): Budgets {
  return readJsonWith(budgetsSchema, path.join(root, BUDGETS_FILE), { shown: BUDGETS_FILE });
}

/**
 * Build time only (reads the environment): whether the finder loads every province's part
 * at once (parts.ts). FINDER_SPLIT_ABOVE sets the registry size above which it loads by place
 * instead; the default is ALL_AT_ONCE. The end-to-end tests' second build sets 0, so the
 * split finder (a place first, the province's part, "near me" across borders) is checked on
 * the shipped content.
 */
import { ALL_AT_ONCE } from './parts.ts';

/** The registry size above which the finder loads by place (FINDER_SPLIT_ABOVE, else ALL_AT_ONCE). */
export function finderSplitAbove(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env['FINDER_SPLIT_ABOVE']?.trim();
  if (raw === undefined || raw === '') return ALL_AT_ONCE;
  if (!/^\d+$/u.test(raw)) throw new Error(`FINDER_SPLIT_ABOVE 应为不小于 0 的整数（机构数），现在是「${raw}」`);
  return Number(raw);
}

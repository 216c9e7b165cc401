/**
 * Build time only (reads the environment): whether this build splits its site search by
 * province (split.ts). SEARCH_SPLIT_ABOVE sets the registry size above which it does; the
 * default is the size above which the finder also loads by place. An operator may lower it
 * (a province-sized registry on a slow network) and the end-to-end tests set 0 to check the
 * split on the shipped content.
 */
import { SPLIT_ABOVE } from './split.ts';

/** The registry size above which the search is split (SEARCH_SPLIT_ABOVE, else SPLIT_ABOVE). */
export function searchSplitAbove(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env['SEARCH_SPLIT_ABOVE']?.trim();
  if (raw === undefined || raw === '') return SPLIT_ABOVE;
  if (!/^\d+$/u.test(raw)) throw new Error(`SEARCH_SPLIT_ABOVE 应为不小于 0 的整数（机构数），现在是「${raw}」`);
  return Number(raw);
}

/** True when a build of a registry with this many records splits its search by province. */
export const searchSplitFor = (records: number, env: NodeJS.ProcessEnv = process.env): boolean => records > searchSplitAbove(env);

/**
 * Build and server side: picks the UI strings an island needs from zh-CN.json, raw, with
 * their {placeholders} (the island fills them in with `translator`, ./island.ts).
 */
import strings from './zh-CN.json' with { type: 'json' };
import type { UiKey } from './index.ts';

const all: Readonly<Record<string, string>> = strings;

/** A key, or a key prefix ending in a dot ('finder.map.') that stands for every key under it. */
export type StringPick = UiKey | `${string}.`;

/**
 * Every string named by `picks`, in the order of zh-CN.json. A named key that does not exist
 * fails the build; a prefix may match nothing.
 */
export function pickStrings(picks: readonly StringPick[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, text] of Object.entries(all)) {
    if (picks.some((k) => (k.endsWith('.') ? key.startsWith(k) : key === k))) out[key] = text;
  }
  for (const k of picks) {
    if (!k.endsWith('.') && out[k] === undefined) throw new Error(`pickStrings: 没有这个 UI 字符串：${k}`);
  }
  return out;
}

/** Message keys (per field) translated for display; an unknown key shows as itself. */
export function translateKeys(keys: Readonly<Record<string, UiKey>> | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(keys ?? {}).map(([field, key]) => [field, all[key] ?? key]));
}

/**
 * Server side: the UI strings an island needs, picked by key prefix from zh-CN.json.
 */
import strings from '../../i18n/zh-CN.json' with { type: 'json' };
import type { UiKey } from '../../i18n/index.ts';

/** Every string whose key starts with one of `prefixes`, plus the named `extra` keys. */
export function pickUiStrings(prefixes: readonly string[], extra: readonly UiKey[] = []): Partial<Record<UiKey, string>> {
  const all = strings as Record<string, string>;
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(all)) if (prefixes.some((p) => key.startsWith(p))) out[key] = value;
  for (const key of extra) {
    const value = all[key];
    if (value !== undefined) out[key] = value;
  }
  return out as Partial<Record<UiKey, string>>;
}

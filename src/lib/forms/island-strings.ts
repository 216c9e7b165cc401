/**
 * Picks the UI strings a form island needs (by key or key prefix) from src/i18n/zh-CN.json,
 * raw, with their {placeholders}: the island fills them in itself. Server/build side only.
 */
import strings from '../../i18n/zh-CN.json' with { type: 'json' };
import type { UiKey } from '../../i18n/index.ts';

const all: Readonly<Record<string, string>> = strings;

/** Every key equal to one of `keys`, or starting with one that ends in a dot. */
export function islandStrings(keys: readonly (UiKey | `${string}.`)[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, text] of Object.entries(all)) {
    if (keys.some((k) => (k.endsWith('.') ? key.startsWith(k) : key === k))) out[key] = text;
  }
  for (const k of keys) {
    if (!k.endsWith('.') && out[k] === undefined) throw new Error(`islandStrings: 没有这个 UI 字符串：${k}`);
  }
  return out;
}

/** Submitted raw fields as island values: strings and lists of strings only. */
export function toIslandValues(raw: Readonly<Record<string, unknown>> | undefined): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [key, value] of Object.entries(raw ?? {})) {
    if (typeof value === 'string') out[key] = value.slice(0, 5000);
    else if (typeof value === 'number' || typeof value === 'boolean')
      out[key] = value === true ? 'yes' : value === false ? '' : String(value);
    else if (Array.isArray(value)) out[key] = value.filter((v): v is string => typeof v === 'string');
  }
  return out;
}

/** Field message keys translated for display. */
export function translatedErrors(errors: Readonly<Record<string, UiKey>> | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(errors ?? {}).map(([field, key]) => [field, all[key] ?? key]));
}

/**
 * UI strings inside the islands. The page passes only the strings an island needs (a
 * few kilobytes) as a prop, so the full zh-CN.json and its validator stay on the server.
 */
import type { UiKey } from '../../i18n/index.ts';

export type IslandStrings = Partial<Record<UiKey, string>>;
export type Translate = (key: UiKey, vars?: Record<string, string | number>) => string;

/** A t() over the strings handed to the island; a missing key shows as itself (and warns). */
export function makeTranslate(strings: IslandStrings): Translate {
  return (key, vars = {}) => {
    const text = strings[key];
    if (text === undefined) {
      console.warn(`missing UI string ${key}`);
      return key;
    }
    return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
      const value = vars[name];
      return value === undefined ? whole : String(value);
    });
  };
}

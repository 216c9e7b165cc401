/**
 * UI strings inside the islands (browser side). The page hands an island only the strings
 * it needs (picked at build time by pickStrings in ./pick.ts), so the browser never
 * downloads the whole zh-CN.json or its validator. Nothing here imports the string table.
 */
import type { UiKey } from './index.ts';

/** The strings an island gets as a prop: key → raw text with its {placeholders}. */
export type IslandStrings<K extends string = UiKey> = Readonly<Partial<Record<K, string>>>;

export type Translate<K extends string = UiKey> = (key: K, vars?: Record<string, string | number>) => string;

/**
 * A t() over the strings handed to an island: fills {name} placeholders (an unfilled one
 * stays as written); a key that was not handed over shows as itself and warns, so a
 * forgotten pick is easy to spot.
 */
export function translator<K extends string = UiKey>(strings: IslandStrings<K>): Translate<K> {
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

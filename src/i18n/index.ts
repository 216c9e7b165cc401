import { z } from 'zod';
import strings from './zh-CN.json' with { type: 'json' };

/** UI strings are a flat map of dotted keys to non-empty text. */
const uiStringsSchema = z.record(
  z.string().regex(/^[a-z][a-zA-Z0-9]*(\.[a-zA-Z0-9]+)+$/, { error: 'UI 字符串的键必须是点分小写形式，例如 nav.home' }),
  z.string().trim().min(1, { error: 'UI 字符串不能为空' }),
);

// Fail at import time (build, tests) rather than showing a blank label to a user.
uiStringsSchema.parse(strings);

export type UiKey = keyof typeof strings;

/**
 * Looks up a UI string and fills `{name}` placeholders.
 * Throws on an unknown placeholder so a half-filled sentence never reaches a page.
 */
export function t(key: UiKey, vars: Record<string, string | number> = {}): string {
  const text: string = strings[key];
  return text.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = vars[name];
    if (value === undefined) throw new Error(`UI 字符串 ${key} 缺少参数 ${name}`);
    return String(value);
  });
}

export { uiStringsSchema };

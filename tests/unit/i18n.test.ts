import { describe, expect, it, vi } from 'vitest';
import { t, uiStringsSchema } from '../../src/i18n/index.ts';
import strings from '../../src/i18n/zh-CN.json' with { type: 'json' };
import { translator } from '../../src/i18n/island.ts';
import { pickStrings, translateKeys } from '../../src/i18n/pick.ts';

describe('UI strings', () => {
  it('fills placeholders', () => {
    expect(t('display.announce.size', { size: '大' })).toBe('文字大小已设为大');
  });

  it('refuses to print a sentence with a missing placeholder', () => {
    expect(() => t('display.announce.size')).toThrow(/缺少参数 size/);
  });

  it('rejects keys that are not dotted and empty texts', () => {
    expect(uiStringsSchema.safeParse({ 'Nav Home': '首页' }).success).toBe(false);
    expect(uiStringsSchema.safeParse({ 'nav.home': '  ' }).success).toBe(false);
    expect(uiStringsSchema.safeParse({ 'nav.home': '首页' }).success).toBe(true);
  });

  it('the shipped strings are valid and written in Chinese', () => {
    expect(uiStringsSchema.safeParse(strings).success).toBe(true);
    const han = /\p{Script=Han}/u;
    // A string with words in it must carry Chinese; pure formatting such as （{n}） is fine.
    const words = (text: string) => /[A-Za-z]{2,}/.test(text.replace(/\{\w+\}/g, ''));
    const notChinese = Object.entries(strings).filter(([key, text]) => words(text) && !han.test(text) && key !== 'meta.ogLocale');
    expect(notChinese).toEqual([]);
  });
});

describe('strings for islands', () => {
  it('picks keys and key prefixes in the order of zh-CN.json, and refuses an unknown key', () => {
    const picked = pickStrings(['finder.retry', 'sample.badge', 'finder.loading']);
    expect(Object.keys(picked)).toEqual(Object.keys(strings).filter((k) => ['finder.retry', 'sample.badge', 'finder.loading'].includes(k)));
    const prefix = pickStrings(['forms.review.']);
    expect(Object.keys(prefix).length).toBeGreaterThan(1);
    expect(Object.keys(prefix).every((k) => k.startsWith('forms.review.'))).toBe(true);
    expect(() => pickStrings(['forms.nope' as 'forms.optional'])).toThrow(/没有这个 UI 字符串/);
  });

  it('translates only what was handed over: placeholders filled, a missing key shows itself', () => {
    const s = translator<string>({ 'a.b': '共 {n} 家，{m}' });
    expect(s('a.b', { n: 3 })).toBe('共 3 家，{m}');
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    expect(s('a.missing')).toBe('a.missing');
    expect(warn).toHaveBeenCalledOnce();
    warn.mockRestore();
  });

  it('translates message keys per field', () => {
    expect(translateKeys({ phone: 'forms.error.invalid' })).toEqual({ phone: strings['forms.error.invalid'] });
  });
});

import { describe, expect, it } from 'vitest';
import { t, uiStringsSchema } from '../../src/i18n/index.ts';
import strings from '../../src/i18n/zh-CN.json' with { type: 'json' };

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

/**
 * The HTML gate (scripts/check-html.ts) catches what the W3C Nu validator reports about
 * <style> in <body>, and the pages no longer have it (issue #13 item 11).
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { STYLE_FIRST_CHILD, siteValidator } from '../../scripts/lib/html-rules.ts';
import { ISLAND_STYLE_TAG, hoistIslandStyles } from '../../src/lib/html/island-styles.ts';

const file = path.resolve('dist/client/test-page/index.html');
const page = (head: string, body: string) =>
  `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>测试</title>${head}</head><body>${body}</body></html>`;

async function ruleIds(html: string): Promise<string[]> {
  const report = await siteValidator().validateString(html, file);
  return report.results.flatMap((r) => r.messages.map((m) => m.ruleId));
}

describe('style in body (W3C Nu: must be the first child of its parent)', () => {
  it('reports a <style> after other content, as Astro writes it before an island', async () => {
    const html = page('', `<main><h1>报名</h1><p>说明</p>${ISLAND_STYLE_TAG}<div>表单</div></main>`);
    expect(await ruleIds(html)).toContain(STYLE_FIRST_CHILD);
  });

  it('reports a <style> after text', async () => {
    expect(await ruleIds(page('', '<main><div>文字<style>p{color:red}</style></div></main>'))).toContain(STYLE_FIRST_CHILD);
  });

  it('accepts a <style> that is the first child (whitespace before it is fine), and one in <head>', async () => {
    expect(await ruleIds(page('', '<main>\n  <style>p{color:red}</style><h1>报名</h1></main>'))).not.toContain(STYLE_FIRST_CHILD);
    expect(await ruleIds(page('<style>p{color:red}</style>', '<main><h1>报名</h1></main>'))).toEqual([]);
  });
});

describe('hoistIslandStyles', () => {
  it('moves Astro’s island style from the body to the end of <head>, once', () => {
    const html = page('', `<main><p>说明</p>${ISLAND_STYLE_TAG}<div>表单</div>${ISLAND_STYLE_TAG}</main>`);
    const out = hoistIslandStyles(html);
    expect(out).toBe(page(ISLAND_STYLE_TAG, '<main><p>说明</p><div>表单</div></main>'));
  });

  it('leaves pages without islands unchanged', () => {
    const html = page('<style>p{color:red}</style>', '<main><p>说明</p></main>');
    expect(hoistIslandStyles(html)).toBe(html);
  });

  it('yields a page the gate accepts', async () => {
    const html = page('', `<main><h1>报名</h1><p>说明</p>${ISLAND_STYLE_TAG}<div>表单</div></main>`);
    expect(await ruleIds(hoistIslandStyles(html))).not.toContain(STYLE_FIRST_CHILD);
  });
});

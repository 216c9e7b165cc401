/**
 * Site search on the built site: the index, the header search box, the /search/ page
 * (keyboard, URL state, filters, highlights, no-JavaScript help, large text), the CSP,
 * and the JavaScript and byte budgets. Search quality is in search-quality.spec.ts.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { test, expect, type Page } from '@playwright/test';
import { clientDir, presetDisplay, sitemapPaths } from './utils.ts';
import { axeViolations } from './axe.ts';
import { readBudgets } from '../../scripts/lib/budgets.ts';

const budgets = readBudgets();
/** JavaScript on /search/ before any query (Pagefind not loaded yet): the search page's page-weight budget. */
const searchJsBudget = budgets.pageWeight.types['search']?.jsGzip;
if (searchJsBudget === undefined) throw new Error('bench/budgets.json: pageWeight.types.search.jsGzip is missing');

const resultList = (page: Page) => page.getByRole('list', { name: '搜索结果' });
const resultLinks = (page: Page) => resultList(page).getByRole('heading', { level: 2 }).getByRole('link');
const pageSearchBox = (page: Page) => page.getByRole('searchbox', { name: '输入要搜索的内容' });

/** Fails the test on script errors and CSP violations (Pagefind uses WebAssembly). */
function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/Failed to load resource.*404/u.test(m.text())) errors.push(`console: ${m.text()}`);
  });
  return errors;
}

test('the build writes one zh-cn Pagefind index', () => {
  const entry = JSON.parse(readFileSync(path.join(clientDir, 'pagefind/pagefind-entry.json'), 'utf8')) as {
    languages: Record<string, { page_count: number }>;
  };
  expect(Object.keys(entry.languages)).toEqual(['zh-cn']);
  expect(entry.languages['zh-cn']?.page_count ?? 0).toBeGreaterThan(10);
});

test('the header search box works from every kind of page', async ({ page }) => {
  // Some twenty page loads and searches: 27 s on a quiet machine, more on a loaded CI one.
  test.setTimeout(120_000);
  const firstOfKind = new Map<string, string>();
  for (const p of sitemapPaths().filter((p) => !p.startsWith('/api/'))) {
    const kind = p.split('/').filter(Boolean)[0] ?? 'home';
    if (!firstOfKind.has(kind)) firstOfKind.set(kind, p);
  }
  for (const start of firstOfKind.values()) {
    await page.goto(start);
    const box = page.getByRole('banner').getByRole('searchbox', { name: '搜索全站' });
    await box.fill('疼痛');
    await box.press('Enter');
    await expect(page, `search from ${start}`).toHaveURL(/\/search\/\?q=%E7%96%BC%E7%97%9B$/u);
    await expect(page.getByRole('status').filter({ hasText: '找到' })).toContainText('「疼痛」');
    await expect(resultLinks(page).first()).toBeVisible();
  }
});

test('results have highlighted excerpts, filters with counts and a URL the back button restores', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/search/?q=%E4%B8%B4%E7%BB%88%E5%85%B3%E6%80%80'); // 临终关怀
  await expect(pageSearchBox(page)).toHaveValue('临终关怀');
  await expect(resultLinks(page).first()).toBeVisible();
  await expect(page.getByText('也搜索了：安宁疗护')).toBeVisible();
  await expect(resultList(page).locator('mark').first()).toHaveText(/安宁疗护|临终关怀/u);
  await expect(page).toHaveTitle(/搜索：临终关怀/u);

  const types = page.getByRole('group', { name: '内容类型' });
  const all = types.getByRole('radio', { name: /^全部（\d+）$/u });
  await expect(all).toBeChecked();
  const guides = types.getByRole('radio', { name: /^指南（\d+）$/u });
  const guideCount = Number((await guides.locator('xpath=..').innerText()).match(/（(\d+)）/u)?.[1]);
  await guides.check();
  await expect(page).toHaveURL(/type=%E6%8C%87%E5%8D%97/u);
  await expect(page.getByRole('status').filter({ hasText: '找到' })).toContainText(`找到 ${guideCount} 条`);
  await expect(resultList(page).getByRole('listitem')).toHaveCount(Math.min(guideCount, 10));
  for (const meta of await resultList(page).locator('.search-result__meta').allInnerTexts()) expect(meta).toMatch(/^指南/u);

  await page.goBack();
  await expect(page).not.toHaveURL(/type=/u);
  await expect(all).toBeChecked();
  expect(errors).toEqual([]);
});

test('search works from the keyboard alone and announces the result count', async ({ page }) => {
  await page.goto('/search/');
  await pageSearchBox(page).focus();
  await page.keyboard.type('老年大学');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\?q=%E8%80%81%E5%B9%B4%E5%A4%A7%E5%AD%A6$/u);
  const status = page.getByRole('status').filter({ hasText: '找到' });
  await expect(status).toHaveAttribute('aria-live', 'polite');
  await expect(status).toContainText(/找到 \d+ 条与「老年大学」相关的结果/u);
  // Tab from the search box reaches the type filter, arrows change it, Tab reaches the results.
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('radio', { name: /^全部/u })).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(page).toHaveURL(/type=/u);
  await expect(page.getByRole('radio', { name: /^全部/u })).not.toBeChecked();
  const first = resultLinks(page).first();
  await expect(first).toBeVisible();
  for (let i = 0; i < 12 && !(await first.evaluate((a) => a === document.activeElement)); i++) await page.keyboard.press('Tab');
  await expect(first).toBeFocused();
});

test('while a person types, the search is prepared but nothing is shown until they press Enter; then the results are the same as a fresh search', async ({
  page,
}) => {
  const errors = watchErrors(page);
  await page.goto('/search/');
  const pagefind: string[] = [];
  page.on('request', (r) => {
    if (r.url().includes('/pagefind/')) pagefind.push(r.url());
  });
  await pageSearchBox(page).focus();
  // An input method commits a word at a time.
  await page.keyboard.insertText('居家');
  await page.keyboard.insertText('护理');
  await expect.poll(() => pagefind.some((u) => u.includes('.pf_fragment')), { message: 'the search ran while typing' }).toBe(true);
  await expect(resultList(page).getByRole('listitem')).toHaveCount(0);
  await expect(page.getByRole('status').filter({ hasText: '找到' })).toHaveCount(0);
  await expect(page).toHaveURL(/\/search\/$/u);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\?q=%E5%B1%85%E5%AE%B6%E6%8A%A4%E7%90%86$/u);
  await expect(page.getByRole('status').filter({ hasText: '找到' })).toContainText('「居家护理」');
  const shown = await resultLinks(page).evaluateAll((links) => links.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
  const fresh = await page.evaluate(() => document.querySelector('anning-search')!.topUrls('居家护理', 10));
  expect(shown).toEqual(fresh.map((u) => new URL(u, 'http://site.test').pathname));
  // Words changed after the last pause are searched afresh, not served from the earlier run.
  await pageSearchBox(page).fill('止痛');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: '找到' })).toContainText('「止痛」');
  expect(errors).toEqual([]);
});

test('"more results" adds the next page and moves focus to it', async ({ page }) => {
  await page.goto('/search/?q=%E5%AE%89%E5%AE%81%E7%96%97%E6%8A%A4'); // 安宁疗护
  await expect(resultList(page).getByRole('listitem')).toHaveCount(10);
  await page.getByRole('button', { name: '显示更多结果' }).click();
  await expect(resultList(page).getByRole('listitem')).toHaveCount(20);
  await expect(resultLinks(page).nth(10)).toBeFocused();
});

test('when no page has every word, pages with some of them are shown and the status says so', async ({ page }) => {
  await page.goto('/search/?q=%E8%92%B2%E9%BB%84%E6%A6%86%20%E5%B0%8F%E5%AD%A6'); // 蒲黄榆 小学
  await expect(page.getByRole('status').filter({ hasText: '没有同时包含所有词' })).toBeVisible();
  await expect(resultLinks(page).filter({ hasText: '蒲黄榆' }).first()).toBeVisible();
});

test('a search without results says so and offers the finder and catalogs', async ({ page }) => {
  await page.goto('/search/?q=zzqqxxyy');
  await expect(page.getByText('没有找到与「zzqqxxyy」相关的内容')).toBeVisible();
  await expect(page.getByRole('main').getByRole('link', { name: /查找安宁疗护服务/u })).toHaveAttribute('href', '/services/');
});

test('without JavaScript the search page says so and links to the finder, courses, guides and regions', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto('/search/?q=%E7%96%BC%E7%97%9B');
  const main = page.getByRole('main');
  await expect(main.getByText('搜索需要浏览器开启 JavaScript')).toBeVisible();
  const help = main.getByRole('list', { name: '不用搜索也能找到的页面' }).first();
  for (const href of ['/services/', '/courses/', '/guides/', '/regions/110000/', '/regions/330000/']) {
    await expect(help.locator(`a[href="${href}"]`)).toBeVisible();
  }
  await context.close();
});

test('with JavaScript the no-JavaScript help takes no room, and comes back if the search script never arrives', async ({ page }) => {
  test.setTimeout(90_000); // two eight-second waits: 20 s on a quiet machine
  // The search script fails to load (a network failure): the help returns after eight seconds.
  await page.route(/\/_astro\/SearchApp[^/]*\.js$/u, (route) => route.abort());
  await page.goto('/search/?q=%E7%96%BC%E7%97%9B');
  const help = page.getByRole('main').getByText('搜索需要浏览器开启 JavaScript');
  await expect(help).toBeHidden();
  await expect(help).toBeVisible({ timeout: 15_000 });
  // With the script, it never shows (it used to fill the page until the script ran, then vanish: a layout shift).
  await page.unrouteAll();
  await page.goto('/search/?q=%E7%96%BC%E7%97%9B');
  await expect(resultLinks(page).first()).toBeVisible();
  await page.waitForTimeout(8_500);
  await expect(help).toBeHidden();
});

test('Pagefind loads only on the search page, after the page, within the byte budgets, under the CSP', async ({ page, browser }) => {
  const errors = watchErrors(page);
  const pagefindRequests: string[] = [];
  page.on('request', (r) => {
    if (r.url().includes('/pagefind/')) pagefindRequests.push(r.url());
  });
  await page.goto('/');
  await page.waitForLoadState('networkidle');
  expect(pagefindRequests, 'no Pagefind on the home page').toEqual([]);

  const scripts: Promise<number>[] = [];
  page.on('response', (r) => {
    if (r.request().resourceType() === 'script' && !r.url().includes('/pagefind/')) scripts.push(r.body().then((b) => gzipSync(b).length));
  });
  await page.goto('/search/');
  await page.waitForLoadState('networkidle');
  expect(pagefindRequests, 'Pagefind waits for a query').toEqual([]);
  const jsGzip = (await Promise.all(scripts)).reduce((sum, n) => sum + n, 0);
  console.log(`搜索页查询前的 JavaScript：${(jsGzip / 1024).toFixed(1)} KB（gzip）`);
  expect(jsGzip).toBeLessThanOrEqual(searchJsBudget);
  await expect(page.locator('meta[http-equiv="content-security-policy"]')).toHaveAttribute('content', /script-src[^;]*'wasm-unsafe-eval'/u);

  for (const q of ['疼痛', '临终关怀', '朝阳区', '老年大学 课程']) {
    // A new context each time: nothing cached, as for a first visit.
    const context = await browser.newContext();
    const fresh = await context.newPage();
    const freshErrors = watchErrors(fresh);
    // Bytes over the wire, as bench/lib/browser.ts counts them: the server gzips text
    // (pagefind.js), Pagefind's index files are gzip files already.
    const sizes: Promise<number>[] = [];
    fresh.on('response', (r) => {
      if (r.url().includes('/pagefind/')) sizes.push(r.finished().then(async () => (await r.request().sizes()).responseBodySize));
    });
    await fresh.goto(`/search/?q=${encodeURIComponent(q)}`);
    await expect(resultLinks(fresh).first()).toBeVisible();
    await fresh.waitForLoadState('networkidle');
    const bytes = (await Promise.all(sizes)).reduce((a, b) => a + b, 0);
    console.log(`首次搜索「${q}」下载：${(bytes / 1024).toFixed(1)} KB（${sizes.length} 个文件）`);
    expect(bytes, `first query 「${q}」`).toBeLessThanOrEqual(budgets.browser.searchFirstQueryBytes);
    expect(freshErrors).toEqual([]);
    await context.close();
  }
  expect(errors).toEqual([]);
});

test('search files with a brotli copy go as brotli to browsers that accept it and gzip to others, the same data either way', async ({
  request,
}) => {
  const entry = JSON.parse(readFileSync(path.join(clientDir, 'pagefind/pagefind-entry.json'), 'utf8')) as {
    languages: Record<string, { hash: string }>;
  };
  const meta = `/pagefind/pagefind.${entry.languages['zh-cn']?.hash ?? ''}.pf_meta`;
  for (const file of ['/pagefind/wasm.unknown.pagefind', meta]) {
    const br = await request.get(file, { headers: { 'accept-encoding': 'br' } });
    expect(br.status(), file).toBe(200);
    expect(br.headers()['content-encoding'], file).toBe('br');
    expect(br.headers()['vary'], file).toMatch(/accept-encoding/iu);
    const plain = await request.get(file, { headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers()['content-encoding'], file).toBeUndefined();
    expect(plain.headers()['vary'], file).toMatch(/accept-encoding/iu);
    // The copy arrives unpacked by the HTTP layer; the original is Pagefind's gzip, unpacked by its script.
    expect(Buffer.compare(await br.body(), gunzipSync(await plain.body())), file).toBe(0);
    expect((await br.body()).subarray(0, 12).toString(), file).toBe('pagefind_dcd');
  }
});

test('sample institutions carry the 示例 badge in results', async ({ page }) => {
  // A sample's exact name: the one query where a sample comes first (real pages outrank samples otherwise).
  await page.goto(`/search/?q=${encodeURIComponent('丰台区示例护理院（示例）')}`);
  const first = resultList(page).getByRole('listitem').first();
  await expect(first.locator('.badge-sample')).toHaveText('示例');
});

for (const mode of ['standard', 'large'] as const) {
  test(`the results page has no WCAG 2.2 AA violations and its content fits 320 px (${mode})`, async ({ page }) => {
    if (mode === 'large') await presetDisplay(page, { size: 'xlarge' });
    await page.setViewportSize({ width: 320, height: 800 });
    await page.goto('/search/?q=%E5%B1%85%E5%AE%B6'); // 居家
    await expect(resultLinks(page).first()).toBeVisible();
    // The page content; the header's own layout is checked site-wide in frame.spec.ts.
    const overflow = await page.evaluate(
      () =>
        Math.max(...[...document.querySelectorAll('main *')].map((el) => el.getBoundingClientRect().right)) -
        document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    expect(await axeViolations(page)).toEqual([]);
  });
}

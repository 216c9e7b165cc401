/**
 * Site search split by province (issue #20; lib/search/split.ts), on the shared second build
 * (scripts/lib/fixture-build.ts), which splits at any size (SEARCH_SPLIT_ABOVE 0) and shows
 * only the real institutions: a person who chooses a province, or names one in the query, gets
 * that province's institutions with the guides and courses; without a province they get the
 * site's pages and are told how to find institutions; a search from an institution page looks
 * in its province.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { test, expect, type Page } from '@playwright/test';
import { FIXTURE_DIST_DIR } from '../../scripts/lib/fixture-build.ts';
import { axeViolations } from './axe.ts';
import { useFixtureServer } from './fixture-server.ts';

const url = useFixtureServer();

const resultLinks = (page: Page) => page.getByRole('list', { name: '搜索结果' }).getByRole('heading', { level: 2 }).getByRole('link');
const province = (page: Page) => page.getByRole('combobox', { name: '在哪个省份找机构' });

/** Every result's address, once the results are on screen (all pages of them). */
async function resultHrefs(page: Page): Promise<string[]> {
  await expect(page.getByRole('status').filter({ hasText: '找到' })).toBeVisible();
  const more = page.getByRole('button', { name: '显示更多结果' });
  for (let shown = await resultLinks(page).count(); await more.isVisible(); shown = await resultLinks(page).count()) {
    await more.click();
    // The next page is appended once its fragments are in; the button hides after the last.
    await expect.poll(() => resultLinks(page).count()).toBeGreaterThan(shown);
  }
  return resultLinks(page).evaluateAll((links) => links.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
}

test('the build writes a site index and one index per province with institutions', () => {
  const pagefind = path.join(FIXTURE_DIST_DIR, 'client/pagefind');
  for (const folder of ['', 'p/110000/', 'p/330000/'])
    expect(existsSync(path.join(pagefind, folder, 'pagefind-entry.json')), folder).toBe(true);
  expect(existsSync(path.join(pagefind, 'p/310000/'))).toBe(false);
});

test("with a province chosen, that province's institutions are found beside the guides, and no other province's", async ({ page }) => {
  await page.goto(url('/search/?q=%E5%AE%89%E5%AE%81%E7%96%97%E6%8A%A4&province=330000'));
  await expect(province(page)).toHaveValue('330000');
  const hrefs = await resultHrefs(page);
  expect(hrefs).toContain('/services/zj-zhejiang-hospital/');
  expect(hrefs.some((h) => h.startsWith('/guides/'))).toBe(true);
  expect(hrefs.filter((h) => h.startsWith('/services/bj-'))).toEqual([]);
  await expect(page.getByText('机构和市县页面只搜了浙江省')).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);

  // Choosing another province and searching again looks there instead.
  await province(page).selectOption({ label: '北京市' });
  await page.getByRole('search', { name: '本页搜索' }).getByRole('button', { name: '搜索' }).click();
  await expect(page).toHaveURL(/province=110000/u);
  const beijing = await resultHrefs(page);
  expect(beijing.some((h) => h.startsWith('/services/bj-'))).toBe(true);
  expect(beijing.filter((h) => h.startsWith('/services/zj-'))).toEqual([]);
});

test('a query that names a province or city searches there without choosing', async ({ page }) => {
  await page.goto(url(`/search/?q=${encodeURIComponent('温州 安宁疗护')}`));
  await expect(province(page)).toHaveValue('330000');
  expect(await resultHrefs(page)).toContain('/services/zj-wenzhou-central/');
});

test('without a province, the guides and courses are found and the page says how to find institutions', async ({ page }) => {
  await page.goto(url('/search/?q=%E7%96%BC%E7%97%9B'));
  const hrefs = await resultHrefs(page);
  expect(hrefs.some((h) => h.startsWith('/guides/'))).toBe(true);
  expect(hrefs.filter((h) => h.startsWith('/services/'))).toEqual([]);
  await expect(province(page)).toHaveValue('');
  await expect(page.getByText('要找机构，请在上面选一个省份')).toBeVisible();
});

test("the header search on an institution page looks in the institution's province", async ({ page }) => {
  await page.goto(url('/services/bj-pumch/'));
  const box = page.getByRole('banner').getByRole('searchbox', { name: '搜索全站' });
  await box.fill('安宁疗护');
  await box.press('Enter');
  await expect(page).toHaveURL(/\/search\/\?q=.+&province=110000$/u);
  await expect(province(page)).toHaveValue('110000');
  expect((await resultHrefs(page)).some((h) => h.startsWith('/services/bj-'))).toBe(true);
});

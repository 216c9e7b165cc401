/**
 * The finder loading by place (issue #20; src/lib/finder/parts.ts), on the shared second build
 * (scripts/lib/fixture-build.ts), which splits the finder at any size (FINDER_SPLIT_ABOVE 0) as
 * a national registry's is: without a place it fetches the overview only (provinces and cities)
 * and asks for a place; a chosen city or county loads its province's part, which brings that
 * province's counties; another province's county is found after choosing that province, from
 * the picker and from the address; "near me" loads the province around the person.
 */
import { test, expect, type Page } from '@playwright/test';
import { useFixtureServer } from './fixture-server.ts';

const url = useFixtureServer();

const isLocal = (u: string) => ['localhost', '127.0.0.1'].includes(new URL(u).hostname) || u.startsWith('data:');

/** The finder data files the page fetches (path without the version). */
async function watchFinderData(page: Page): Promise<string[]> {
  const fetched: string[] = [];
  await page.route(
    (u) => !isLocal(u.href),
    (route) => route.abort(),
  );
  page.on('request', (r) => {
    const p = new URL(r.url()).pathname;
    if (p.startsWith('/data/finder/')) fetched.push(p.replace('/data/finder/', ''));
  });
  return fetched;
}

const city = (page: Page) => page.getByLabel('城市', { exact: true });
const county = (page: Page) => page.getByLabel('区县', { exact: true });
const status = (page: Page) => page.locator('.fr-head [role="status"]');
const resultLinks = (page: Page) => page.locator('.fr-list article h3 a');

async function hrefs(page: Page): Promise<string[]> {
  return resultLinks(page).evaluateAll((links) => links.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
}

test('without a place: the overview only, the cities offered, a place asked for', async ({ page }) => {
  const fetched = await watchFinderData(page);
  await page.goto(url('/services/'));
  await expect(status(page)).toContainText('请先在上面选择城市和区县');
  await expect(city(page).locator('option', { hasText: '杭州市' })).toHaveCount(1);
  await expect(county(page)).toBeDisabled();
  await expect(resultLinks(page)).toHaveCount(0);
  expect(fetched).toEqual(['overview.json']);
});

test("a city loads its province's part and counties; another province's county is found after choosing it", async ({ page }) => {
  const fetched = await watchFinderData(page);
  await page.goto(url('/services/'));
  await city(page).selectOption({ label: '杭州市' });
  await expect(page).toHaveURL(/city=330100/);
  // The county picker fills from Zhejiang's part.
  await county(page).selectOption({ label: '西湖区' });
  await expect(page).toHaveURL(/county=330106/);
  await expect(status(page)).toContainText('浙江省杭州市西湖区');
  await expect(resultLinks(page).first()).toBeVisible();
  expect((await hrefs(page)).every((h) => h.startsWith('/services/zj-'))).toBe(true);
  expect(fetched).toEqual(['overview.json', '330000.json']);

  // Beijing: its districts come with its part.
  await city(page).selectOption({ label: '北京市' });
  await county(page).selectOption({ label: '东城区' });
  await expect(page).toHaveURL(/county=110101/);
  await expect(status(page)).toContainText('北京市东城区');
  await expect(resultLinks(page).first()).toBeVisible();
  expect((await hrefs(page)).every((h) => h.startsWith('/services/bj-'))).toBe(true);
  expect(fetched.sort()).toEqual(['110000.json', '330000.json', 'overview.json']);

  // Back to Zhejiang: its part is kept.
  await page.goBack();
  await page.goBack();
  await expect(page).toHaveURL(/county=330106/);
  await expect(status(page)).toContainText('浙江省杭州市西湖区');
  expect(fetched).toHaveLength(3);
});

test('a county in the address loads its province at once', async ({ page }) => {
  const fetched = await watchFinderData(page);
  await page.goto(url('/services/?county=110105'));
  await expect(status(page)).toContainText('北京市朝阳区');
  await expect(county(page)).toHaveValue('110105');
  await expect(resultLinks(page).first()).toBeVisible();
  expect((await hrefs(page)).every((h) => h.startsWith('/services/bj-'))).toBe(true);
  expect(fetched.sort()).toEqual(['110000.json', 'overview.json']);
});

test('"near me" loads the province around the person, and only it', async ({ browser }) => {
  const context = await browser.newContext({
    geolocation: { latitude: 30.26, longitude: 120.13 },
    permissions: ['geolocation'],
    locale: 'zh-CN',
  });
  const page = await context.newPage();
  const fetched = await watchFinderData(page);
  await page.goto(url('/services/?near=me'));
  await expect(page.getByText(/已按您的位置查找（大约在浙江省杭州市西湖区附近）/)).toBeVisible();
  await expect(status(page)).toContainText('您的位置');
  await expect(resultLinks(page).first()).toBeVisible();
  expect((await hrefs(page)).every((h) => h.startsWith('/services/zj-'))).toBe(true);
  expect(fetched.sort()).toEqual(['330000.json', 'overview.json']);
  await context.close();
});

/**
 * The service finder, region pages and institution pages, as a family uses them.
 * No network here: every request leaving localhost (map tiles) is intercepted.
 * The standard build uses the default tile provider (osm); tests that need "no tiles"
 * use the runtime override ?tiles=none, which only ever lowers the provider.
 */
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { test, expect, type Page, type Response } from '@playwright/test';
import { clientDir, presetDisplay, sitemapPaths } from './utils.ts';
import { axeViolations } from './axe.ts';
import { loadRegions } from '../../src/lib/registry/load.ts';

const isLocal = (url: string) => ['localhost', '127.0.0.1'].includes(new URL(url).hostname) || url.startsWith('data:');

/** Abort everything that would leave the machine (tiles), recording what was asked for. */
async function blockExternal(page: Page): Promise<string[]> {
  const external: string[] = [];
  page.on('request', (r) => {
    if (!isLocal(r.url())) external.push(r.url());
  });
  await page.route(
    (url) => !isLocal(url.href),
    (route) => route.abort(),
  );
  return external;
}

const countStatus = (page: Page) => page.getByRole('status').filter({ hasText: '家机构' });
const results = (page: Page) =>
  page
    .getByRole('list')
    .filter({ has: page.getByRole('article') })
    .getByRole('article');

/** Distances (km) of the visible results, in order (the exact value each "约 X 公里" rounds). */
async function distances(page: Page): Promise<number[]> {
  const values = await page.locator('.fr-km').evaluateAll((els) => els.map((el) => el.getAttribute('data-km') ?? 'NaN'));
  return values.map(Number);
}

function countOf(text: string | null): number {
  return Number(/(\d+) 家机构/.exec(text ?? '')?.[1] ?? -1);
}

test.beforeEach(async ({ page }) => {
  await blockExternal(page);
});

test('choose a county → nearest first → open one → how to call', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('main').getByRole('link', { name: '开始查找' }).click();
  await expect(page).toHaveURL(/\/services\/$/);
  await page.getByLabel('城市', { exact: true }).selectOption({ label: '北京市' });
  await page.getByLabel('区县', { exact: true }).selectOption({ label: '东城区' });
  await expect(page).toHaveURL(/county=110101/);
  await expect(countStatus(page)).toContainText('北京市东城区');

  // Sourced records come before samples; each part nearest first.
  const km = await distances(page);
  expect(km.length).toBeGreaterThan(5);
  const sample = await results(page).evaluateAll((items) => items.map((a) => a.querySelector('.badge-sample') !== null));
  const firstSample = sample.indexOf(true);
  expect(sample.slice(firstSample).every(Boolean)).toBe(true);
  expect(km.every((d, i) => i === 0 || i === firstSample || d >= (km[i - 1] ?? 0))).toBe(true);

  const first = results(page).first();
  await expect(first.getByText('示例', { exact: true })).toHaveCount(0);
  const name = (await first.getByRole('heading').textContent())?.trim() ?? '';
  await first.getByRole('link', { name }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
  const call = page.getByRole('region', { name: '联系' });
  const tel = call.getByRole('link', { name: /^拨打电话/ });
  if ((await tel.count()) > 0) await expect(tel.first()).toHaveAttribute('href', /^tel:\d/);
  else await expect(call).toContainText('请致电医院总机核实');
  await expect(page.getByRole('link', { name: '报告信息有误' }).first()).toBeVisible();
});

test('a result with a known phone has a tap-to-call button', async ({ page }) => {
  // The registry has no published phone numbers yet: give one record a phone in the index.
  await page.route('**/data/finder/110000.json*', async (route) => {
    const response = await route.fetch();
    const json = (await response.json()) as { id: string[]; ph: unknown[] };
    const i = json.id.indexOf('bj-pumch');
    json.ph[i] = [['总机', '010-69156114']];
    await route.fulfill({ response, json });
  });
  await page.goto('/services/?county=110101');
  const item = results(page).filter({ hasText: '北京协和医院' });
  await expect(item.getByRole('link', { name: /拨打电话\s*010.\s*69156114\s*总机/ })).toHaveAttribute('href', 'tel:01069156114');
  // A sample record never shows a phone, and says why.
  await expect(results(page).filter({ hasText: '（示例）' }).first()).toContainText('示例机构，没有真实电话');
});

test('filters narrow the list, live in the URL, survive a reload and go back', async ({ page }) => {
  await page.goto('/services/?county=330106');
  await expect(countStatus(page)).toContainText('找到');
  const all = countOf(await countStatus(page).textContent());
  // The count on screen (hidden from screen readers, which hear the status) says the same.
  await expect(page.locator('.fr-count')).toHaveText((await countStatus(page).textContent()) ?? '');
  const filters = page.locator('details.fc');
  if ((await filters.getAttribute('open')) === null) await page.getByText('筛选条件').click();

  await page.getByRole('checkbox', { name: '住院（安宁疗护病房）' }).check();
  await expect(page).toHaveURL(/mode=%E4%BD%8F%E9%99%A2/);
  await expect.poll(async () => countOf(await countStatus(page).textContent())).toBeLessThan(all);
  const inpatient = countOf(await countStatus(page).textContent());

  await page.getByRole('checkbox', { name: '只看已核实机构' }).check();
  await expect(page).toHaveURL(/verified=1/);
  await expect.poll(async () => countOf(await countStatus(page).textContent())).toBeLessThan(inpatient);
  const verified = countOf(await countStatus(page).textContent());
  await expect(results(page).getByText('示例', { exact: true })).toHaveCount(0);

  await page.reload();
  await expect(page.getByRole('checkbox', { name: '住院（安宁疗护病房）' })).toBeChecked();
  await expect(page.getByRole('checkbox', { name: '只看已核实机构' })).toBeChecked();
  await expect.poll(async () => countOf(await countStatus(page).textContent())).toBe(verified);

  await page.goBack();
  await expect(page).not.toHaveURL(/verified=1/);
  await expect(page.getByRole('checkbox', { name: '只看已核实机构' })).not.toBeChecked();
  await expect.poll(async () => countOf(await countStatus(page).textContent())).toBe(inpatient);

  // Text filter (name, aliases, address).
  await page.getByLabel('按名称或地址查找').fill('浙江医院');
  await expect(page).toHaveURL(/q=/);
  await expect(results(page)).toHaveCount(1);
});

test('quick filter changes each keep their own history entry: the address catches up and Back undoes them one by one', async ({ page }) => {
  await page.goto('/services/?county=330106');
  await expect(countStatus(page)).toContainText('找到');
  if ((await page.locator('details.fc').getAttribute('open')) === null) await page.getByText('筛选条件').click();
  const inpatient = page.getByRole('checkbox', { name: '住院（安宁疗护病房）' });
  const verified = page.getByRole('checkbox', { name: '只看已核实机构' });

  // Two ticks before the address is written (it follows once the page is idle): the finder
  // shows both at once, and the address then holds both as two entries.
  await page.evaluate(async () => {
    const box = (name: string) =>
      [...document.querySelectorAll<HTMLLabelElement>('.fc label, .fc-verified label')]
        .find((l) => l.textContent?.includes(name))
        ?.querySelector('input');
    box('住院（安宁疗护病房）')?.click();
    await Promise.resolve(); // the finder re-renders in a microtask; the second tick sees the first
    box('只看已核实机构')?.click();
  });
  await expect(inpatient).toBeChecked();
  await expect(verified).toBeChecked();
  await expect(page).toHaveURL(/mode=%E4%BD%8F%E9%99%A2.*verified=1/);

  await page.goBack();
  await expect(page).toHaveURL(/mode=%E4%BD%8F%E9%99%A2/);
  await expect(page).not.toHaveURL(/verified=1/);
  await expect(verified).not.toBeChecked();
  await expect(inpatient).toBeChecked();

  await page.goBack();
  await expect(page).toHaveURL(/\/services\/\?county=330106$/);
  await expect(inpatient).not.toBeChecked();
});

test('"near me" asks for the location at once and sorts from there', async ({ browser }) => {
  const context = await browser.newContext({
    geolocation: { latitude: 30.26, longitude: 120.13 },
    permissions: ['geolocation'],
    locale: 'zh-CN',
  });
  const page = await context.newPage();
  await blockExternal(page);
  await page.goto('/');
  await page.getByRole('main').getByRole('link', { name: '查找我附近的服务' }).click();
  await expect(page.getByText(/已按您的位置查找（大约在浙江省杭州市西湖区附近）/)).toBeVisible();
  await expect(countStatus(page)).toContainText('您的位置');
  const km = await distances(page);
  expect(km[0]).toBeLessThan(2);
  await context.close();
});

test('without permission for the location the picker takes over', async ({ browser }) => {
  const context = await browser.newContext({ permissions: [], locale: 'zh-CN' });
  const page = await context.newPage();
  await blockExternal(page);
  await page.goto('/services/');
  await page.getByRole('button', { name: '使用我的位置' }).click();
  await expect(page.getByText(/请在下面选择城市和区县/)).toBeVisible();
  await expect(page.getByLabel('城市', { exact: true })).toBeFocused();
  await context.close();
});

test('the shortlist survives navigation and prints as a contact card', async ({ page }) => {
  await page.goto('/services/?county=330106');
  const items = results(page);
  await items
    .nth(0)
    .getByRole('button', { name: /^加入对比清单/ })
    .click();
  await items
    .nth(1)
    .getByRole('button', { name: /^加入对比清单/ })
    .click();
  await expect(items.nth(0).getByRole('button', { name: /^已加入对比清单/ })).toBeVisible();
  const names = [
    (await items.nth(0).getByRole('heading').getByRole('link').textContent()) ?? '',
    (await items.nth(1).getByRole('heading').getByRole('link').textContent()) ?? '',
  ];

  await items.nth(0).getByRole('heading').getByRole('link').click();
  await expect(page.getByRole('button', { name: /^已加入对比清单/ })).toBeVisible();
  await page.getByRole('link', { name: '查看对比清单' }).click();
  await expect(page).toHaveURL(/\/services\/shortlist\/$/);
  const card = page.getByRole('region', { name: '安宁疗护机构联络卡' });
  for (const n of names) await expect(card.getByRole('link', { name: n, exact: true })).toBeVisible();
  await expect(card.getByRole('button', { name: /^移除/ })).toHaveCount(2);
  await card.getByRole('button', { name: /^移除/ }).first().click();
  await expect(card.getByRole('button', { name: /^移除/ })).toHaveCount(1);
  await page.goto('/services/');
  await expect(page.getByRole('link', { name: '对比清单（1 家）' })).toBeVisible();
});

test('the map with no tiles makes no request outside localhost and follows the list', async ({ page }) => {
  const external = await blockExternal(page);
  await page.goto('/services/?county=330106&map=1&tiles=none');
  const map = page.getByRole('region', { name: '机构地图' });
  await expect(map.locator('.leaflet-marker-icon').first()).toBeVisible();
  // Markers are keyboard buttons with the institution's name; samples look different.
  await expect(map.getByRole('button', { name: /（示例）$/ }).first()).toBeVisible();
  await expect(map.locator('.fm-marker--sample').first()).toBeVisible();

  // Choosing a list item highlights its marker, and the reverse.
  await results(page)
    .nth(1)
    .getByRole('button', { name: /^在地图上查看/ })
    .click();
  await expect(map.locator('.fm-marker--selected')).toHaveCount(1);
  await expect(map.locator('.leaflet-popup')).toBeVisible();
  const marker = map.locator('.fm-marker:not(.fm-marker--selected)').first();
  await marker.focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('.fr-item.is-selected')).toHaveCount(1);

  // Markers follow the filters.
  const before = await map.locator('.leaflet-marker-icon').count();
  await page.getByLabel('按名称或地址查找').fill('浙江医院');
  await expect.poll(() => map.locator('.fm-marker').count()).toBe(1);
  expect(before).toBeGreaterThan(1);
  expect(external).toEqual([]);
});

test('when tiles fail the finder says so once and the list keeps working', async ({ page }) => {
  await page.goto('/services/?county=330106');
  await page.getByRole('button', { name: '显示地图' }).click();
  await expect(page).toHaveURL(/map=1/);
  const notice = page.getByText('地图底图没能载入（可能是网络问题）。标记和列表仍可正常使用。');
  await expect(notice).toBeVisible();
  await expect(notice).toHaveCount(1);
  await page.getByLabel('按名称或地址查找').fill('浙江医院');
  await expect(results(page)).toHaveCount(1);
  await page.getByRole('button', { name: '隐藏地图' }).click();
  await expect(page.getByRole('region', { name: '机构地图' })).toHaveCount(0);
});

test('the Leaflet stylesheet and script load only with the map', async ({ page }) => {
  const loaded: string[] = [];
  page.on('response', (r) => loaded.push(r.url()));
  await page.goto('/services/?county=330106');
  await expect(countStatus(page)).toContainText('找到');
  expect(loaded.filter((u) => /leaflet/i.test(u))).toEqual([]);
  await page.getByRole('button', { name: '显示地图' }).click();
  await expect(page.locator('.leaflet-container')).toBeVisible();
  expect(loaded.filter((u) => /leaflet.*\.css/i.test(u)).length).toBeGreaterThan(0);
});

for (const mode of ['standard', 'large'] as const) {
  test(`axe: finder with the map shown has no violations (${mode})`, async ({ page }) => {
    if (mode === 'large') await presetDisplay(page, { size: 'large' });
    await page.goto('/services/?county=330106&map=1&tiles=none&mode=住院');
    await expect(page.getByRole('region', { name: '机构地图' }).locator('.fm-marker, .fm-cluster').first()).toBeVisible();
    await results(page)
      .first()
      .getByRole('button', { name: /^在地图上查看/ })
      .click();
    await expect(page.locator('.leaflet-popup')).toBeVisible({ timeout: 15_000 });
    expect(await axeViolations(page)).toEqual([]);
  });
}

test('axe: the contact card with saved institutions, a city page and a record without known services', async ({ page }) => {
  await page.addInitScript(() =>
    localStorage.setItem('anning.shortlist', JSON.stringify(['bj-pumch', 'sample-330106', 'zj-zhejiang-hospital'])),
  );
  for (const p of ['/services/shortlist/', '/regions/330100/', '/services/bj-beijing-hospital/']) {
    await page.goto(p);
    if (p.includes('shortlist')) await expect(page.getByRole('region', { name: '安宁疗护机构联络卡' })).toBeVisible();
    expect(await axeViolations(page), `axe violations on ${p}`).toEqual([]);
  }
});

/** Gzip size of every script the page loaded, plus its inline scripts (JSON-LD is data, not code). */
function scriptBytes(page: Page): () => Promise<number> {
  const responses: Response[] = [];
  page.on('response', (r) => {
    if (r.request().resourceType() === 'script' && isLocal(r.url())) responses.push(r);
  });
  return async () => {
    let total = 0;
    for (const r of responses) total += gzipSync(await r.body()).length;
    const inline = await page.evaluate(() =>
      [...document.querySelectorAll('script:not([src])')]
        .filter((s) => s.getAttribute('type') !== 'application/ld+json')
        .map((s) => s.textContent ?? ''),
    );
    for (const code of inline) total += gzipSync(code).length;
    return total;
  };
}

for (const [name, viewport, size] of [
  ['a phone', { width: 412, height: 823 }, undefined],
  ['a wide screen', { width: 1280, height: 900 }, undefined],
  ['a wide screen with extra-large text', { width: 1280, height: 900 }, 'xlarge'],
] as const) {
  test(`nothing on the finder page jumps while the finder appears and fills (${name})`, async ({ page }) => {
    await page.setViewportSize(viewport);
    if (size !== undefined) await presetDisplay(page, { size });
    await page.addInitScript(() => {
      const w = window as unknown as { shifts: number[] };
      w.shifts = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean })[])
          if (!e.hadRecentInput) w.shifts.push(e.value);
      }).observe({ type: 'layout-shift', buffered: true });
    });
    await page.goto('/services/?county=330106');
    await expect(countStatus(page)).toContainText('找到'); // the count fills in last
    await page.waitForTimeout(300);
    const shifts = await page.evaluate(() => (window as unknown as { shifts: number[] }).shifts);
    // Before the finder kept its room the footer jumped: 0.14 on a phone, 0.5 on a wide screen.
    expect(shifts.reduce((a, b) => a + b, 0)).toBeLessThan(0.02);
  });
}

test('JavaScript budgets: finder with map ≤ 100 KB gzip, region and institution pages ≤ 10 KB', async ({ page }) => {
  let measure = scriptBytes(page);
  await page.goto('/services/?county=330106&map=1&tiles=none');
  await expect(page.locator('.fm-marker, .fm-cluster').first()).toBeVisible();
  const finder = await measure();
  for (const p of ['/regions/330106/', '/services/bj-pumch/']) {
    await page.goto('about:blank');
    measure = scriptBytes(page);
    await page.goto(p);
    await page.waitForLoadState('networkidle');
    const bytes = await measure();
    console.log(`${p}: ${(bytes / 1024).toFixed(1)} KB JS gzip`);
    expect(bytes, p).toBeLessThanOrEqual(10 * 1024);
  }
  console.log(`/services/ with the map: ${(finder / 1024).toFixed(1)} KB JS gzip`);
  expect(finder).toBeLessThanOrEqual(100 * 1024);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the finder page leads through region pages to an institution and its phone facts', async ({ page }) => {
    await page.goto('/services/');
    await page
      .getByRole('link', { name: /^浙江省（\d+ 家）$/ })
      .first()
      .click();
    await expect(page).toHaveURL(/\/regions\/330000\/$/);
    await page.getByRole('link', { name: /^杭州市（\d+ 家）$/ }).click();
    await expect(page).toHaveURL(/\/regions\/330100\/$/);
    await page
      .getByRole('link', { name: /^西湖区（\d+ 家）$/ })
      .first()
      .click();
    await expect(page).toHaveURL(/\/regions\/330106\/$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('浙江省杭州市西湖区的安宁疗护服务');
    const list = page
      .getByRole('main')
      .getByRole('listitem')
      .filter({ has: page.getByRole('heading', { level: 3 }) });
    await expect(list.first()).toContainText('服务方式：');
    await expect(list.first()).toContainText(/示例机构，没有真实电话|请致电医院总机核实|拨打/);
    await expect(page.getByRole('link', { name: '按距离查找西湖区附近的服务（可筛选）' })).toHaveAttribute(
      'href',
      '/services/?county=330106',
    );
    await expect(page.getByRole('link', { name: '杭州市' }).first()).toBeVisible();
    await list.first().getByRole('heading').getByRole('link').click();
    await expect(page).toHaveURL(/\/services\/[a-z0-9-]+\/$/);
    await expect(page.getByRole('heading', { name: '提供的服务与怎样获得' })).toBeVisible();
    await expect(page.getByRole('heading', { name: '位置与路线' })).toBeVisible();
  });

  test('an institution page states everything plainly, with directions and JSON-LD', async ({ page }) => {
    await page.goto('/services/bj-pumch/');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('北京协和医院');
    await expect(page.getByText('请致电医院总机核实').first()).toBeVisible();
    await expect(page.getByText('注意：本站只知道机构所在的区县')).toBeVisible();
    await expect(page.getByRole('link', { name: '在高德地图中搜索' })).toHaveAttribute('href', /^https:\/\/uri\.amap\.com\/search\?/);
    await expect(page.getByRole('link', { name: '在百度地图中搜索' })).toHaveAttribute(
      'href',
      /^https:\/\/api\.map\.baidu\.com\/place\/search\?/,
    );
    await expect(page.getByRole('link', { name: '报告信息有误' }).first()).toHaveAttribute('href', '/report/?institution=bj-pumch');
    const ld = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent()) ?? '{}') as Record<string, unknown>;
    expect(ld).toMatchObject({ '@type': 'Hospital', name: '北京协和医院' });
    expect(ld['telephone']).toBeUndefined();
  });

  test('a sample record is marked on its page and has no JSON-LD', async ({ page }) => {
    await page.goto('/services/sample-330106/');
    await expect(page.getByRole('note')).toContainText('这是示例机构，不是真实机构。');
    await expect(page.getByRole('heading', { level: 1 }).getByText('示例', { exact: true })).toBeVisible();
    await expect(page.locator('script[type="application/ld+json"]')).toHaveCount(0);
    await expect(page.getByText('示例机构，没有真实电话').first()).toBeVisible();
    await expect(page.getByRole('link', { name: /高德/ })).toHaveCount(0);
  });
});

test('every record has a page, every region has a page, and the finder lists them all', async ({ page }) => {
  const paths = new Set(sitemapPaths());
  // The finder's data, split by province: the overview lists the parts, each part its records.
  const read = (name: string): unknown => JSON.parse(readFileSync(path.join(clientDir, `data/finder/${name}.json`), 'utf8'));
  const overview = read('overview') as { n: number; parts: { p: string; n: number; u: string }[] };
  expect(overview.parts.map((p) => p.p)).toEqual(['110000', '330000']);
  const ids = overview.parts.flatMap((info) => {
    const part = read(info.p) as { n: number; id: string[] };
    expect(part.id).toHaveLength(info.n);
    expect(info.u).toMatch(new RegExp(`^/data/finder/${info.p}\\.json\\?v=[0-9a-f]{12}$`));
    return part.id;
  });
  const index = { n: overview.n, id: ids };
  expect(index.id).toHaveLength(index.n);
  for (const id of index.id) expect(paths.has(`/services/${id}/`), id).toBe(true);
  // The regions of the provinces in scope (content/site-scope.json) have pages; the rest of the country's do not.
  const regions = loadRegions();
  for (const r of regions.all) expect(paths.has(`/regions/${r.code}/`), r.code).toBe(true);
  expect([...paths].filter((p) => /^\/regions\/\d{6}\/$/.test(p))).toHaveLength(regions.all.length);
  for (const outside of ['310000', '440106', '650100']) expect(paths.has(`/regions/${outside}/`), outside).toBe(false);
  const pages = [...paths].filter((p) => /^\/services\/(?:bj|zj|sample)-[a-z0-9-]+\/$/.test(p));
  expect(pages).toHaveLength(index.n);

  await page.goto('/services/');
  await expect(countStatus(page)).toHaveText(`共 ${index.n} 家机构`);
});

/**
 * The walk-through of issue #14 on a 390 × 844 phone, mostly in the largest text (特大):
 * the header menu, real records before samples, what to do after an empty result, the
 * pathway helper where families are, how fresh a record is, the map's labels and popups,
 * read-aloud, and pages without JavaScript.
 * No network here: every request leaving localhost (map tiles) is aborted.
 */
import { test, expect, type Page } from '@playwright/test';
import { presetDisplay } from './utils.ts';
import { axeViolations } from './axe.ts';

const PHONE = { width: 390, height: 844 };
const isLocal = (url: string) => ['localhost', '127.0.0.1'].includes(new URL(url).hostname) || url.startsWith('data:');

test.use({ viewport: PHONE });
test.beforeEach(async ({ page }) => {
  await page.route(
    (url) => !isLocal(url.href),
    (route) => route.abort(),
  );
});

const results = (page: Page) => page.locator('.fr-list > li');

/** One page of each kind. */
const PAGES = [
  '/',
  '/services/?county=330106',
  '/regions/330106/',
  '/services/zj-zhejiang-hospital/',
  '/courses/elder-life-wisdom/',
  '/courses/elder-life-wisdom/01-ageing-well/',
  '/guides/home-care/',
  '/search/?q=居家',
  '/volunteer/',
  '/pathway/',
  '/targets/',
  '/data/',
  '/privacy/',
  '/404.html',
];

test.describe('the header in the largest text', () => {
  for (const path of PAGES) {
    test(`the main heading starts in the top 40% of the screen (${path})`, async ({ page }) => {
      await presetDisplay(page, { size: 'xlarge' });
      await page.goto(path);
      const h1 = page.locator('h1').first();
      await expect(h1).toBeVisible();
      const box = await h1.boundingBox();
      expect(box?.y ?? Infinity).toBeLessThan(0.4 * PHONE.height);
    });
  }

  test('nothing scrolls sideways at 320 px in 特大, menu open or closed', async ({ page }) => {
    await page.setViewportSize({ width: 320, height: 800 });
    await presetDisplay(page, { size: 'xlarge' });
    for (const path of PAGES) {
      await page.goto(path);
      await page.locator('h1').first().waitFor();
      const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(await overflow(), path).toBeLessThanOrEqual(0);
      await page.locator('.site-menu > summary').click();
      expect(await overflow(), `${path} (menu open)`).toBeLessThanOrEqual(0);
    }
  });

  test('the 菜单 button opens the navigation with the keyboard; search is one tap away', async ({ page }) => {
    await presetDisplay(page, { size: 'xlarge' });
    await page.goto('/guides/home-care/');
    const nav = page.getByRole('navigation', { name: '主要栏目' });
    await expect(nav.getByRole('link', { name: '志愿服务' })).toBeHidden();
    const menu = page.locator('.site-menu > summary');
    await expect(menu).toHaveText(/菜单/);
    await menu.focus();
    await page.keyboard.press('Enter');
    await expect(nav.getByRole('link', { name: '志愿服务' })).toBeVisible();
    await page.getByRole('navigation', { name: '主要栏目' }).getByRole('link').first().focus();
    await page.locator('.site-menu .display-settings > summary').click();
    await expect(page.getByRole('button', { name: '特大' })).toBeVisible();
    await menu.focus();
    await page.keyboard.press('Enter');
    await expect(nav.getByRole('link', { name: '志愿服务' })).toBeHidden();
    // Escape closes it too, from inside, and focus returns to 菜单.
    await page.keyboard.press('Enter');
    await nav.getByRole('link', { name: '志愿服务' }).focus();
    await page.keyboard.press('Escape');
    await expect(nav.getByRole('link', { name: '志愿服务' })).toBeHidden();
    await expect(menu).toBeFocused();
    // Search: a visible link or field in the header's first screenful.
    const search = page.locator('.site-header').getByRole('link', { name: '搜索' }).or(page.locator('.site-header').getByRole('searchbox'));
    await expect(search.first()).toBeVisible();
  });

  test('on a wide screen in standard text the navigation shows without a menu', async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto('/guides/');
    await expect(page.getByRole('navigation', { name: '主要栏目' }).getByRole('link', { name: '志愿服务' })).toBeVisible();
    await expect(page.locator('.site-menu > summary')).toBeHidden();
    await expect(page.locator('.site-header').getByRole('searchbox')).toBeVisible();
  });

  // At 390 px a line of 特大 body text holds about 12 characters, at 320 px about 10.
  for (const [width, min] of [
    [390, 10],
    [320, 8],
  ] as const) {
    test(`boxes inside boxes leave at least ${min} characters a line at 特大 (${width} px)`, async ({ page }) => {
      await page.setViewportSize({ width, height: 844 });
      await presetDisplay(page, { size: 'xlarge' });
      for (const path of [
        '/services/?county=330106',
        '/services/?county=110105&mode=居家&visits=1',
        '/services/zj-zhejiang-hospital/',
        '/regions/330106/',
        '/pathway/',
        '/',
      ]) {
        await page.goto(path);
        await page.locator('h1').first().waitFor();
        if (path.startsWith('/services/?')) await page.locator('.fr-list > li, .fr-empty').first().waitFor();
        const narrow = await page.locator('main').evaluate((main, least) => {
          const out: string[] = [];
          for (const el of main.querySelectorAll<HTMLElement>('p, li, dd, h2, h3')) {
            // Hidden, or shown to screen readers only (the finder's count status, filled 600 ms late).
            if (el.offsetParent === null || el.closest('.visually-hidden') || (el.textContent ?? '').trim().length < 12) continue;
            const style = getComputedStyle(el);
            const inner = el.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
            // In characters of body text (headings are larger and hold fewer by design).
            const chars = inner / parseFloat(getComputedStyle(document.body).fontSize);
            if (chars < least) out.push(`${el.tagName} ${chars.toFixed(1)} chars: ${(el.textContent ?? '').trim().slice(0, 20)}`);
          }
          return out;
        }, min);
        expect(narrow, path).toEqual([]);
      }
    });
  }
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the 菜单 opens the navigation and no page promises a loading that never ends', async ({ page }) => {
    await page.goto('/services/');
    const nav = page.getByRole('navigation', { name: '主要栏目' });
    await expect(nav.getByRole('link', { name: '志愿服务' })).toBeHidden();
    await page.locator('.site-menu > summary').click();
    await expect(nav.getByRole('link', { name: '志愿服务' })).toBeVisible();
    await expect(page.getByText(/正在载入/).filter({ visible: true })).toHaveCount(0);
    await page.goto('/services/shortlist/');
    await expect(page.getByText(/正在载入/).filter({ visible: true })).toHaveCount(0);
  });

  test('the pathway decision table is readable at 320 px', async ({ page }) => {
    await page.setViewportSize({ width: 320, height: 720 });
    await page.goto('/pathway/');
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(320);
    // The table itself fits: no sideways scrolling inside its box either.
    const table = await page.locator('.decision-table table').boundingBox();
    expect(table?.width ?? Infinity).toBeLessThanOrEqual(320);
    // Each answer is labelled with its question.
    const label = await page
      .locator('.decision-table tbody td')
      .first()
      .evaluate((td) => getComputedStyle(td, '::before').content);
    expect(label).toContain('病人现在在哪里');
  });
});

test.describe('real records first', () => {
  test('in the finder, every real record comes before every sample (西湖区: 浙江医院 first)', async ({ page }) => {
    await page.goto('/services/?county=330106');
    await results(page).first().waitFor();
    await page
      .getByRole('button', { name: /^显示更多/ })
      .click()
      .catch(() => undefined);
    const samples = await results(page).evaluateAll((items) => items.map((li) => li.querySelector('.badge-sample') !== null));
    expect(samples[0]).toBe(false);
    const firstSample = samples.indexOf(true);
    expect(firstSample).toBeGreaterThan(0);
    expect(samples.slice(firstSample).every(Boolean)).toBe(true);
  });

  test('on a city page, every real record comes before every sample', async ({ page }) => {
    await page.goto('/regions/330100/');
    const samples = await page
      .locator('.inst-summary')
      .evaluateAll((items) => items.map((li) => li.querySelector('.badge-sample') !== null));
    expect(samples.length).toBeGreaterThan(1);
    const firstSample = samples.indexOf(true);
    if (firstSample >= 0) expect(samples.slice(firstSample).every(Boolean)).toBe(true);
  });

  test('"只看已核实" is on screen without opening the filters, and the payment filters say honestly what they match', async ({ page }) => {
    await page.goto('/services/?county=330106');
    await results(page).first().waitFor();
    const verified = page.getByRole('checkbox', { name: /只看已核实/ });
    await expect(verified).toBeVisible();
    await verified.check();
    await expect(page.locator('.fr-list .badge-sample')).toHaveCount(0);
    await page.locator('.fc-summary').click();
    await expect(page.getByRole('group', { name: '支付方式' })).toContainText(/真实机构/);
  });
});

test.describe('an empty result says what to do next', () => {
  test('朝阳区 home care visiting the county: family doctor, guide, nearby districts, 12320', async ({ page }) => {
    await page.goto('/services/?county=110105&mode=居家&visits=1');
    const next = page.locator('.fr-empty');
    await expect(next).toBeVisible();
    await expect(next).toContainText('家庭医生');
    await expect(next).toContainText('社区卫生服务中心');
    await expect(next.getByRole('link', { name: /居家/ }).first()).toHaveAttribute('href', '/guides/home-care/');
    await expect(next.locator('a[href*="county=1101"]').first()).toBeVisible();
    await expect(next.locator('a[href="tel:12320"]')).toBeVisible();
    const count = page.locator('.fr-count');
    await expect(count).toContainText(/朝阳区附近没有找到符合条件的机构/);
    await expect(count).not.toContainText('由近到远');
    await expect(page.getByText(/找到 0 家机构/)).toHaveCount(0);
  });
});

test.describe('the pathway helper where families are', () => {
  for (const path of ['/', '/services/', '/services/zj-zhejiang-hospital/', '/regions/330106/']) {
    test(`linked from ${path}`, async ({ page }) => {
      await page.goto(path);
      await expect(page.getByRole('main').locator('a[href="/pathway/"]').first()).toBeVisible();
    });
  }
});

test.describe('how fresh a record is', () => {
  test('a sample shows no verification date; a real record shows its date', async ({ page }) => {
    await page.goto('/services/sample-330106/');
    await expect(page.getByRole('main')).not.toContainText('核实于');
    await expect(page.getByRole('main')).not.toContainText(/最近核实\s*\d{4}年/);
    await page.goto('/services/zj-zhejiang-hospital/');
    await expect(page.getByRole('main')).toContainText(/最近核实\s*\d{4}年\d+月\d+日/);
  });

  test('a record checked more than a year ago carries a warning in the finder', async ({ page }) => {
    await page.route('**/data/finder/330000.json*', async (route) => {
      const response = await route.fetch();
      const json = (await response.json()) as { id: string[]; vd: number[] };
      json.vd[json.id.indexOf('zj-zhejiang-hospital')] = Math.floor(Date.UTC(2024, 0, 15) / 86_400_000);
      await route.fulfill({ response, json });
    });
    await page.goto('/services/?county=330106&q=浙江医院');
    const item = results(page).first();
    await expect(item).toContainText('2024年1月15日');
    await expect(item.locator('.fr-stale')).toContainText('超过一年');
  });
});

test.describe('the map', () => {
  test('the toggle says 隐藏地图 when shown; a marker has a name and opens a popup; "you are here" shows', async ({ page }) => {
    await page.goto('/services/?county=330106&q=浙江医院&tiles=none');
    await results(page).first().waitFor();
    await page.getByRole('button', { name: '显示地图' }).click();
    const toggle = page.getByRole('button', { name: '隐藏地图' });
    await expect(toggle).toBeVisible();
    const map = page.getByRole('region', { name: '机构地图' });
    await expect(map.locator('.fm-marker').first()).toBeVisible();
    await expect(map.locator('.fm-marker').first()).toHaveAttribute('title', /\S/);
    await expect(map.locator('.fm-origin')).toHaveAttribute('title', /起点|您/);
    const scrollBefore = await page.evaluate(() => window.scrollY);
    const marker = map.getByRole('button', { name: '浙江医院' });
    await marker.click();
    const popup = map.locator('.leaflet-popup');
    await expect(popup).toBeVisible();
    await expect(popup.getByRole('link', { name: '浙江医院' })).toHaveAttribute('href', '/services/zj-zhejiang-hospital/');
    expect(Math.abs((await page.evaluate(() => window.scrollY)) - scrollBefore)).toBeLessThan(5);
    await toggle.click();
    await expect(page.getByRole('button', { name: '显示地图' })).toBeVisible();
  });

  test('after "use my location" the map marks 您在这里', async ({ browser }) => {
    const context = await browser.newContext({
      viewport: PHONE,
      geolocation: { latitude: 30.26, longitude: 120.13 },
      permissions: ['geolocation'],
    });
    const page = await context.newPage();
    await page.route(
      (url) => !isLocal(url.href),
      (route) => route.abort(),
    );
    await page.goto('/services/?near=me&map=1&tiles=none');
    // The map loads when its box scrolls into view.
    await page.getByRole('region', { name: '机构地图' }).scrollIntoViewIfNeeded();
    await expect(page.locator('.fm-origin--me')).toHaveAttribute('title', '您在这里');
    await context.close();
  });

  test('a place outside Beijing and Zhejiang gets a notice', async ({ browser }) => {
    const context = await browser.newContext({
      viewport: PHONE,
      geolocation: { latitude: 23.13, longitude: 113.26 },
      permissions: ['geolocation'],
    });
    const page = await context.newPage();
    await page.route(
      (url) => !isLocal(url.href),
      (route) => route.abort(),
    );
    await page.goto('/services/?near=me');
    await expect(page.getByText(/离本站收录的北京、浙江较远/)).toBeVisible();
    await context.close();
  });
});

test.describe('read-aloud', () => {
  test('reads the content, not breadcrumbs and buttons, with a pause after each heading', async ({ page }) => {
    await page.addInitScript(() => {
      const spoken: string[] = [];
      (window as unknown as { spoken: string[] }).spoken = spoken;
      const voice = { lang: 'zh-CN', name: 'test', default: true, localService: true, voiceURI: 'test' };
      const synth = {
        getVoices: () => [voice],
        speak: (u: { text: string }) => spoken.push(u.text),
        cancel: () => undefined,
        addEventListener: () => undefined,
      };
      Object.defineProperty(window, 'speechSynthesis', { value: synth });
      (window as unknown as { SpeechSynthesisUtterance: unknown }).SpeechSynthesisUtterance = class {
        text: string;
        constructor(text: string) {
          this.text = text;
        }
      };
    });
    await page.goto('/services/zj-zhejiang-hospital/');
    await page.getByRole('button', { name: '朗读本页' }).click();
    const spoken = await page.evaluate(() => (window as unknown as { spoken: string[] }).spoken);
    const all = spoken.join('|');
    expect(all).not.toContain('全部地区');
    expect(all).not.toContain('加入对比清单');
    expect(all).not.toContain('朗读本页');
    // A heading is its own utterance, never run into the value after it.
    expect(spoken.some((s) => s.replace(/[。\s]/g, '') === '信息来源')).toBe(true);
    expect(spoken.some((s) => /^来源类型。?$/.test(s.trim()))).toBe(true);
  });
});

test.describe('the data page', () => {
  test('/data/ points to pages people can open, not repository files', async ({ page }) => {
    await page.goto('/data/');
    await expect(page.getByRole('main')).not.toContainText('docs/');
  });
});

test.describe('axe on the phone in the largest text', () => {
  for (const path of [
    '/',
    '/services/?county=110105&mode=居家&visits=1',
    '/regions/330100/',
    '/services/zj-zhejiang-hospital/',
    '/pathway/',
  ]) {
    test(`${path} with the menu open has no WCAG 2.2 AA violations`, async ({ page }) => {
      await presetDisplay(page, { size: 'xlarge' });
      await page.goto(path);
      await page.locator('.site-menu > summary').click();
      if (path.startsWith('/services/?')) await page.locator('.fr-empty').waitFor();
      expect(await axeViolations(page)).toEqual([]);
    });
  }
});

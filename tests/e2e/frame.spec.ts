import { test, expect } from '@playwright/test';

test('home page is Chinese, has a skip link and sends each audience on in one tap', async ({ page }) => {
  await page.goto('/');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: '跳到正文' });
  await expect(skip).toBeFocused();
  await skip.press('Enter');
  await expect(page.locator('main')).toBeFocused();
  const main = page.getByRole('main');
  await expect(main.getByRole('link', { name: '开始查找' })).toHaveAttribute('href', '/services/');
  await expect(main.getByRole('link', { name: '查找我附近的服务' })).toHaveAttribute('href', /\/services\/\?near=me/);
  await expect(main.getByRole('link', { name: '浏览课程' })).toHaveAttribute('href', '/courses/');
  await expect(main.getByRole('link', { name: '了解并报名' })).toHaveAttribute('href', '/volunteer/');
  await expect(page.getByRole('search').first()).toBeVisible();
});

test('every page shows the help line with 120, the crisis line 12356 and 12320 in the footer', async ({ page }) => {
  for (const p of ['/', '/404.html']) {
    await page.goto(p);
    const footer = page.getByRole('contentinfo');
    await expect(footer).toContainText('120');
    await expect(footer).toContainText('12320');
    await expect(footer).toContainText('12356 心理援助热线');
  }
});

test('pages carry a title, description and Open Graph card', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveTitle(/安宁疗护服务网/);
  await expect(page.locator('meta[name="description"]')).toHaveAttribute('content', /.{20,}/);
  await expect(page.locator('meta[property="og:title"]')).toHaveAttribute('content', /.+/);
  await expect(page.locator('meta[property="og:image"]')).toHaveAttribute('content', /og-card\.png$/);
});

test('the server sends security headers on static pages', async ({ request }) => {
  const res = await request.get('/');
  expect(res.headers()['x-content-type-options']).toBe('nosniff');
  expect(res.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
  expect(res.headers()['referrer-policy']).toBeTruthy();
});

test('an unknown address shows the 404 page in the site frame', async ({ page }) => {
  const res = await page.goto('/no-such-page/');
  expect(res?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('没有找到这个页面');
  await expect(page.getByRole('navigation', { name: '主要栏目' })).toBeVisible();
});

test('nothing scrolls sideways at 320 px or at 200% zoom', async ({ browser }) => {
  for (const width of [320, 640]) {
    const page = await browser.newPage({ viewport: { width, height: 800 } });
    await page.goto('/');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, `horizontal overflow at ${width}px`).toBeLessThanOrEqual(0);
    await page.close();
  }
});

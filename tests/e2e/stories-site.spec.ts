/**
 * Stories and the site feed on the built site: at least six stories, each sourced or marked
 * 示例 and linking to what it concerns, the consent record never shown; the RSS feed (linked
 * in every page's head and the footer) and the JSON Feed parse back and list the newest
 * stories and events; axe on the new pages in two text modes.
 */
import { test, expect } from '@playwright/test';
import { XMLParser } from 'fast-xml-parser';
import { axeViolations } from './axe.ts';
import { presetDisplay } from './utils.ts';

interface RssItem {
  title: string;
  link: string;
  pubDate: string;
  category: string;
}

test('/stories/ has six or more stories, each sourced or marked 示例, each linking to what it concerns', async ({ page }) => {
  await page.goto('/stories/');
  const links = await page.locator('.story-list h2 a').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
  expect(links.length).toBeGreaterThanOrEqual(6);
  for (const href of links) {
    await page.goto(href);
    const sample = (await page.locator('.story__sample').count()) > 0;
    if (sample) {
      await expect(page.getByRole('heading', { level: 1 })).toContainText('（示例）');
      await expect(page.getByText('故事里的人和事是本站为说明而编写的，不是真实的人。')).toBeVisible();
    } else {
      const sources = page.getByRole('region', { name: '出处' });
      await expect(sources.locator('cite a').first()).toHaveAttribute('href', /^https?:\/\//);
    }
    const concerns = page.getByRole('region', { name: '这篇故事涉及' });
    expect(await concerns.getByRole('link').count(), href).toBeGreaterThan(0);
    // The consent record stays in the content file.
    await expect(page.locator('main')).not.toContainText('consent');
    await expect(page.locator('main')).not.toContainText('公开发布的报道');
  }
});

test('a sourced story is linked from the page of the institution it concerns', async ({ page }) => {
  await page.goto('/services/bj-haidian-hospital/');
  const about = page.getByRole('region', { name: '关于本机构的故事' });
  await about.getByRole('link', { name: '把病房的门打开：海淀医院安宁疗护团队的开放日' }).click();
  await expect(page).toHaveURL(/\/stories\/haidian-open-ward\/$/);
  await expect(page.getByRole('region', { name: '这篇故事涉及' }).getByRole('link', { name: '北京市海淀医院' })).toHaveAttribute(
    'href',
    '/services/bj-haidian-hospital/',
  );
});

test('the feed is linked in every page head and the footer, and parses back with the newest stories and events', async ({
  page,
  request,
}) => {
  for (const path of ['/', '/events/', '/stories/', '/services/']) {
    await page.goto(path);
    await expect(page.locator('head link[rel="alternate"][type="application/rss+xml"]')).toHaveAttribute('href', '/feed.xml');
  }
  await expect(page.getByRole('contentinfo').getByRole('link', { name: '订阅更新（RSS）' })).toHaveAttribute('href', '/feed.xml');

  const xml = await (await request.get('/feed.xml')).text();
  const parsed = new XMLParser().parse(xml) as { rss: { channel: { title: string; item: RssItem[] } } };
  const items = parsed.rss.channel.item;
  expect(parsed.rss.channel.title).toContain('故事、活动和消息');
  expect(items.length).toBeGreaterThan(10);
  const dates = items.map((i) => Date.parse(i.pubDate));
  expect([...dates].sort((a, b) => b - a)).toEqual(dates);
  expect(items.some((i) => i.category === '故事')).toBe(true);
  expect(items.some((i) => i.category === '活动')).toBe(true);

  // The newest story on /stories/ and an event are in the feed, and their links open.
  await page.goto('/stories/');
  const newest = (await page.locator('.story-list h2 a').first().getAttribute('href')) ?? '';
  expect(items.some((i) => new URL(i.link).pathname === newest)).toBe(true);
  const event = items.find((i) => i.category === '活动');
  expect((await request.get(new URL(event?.link ?? '').pathname)).status()).toBe(200);

  const json = (await (await request.get('/data/feed.json')).json()) as { version: string; items: { url: string; title: string }[] };
  expect(json.version).toBe('https://jsonfeed.org/version/1.1');
  expect(json.items.map((i) => i.title)).toEqual(items.map((i) => i.title));
});

for (const mode of ['standard', 'xlarge-contrast'] as const) {
  test(`new story and news pages (and a story on its institution's page) have no axe violations (${mode})`, async ({ page }) => {
    test.setTimeout(120_000); // an axe pass per page: up to 19 s on a clean local run
    // The elder mode on a small phone: 特大 text with high contrast at 320 px, nothing scrolling sideways.
    if (mode === 'xlarge-contrast') {
      await presetDisplay(page, { size: 'xlarge', contrast: true });
      await page.setViewportSize({ width: 320, height: 800 });
    }
    for (const path of [
      '/stories/',
      '/stories/haidian-open-ward/',
      '/stories/daughter-at-home/',
      '/news/',
      '/news/2026-12-03-events-and-stories/',
      '/services/bj-haidian-hospital/',
    ]) {
      await page.goto(path);
      const sideways = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(sideways, `${path} scrolls sideways`).toBe(0);
      expect(await axeViolations(page), path).toEqual([]);
    }
  });
}

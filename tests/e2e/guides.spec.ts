import { test, expect } from '@playwright/test';

test('the guide index lists at least 8 guides by order, with summaries, and the FAQ last', async ({ page }) => {
  await page.goto('/guides/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('安宁疗护指南');
  const list = page.getByRole('region', { name: '全部指南' }).getByRole('listitem');
  const count = await list.count();
  expect(count).toBeGreaterThanOrEqual(9);
  await expect(list.first().getByRole('link')).toHaveText('什么是安宁疗护');
  await expect(list.last().getByRole('link')).toHaveText('常见问题');
  await expect(list.last().getByRole('link')).toHaveAttribute('href', '/guides/faq/');
  for (let i = 0; i < count; i++) await expect(list.nth(i).locator('p')).not.toBeEmpty();
});

test('a guide shows its review, the plan clauses it draws on, related links and prints', async ({ page }) => {
  await page.goto('/guides/how-to-get-care/');
  const main = page.getByRole('main');
  await expect(main.getByRole('heading', { level: 1 })).toHaveText('如何获得安宁疗护服务');
  await expect(main).toContainText('审阅：本站编辑组');
  await expect(main.locator('time[datetime="2026-12-03"]')).toHaveText('2026年12月3日');
  const sources = page.getByRole('region', { name: '本文依据的规划条款' });
  await expect(sources).toContainText('《北京市加快推进安宁疗护服务发展实施方案》条款 二（三）1');
  await expect(sources).toContainText('《浙江省全省域开展安宁疗护工作实施方案（征求意见稿）》条款 三（二）5');
  const next = page.getByRole('region', { name: '下一步' });
  await expect(next.getByRole('link', { name: '查找附近的安宁疗护服务' })).toHaveAttribute('href', '/services/');
  await expect(next.getByRole('link', { name: '我该选择哪种服务？' })).toHaveAttribute('href', '/pathway/');
  await expect(next.getByRole('link', { name: '生命教育课程' })).toHaveAttribute('href', '/courses/');
  await expect(page.getByRole('button', { name: '打印本页' })).toBeVisible();
  // GFM table from the MDX body
  await expect(main.getByRole('table')).toHaveCount(1);
  await expect(main.getByRole('columnheader').first()).toBeVisible();
});

test('a guide lists the public sources of its laws and hotlines, each with publisher, date and a link', async ({ page }) => {
  await page.goto('/guides/talking-about-wishes/');
  const sources = page.getByRole('region', { name: '本文引用的其他公开资料' });
  await expect(sources.getByRole('listitem')).toHaveCount(3);
  const shenzhen = sources.getByRole('listitem').filter({ hasText: '第七十八条' });
  await expect(shenzhen).toContainText('深圳市人民代表大会常务委员会');
  await expect(shenzhen.locator('time')).toHaveAttribute('datetime', '2022-06-23');
  await expect(shenzhen.getByRole('link')).toHaveAttribute('href', /^https?:\/\//);
  await expect(sources.getByRole('listitem').filter({ hasText: '民法典' })).toContainText('全国人民代表大会');
});

test('the cost guide renders its table, scrollable on a narrow phone without pushing the page sideways', async ({ browser }) => {
  const page = await browser.newPage({ viewport: { width: 320, height: 800 } });
  await page.goto('/guides/costs-and-insurance/');
  await expect(page.getByRole('main').getByRole('table').first()).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await page.close();
});

test('the FAQ lists its questions with links to each answer, and carries FAQPage data', async ({ page }) => {
  await page.goto('/guides/faq/');
  const list = page.getByRole('navigation', { name: '问题列表' }).getByRole('link');
  const count = await list.count();
  expect(count).toBeGreaterThanOrEqual(10);
  const first = list.first();
  const href = await first.getAttribute('href');
  expect(href).toMatch(/^#/);
  await first.click();
  const target = page.locator(`[id="${decodeURIComponent(href?.slice(1) ?? '')}"]`);
  await expect(target).toHaveText(await first.innerText());
  const ld = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent()) ?? '{}') as {
    '@type': string;
    mainEntity: unknown[];
  };
  expect(ld['@type']).toBe('FAQPage');
  expect(ld.mainEntity).toHaveLength(count);
});

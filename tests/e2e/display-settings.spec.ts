import { test, expect } from '@playwright/test';

test('text size and contrast persist across a reload and a navigation', async ({ page }) => {
  await page.goto('/');
  await page.getByText('显示设置').click();
  const large = page.getByRole('button', { name: '大', exact: true });
  await large.click();
  await expect(large).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByRole('status')).toHaveText('文字大小已设为大');
  await page.getByRole('button', { name: '高对比度' }).click();

  const fontSize = () => page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize));
  expect(await fontSize()).toBeGreaterThanOrEqual(24);

  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-text-size', 'large');
  await expect(page.locator('html')).toHaveAttribute('data-contrast', 'high');
  expect(await fontSize()).toBeGreaterThanOrEqual(24);

  await page.goto('/404.html');
  await expect(page.locator('html')).toHaveAttribute('data-text-size', 'large');
  await expect(page.locator('html')).toHaveAttribute('data-contrast', 'high');
});

test('standard body text is at least 18 px and buttons are at least 44 px tall', async ({ page }) => {
  await page.goto('/');
  expect(await page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize))).toBeGreaterThanOrEqual(18);
  const box = await page.getByRole('button', { name: '搜索' }).first().boundingBox();
  expect(box?.height ?? 0).toBeGreaterThanOrEqual(44);
});

test('the settings work from the keyboard alone', async ({ page }) => {
  await page.goto('/');
  const summary = page.locator('.display-settings summary');
  await summary.focus();
  await page.keyboard.press('Enter');
  const xl = page.getByRole('button', { name: '特大' });
  await xl.focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('html')).toHaveAttribute('data-text-size', 'xlarge');
  const box = await xl.boundingBox();
  expect(box?.height ?? 0).toBeGreaterThanOrEqual(60);
});

/**
 * Issue #14 item 1: whatever a person typed before a form island's script arrived survives
 * hydration. The island's JavaScript is held back (a slow phone network), the person fills
 * in the plain-HTML form, then the script loads; every answer must still be there, and the
 * review step must show them, with no false "请填写…" message.
 *
 * On a 390×844 phone in the largest text (特大), where scripts take longest to matter.
 */
import { test, expect, type Page } from '@playwright/test';
import { presetDisplay } from './utils.ts';

test.use({ viewport: { width: 390, height: 844 } });

/**
 * Holds every script from /_astro/ until the returned function is called, so the page
 * stays plain HTML while the person types.
 */
async function holdScripts(page: Page): Promise<() => void> {
  let release: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => (release = resolve));
  await page.route(/\/_astro\/[^?]+\.js(\?.*)?$/, async (route) => {
    await gate;
    await route.continue();
  });
  return release;
}

/** The island has hydrated when its button offers the review step. */
async function waitForIsland(page: Page) {
  await page.getByRole('button', { name: '下一步：核对信息' }).first().waitFor();
}

test.beforeEach(async ({ page }) => {
  await presetDisplay(page, { size: 'xlarge' });
});

test('volunteer form: text, choices and ticks typed before the script loads are kept', async ({ page }) => {
  const release = await holdScripts(page);
  await page.goto('/volunteer/', { waitUntil: 'commit' });
  const form = page.getByRole('form', { name: '志愿者登记表' });
  await form.getByLabel('姓名', { exact: true }).fill('早到的志愿者');
  await form.getByLabel('手机号码', { exact: true }).fill('13500135777');
  await form.getByLabel('您所在的区县').selectOption('330106');
  await form.getByLabel('18 周岁及以上').check();
  await form.getByLabel('周末').check();
  await form.getByLabel(/^陪伴与倾听/).check();
  await form.getByLabel(/相关经历/).fill('照护过外婆');
  await form.getByLabel('我已阅读隐私说明，同意本站按说明处理我填写的信息').check();
  await expect(form.getByRole('button', { name: '提交登记' })).toBeVisible(); // still plain HTML

  release();
  await waitForIsland(page);
  await expect(form.getByLabel('姓名', { exact: true })).toHaveValue('早到的志愿者');
  await expect(form.getByLabel('手机号码', { exact: true })).toHaveValue('13500135777');
  await expect(form.getByLabel('您所在的区县')).toHaveValue('330106');
  await expect(form.getByLabel('18 周岁及以上')).toBeChecked();
  await expect(form.getByLabel('周末')).toBeChecked();
  await expect(form.getByLabel(/^陪伴与倾听/)).toBeChecked();
  await expect(form.getByLabel(/相关经历/)).toHaveValue('照护过外婆');
  await expect(form.getByLabel('我已阅读隐私说明，同意本站按说明处理我填写的信息')).toBeChecked();

  await form.getByRole('button', { name: '下一步：核对信息' }).click();
  await expect(form.getByRole('heading', { name: '请核对您填写的内容' })).toBeFocused();
  await expect(form.getByRole('definition').filter({ hasText: '早到的志愿者' })).toBeVisible();
  await expect(form.getByRole('definition').filter({ hasText: '周末' })).toBeVisible();
  await expect(page.getByText('请填写姓名')).toHaveCount(0);
  await expect(page.getByText(/请修改以下/)).toHaveCount(0);
});

test('report form: the problem, contact and consent typed before the script loads are kept', async ({ page }) => {
  const release = await holdScripts(page);
  await page.goto('/report/?page=%2Fguides%2F', { waitUntil: 'commit' });
  const form = page.getByRole('form', { name: '报告信息有误' });
  await form.getByLabel('哪里有误？正确的信息是什么？').fill('指南里的电话号码少了一位');
  await form.getByLabel(/您的联系方式/).fill('reader@example.com');
  await form.getByLabel('我同意本站用这个联系方式就这次报告与我联系').check();

  release();
  await waitForIsland(page);
  await expect(form.getByLabel('哪里有误？正确的信息是什么？')).toHaveValue('指南里的电话号码少了一位');
  await expect(form.getByLabel(/您的联系方式/)).toHaveValue('reader@example.com');
  await expect(form.getByLabel('我同意本站用这个联系方式就这次报告与我联系')).toBeChecked();
  await form.getByRole('button', { name: '下一步：核对信息' }).click();
  await expect(form.getByRole('definition').filter({ hasText: '指南里的电话号码少了一位' })).toBeVisible();
  await expect(page.getByText('请写一写哪里有误')).toHaveCount(0);
});

test('withdrawal form: the phone and code typed before the script loads are kept', async ({ page }) => {
  const release = await holdScripts(page);
  await page.goto('/volunteer/withdraw/', { waitUntil: 'commit' });
  const form = page.getByRole('form', { name: '删除登记或取消报名' });
  await form.getByLabel('登记时填写的手机号码').fill('13500135888');
  await form.getByLabel('登记编号').fill('V-ABCD2345');

  release();
  await waitForIsland(page);
  await expect(form.getByLabel('登记时填写的手机号码')).toHaveValue('13500135888');
  await expect(form.getByLabel('登记编号')).toHaveValue('V-ABCD2345');
  await form.getByRole('button', { name: '下一步：核对信息' }).click();
  await expect(form.getByRole('definition').filter({ hasText: 'V-ABCD2345' })).toBeVisible();
  await expect(page.getByText('请填写登记编号')).toHaveCount(0);
});

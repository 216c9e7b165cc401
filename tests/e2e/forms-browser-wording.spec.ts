/**
 * Issue #14 item 9, the form parts: cancelling an enrolment has its own wording; a
 * withdrawal without JavaScript asks for confirmation before deleting; the volunteer page
 * puts the form before a compact list of institutions; its thanks page promises nothing
 * that does not exist; the report form says what a contact detail is for, how long it is
 * kept, and where the privacy notice is. On a 390×844 phone in the largest text.
 */
import { test, expect, type Page } from '@playwright/test';
import { volunteerJson } from './forms-server.ts';
import { sharedServerData, storedRow } from './stored.ts';
import { postPlainForm, presetDisplay } from './utils.ts';
import { axeViolations } from './axe.ts';

const shared = sharedServerData();
let serial = 100_000 + Math.floor(Math.random() * 400_000);
const nextPhone = () => `136${String(++serial).padStart(8, '0')}`;

async function expectNoAxeViolations(page: Page, what: string) {
  expect(await axeViolations(page), `axe violations on ${what}`).toEqual([]);
}

test.use({ viewport: { width: 390, height: 844 } });
test.beforeEach(async ({ page }) => {
  await presetDisplay(page, { size: 'xlarge' });
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('a withdrawal asks for confirmation first; nothing is deleted until the person confirms', async ({ page, request }) => {
    const phone = nextPhone();
    const { id } = (await (await request.post('/api/volunteers', { data: { ...volunteerJson(1), phone } })).json()) as { id: string };
    await page.goto('/volunteer/withdraw/');
    const form = page.getByRole('form', { name: '删除登记或取消报名' });
    await form.getByLabel('登记时填写的手机号码').fill(phone);
    await form.getByLabel('登记编号').fill(id);
    await form.getByRole('button', { name: '删除登记' }).click();

    await expect(page.getByRole('heading', { level: 1 })).toHaveText('确认删除您在本站的登记？');
    await expect(page.getByText(id)).toBeVisible();
    expect(await storedRow(shared, 'volunteers', id), 'still there before confirming').toBeDefined();

    // Going back keeps what was typed.
    await page.getByRole('button', { name: '返回修改' }).click();
    await expect(page.getByRole('form', { name: '删除登记或取消报名' }).getByLabel('登记编号')).toHaveValue(id);
    await page.getByRole('form', { name: '删除登记或取消报名' }).getByRole('button', { name: '删除登记' }).click();

    await page.getByRole('button', { name: '确认删除' }).click();
    await expect(page).toHaveURL(/\/volunteer\/withdraw\/done\//);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('您的登记已删除');
    expect(await storedRow(shared, 'volunteers', id)).toBeUndefined();
  });

  test('the confirmation for an enrolment code speaks of cancelling an enrolment', async ({ page }) => {
    await page.goto('/volunteer/withdraw/');
    const form = page.getByRole('form', { name: '删除登记或取消报名' });
    await form.getByLabel('登记时填写的手机号码').fill('13600136000');
    await form.getByLabel('登记编号').fill('e-abcd2345');
    await form.getByRole('button', { name: '删除登记' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('确认取消课程报名？');
    await expect(page.getByRole('button', { name: '确认取消报名' })).toBeVisible();
    // Honest about scope: everything under the number goes, not just this enrolment.
    await expect(page.getByRole('main')).toContainText('与这个手机号码有关的全部信息');
    await expect(page.getByRole('main')).not.toContainText('谢谢您曾经愿意参与');
  });
});

test('the withdrawal confirmation page passes axe in the largest text', async ({ page }) => {
  await page.goto('/volunteer/withdraw/');
  await postPlainForm(page, '/volunteer/withdraw/confirm/', { phone: '13600136002', ref: 'V-ABCD2345' });
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('确认删除您在本站的登记？');
  await expectNoAxeViolations(page, 'the withdrawal confirmation page');
});

// After cancelling a real enrolment the page speaks of the enrolment: forms-enrolment.spec.ts
// (content/courses has only sample sessions, which take no enrolment).

test('the volunteer page puts the form first and lists institutions compactly, samples marked', async ({ page }) => {
  await page.goto('/volunteer/');
  const form = page.getByRole('form', { name: '志愿者登记表' });
  const institutions = page.getByRole('region', { name: '接收志愿者的机构' });
  const [formBox, listBox] = [await form.boundingBox(), await institutions.boundingBox()];
  expect(formBox && listBox && formBox.y < listBox.y, 'the form comes before the list of institutions').toBe(true);
  // No long run of identical sample cards: samples are summarised, and marked.
  await expect(institutions).toContainText('示例');
  const visibleItems = await institutions.locator('li:visible').count();
  expect(visibleItems, 'visible list items in the institutions section').toBeLessThanOrEqual(12);
  const height = listBox?.height ?? 0;
  expect(height, 'height of the institutions section in 特大 on a phone').toBeLessThan(844 * 2);
  await institutions.getByText('展开示例机构名单').click();
  await expect(institutions.getByRole('link', { name: /示例/ }).first()).toBeVisible();
  await expectNoAxeViolations(page, '/volunteer/ with the sample list open');
});

test('the volunteer thanks page promises only what exists (no 查询 or 修改 online)', async ({ page }) => {
  await page.goto('/volunteer/thanks/?ref=V-ABCD2345');
  const main = page.getByRole('main');
  await expect(main).toContainText('V-ABCD2345');
  await expect(main).not.toContainText('查询');
  await expect(main).not.toContainText(/修改或删除|修改登记/);
  await expect(main.getByRole('link', { name: '删除我的登记' })).toHaveAttribute('href', '/volunteer/withdraw/');
});

test('the report form says what a contact detail is for and how long it is kept, before anyone types', async ({ page }) => {
  await page.goto('/report/');
  await page.getByRole('button', { name: '下一步：核对信息' }).waitFor();
  const form = page.getByRole('form', { name: '报告信息有误' });
  const contact = form.getByLabel(/您的联系方式/);
  await expect(contact).toHaveAccessibleDescription(/只用于就这次报告向您核实/);
  await expect(contact).toHaveAccessibleDescription(/最多保存 \d+ 天/);
  await expect(form.getByRole('link', { name: /隐私说明/ })).toHaveAttribute('href', '/privacy/');
  await expect(form.getByRole('link', { name: /隐私说明/ })).toBeVisible();
});

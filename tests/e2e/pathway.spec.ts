import { test, expect, type Page } from '@playwright/test';
import { presetDisplay } from './utils.ts';
import { axeViolations } from './axe.ts';

/** Picks an answer by the question's legend and the option's label. */
async function answer(page: Page, question: string, option: string) {
  await page.getByRole('group', { name: question }).getByRole('radio', { name: option, exact: true }).check();
}

function params(href: string | null) {
  const url = new URL(href ?? '', 'http://x');
  return { path: url.pathname, county: url.searchParams.get('county'), mode: url.searchParams.getAll('mode') };
}

test.describe('with JavaScript', () => {
  test('answers lead to the care modes that fit and a finder link with county and mode set', async ({ page }) => {
    await page.goto('/pathway/');
    await expect(page.getByRole('region', { name: '出现这些情况，立即拨打 120' })).toBeVisible();
    const result = page.getByRole('region', { name: '建议' });
    await expect(result).toContainText('请回答上面的问题');
    await expect(page.getByText('这组问答需要 JavaScript 才能运行')).toBeHidden();

    await answer(page, '病人现在在哪里？', '在家');
    await answer(page, '疼痛、气喘、恶心等症状现在怎么样？', '比较平稳，基本能控制');
    await answer(page, '家里有人能照顾病人吗？', '能，有人可以长期照顾');
    await expect(result).not.toContainText('在家接受安宁疗护：请家庭医生');
    await answer(page, '家里已经有哪些医疗支持？', '已签约家庭医生，或已有家庭病床、上门巡诊');
    await page.getByRole('group', { name: '病人住在哪个区县？' }).getByLabel('区县').selectOption('330106');

    await expect(result.getByRole('heading', { level: 3 })).toHaveText('在家接受安宁疗护：请家庭医生开展居家服务');
    await expect(page.getByRole('status')).toHaveText('已给出建议：在家接受安宁疗护：请家庭医生开展居家服务');
    const home = result.getByRole('link', { name: '查找西湖区的“居家”服务' });
    expect(params(await home.getAttribute('href'))).toEqual({ path: '/services/', county: '330106', mode: ['居家'] });
    const online = result.getByRole('link', { name: '查找西湖区的“互联网”服务' });
    expect(params(await online.getAttribute('href'))).toEqual({ path: '/services/', county: '330106', mode: ['互联网'] });
    // Home care can be asked of every institution of the county at once (本区任何一家); online visits cannot.
    await expect(result.getByRole('link', { name: '请西湖区任何一家给我回电话' })).toHaveCount(1);
    expect(await result.getByRole('link', { name: '请西湖区任何一家给我回电话' }).getAttribute('href')).toBe(
      `/consult/?county=330106&need=${encodeURIComponent('居家上门')}`,
    );
    await expect(result).toContainText('《北京市加快推进安宁疗护服务发展实施方案》条款 二（三）3');
    await expect(page.getByRole('main')).toContainText('不是诊断');
  });

  test('severe symptoms in hospital: advice after two answers, with the 120 warning', async ({ page }) => {
    await page.goto('/pathway/');
    await answer(page, '病人现在在哪里？', '在医院');
    await answer(page, '疼痛、气喘、恶心等症状现在怎么样？', '严重，或者突然加重');
    const result = page.getByRole('region', { name: '建议' });
    await expect(result.getByRole('heading', { level: 3 })).toHaveText('留在医院控制症状，请主管医生申请安宁疗护会诊');
    await expect(result).toContainText('立即拨打 120');
    await expect(result.getByRole('link', { name: '查看需要立即拨打 120 的情况' })).toHaveAttribute('href', '#call-120');
    expect(params(await result.getByRole('link', { name: '查找“住院”服务' }).getAttribute('href'))).toEqual({
      path: '/services/',
      county: null,
      mode: ['住院'],
    });
    expect(params(await result.getByRole('link', { name: '查找“会诊”服务' }).getAttribute('href'))).toEqual({
      path: '/services/',
      county: null,
      mode: ['会诊'],
    });
  });

  test('works with the keyboard alone', async ({ page }) => {
    await page.goto('/pathway/');
    await page.getByRole('radio', { name: '在家', exact: true }).focus();
    await page.keyboard.press('Space');
    await expect(page.getByRole('radio', { name: '在家', exact: true })).toBeChecked();
    await page.keyboard.press('Tab'); // to the symptoms group
    await page.keyboard.press('Space'); // 比较平稳
    await page.keyboard.press('ArrowDown'); // 时有加重
    await expect(page.getByRole('radio', { name: '时有加重，控制得不太好' })).toBeChecked();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space'); // 能
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space'); // 已签约家庭医生
    const result = page.getByRole('region', { name: '建议' });
    await expect(result.getByRole('heading', { level: 3 })).toHaveText('在家照护，同时请医生调整用药：门诊、居家巡诊、线上复诊');
    await result.getByRole('button', { name: '重新回答' }).press('Enter');
    await expect(page.getByRole('radio', { name: '在家', exact: true })).not.toBeChecked();
    await expect(result).toContainText('请回答上面的问题');
  });
});

test('the helper with urgent advice shown has no WCAG 2.2 AA violations, in standard and large text', async ({ page }) => {
  for (const size of [undefined, 'large'] as const) {
    if (size) await presetDisplay(page, { size });
    await page.goto('/pathway/');
    await answer(page, '病人现在在哪里？', '在家');
    await answer(page, '疼痛、气喘、恶心等症状现在怎么样？', '严重，或者突然加重');
    await page.getByLabel('区县').selectOption('330302');
    await expect(page.getByRole('region', { name: '建议' }).getByRole('heading', { level: 3 })).toBeVisible();
    expect(await axeViolations(page)).toEqual([]);
  }
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the same rules are a readable decision table, with the 120 box', async ({ page }) => {
    await page.goto('/pathway/');
    await expect(page.getByRole('region', { name: '出现这些情况，立即拨打 120' })).toBeVisible();
    await expect(page.getByRole('radio')).toHaveCount(0);
    await expect(page.getByText('这组问答需要 JavaScript 才能运行')).toBeVisible();
    const table = page.getByRole('table', { name: /按病人情况选择安宁疗护服务方式/ });
    await expect(table).toBeVisible();
    await expect(table.getByRole('columnheader')).toHaveText([
      '序号',
      '病人现在在哪里',
      '症状',
      '家里能否照护',
      '已有的医疗支持',
      '建议',
      '服务方式',
      '依据',
    ]);
    expect(await table.getByRole('row').count()).toBe(1 + 13);
    const first = table.getByRole('row').nth(1);
    await expect(first).toContainText('在医院');
    await expect(first).toContainText('严重或突然加重');
    await expect(first).toContainText('北京方案 二（三）1');
    expect(params(await first.getByRole('link', { name: '住院（安宁疗护病区、病床）' }).getAttribute('href'))).toEqual({
      path: '/services/',
      county: null,
      mode: ['住院'],
    });
  });
});

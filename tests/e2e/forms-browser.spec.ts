/**
 * The forms in Chromium: the plain-HTML path with JavaScript off, the island path with it
 * on (messages beside fields, focus, review step), and axe on every form page in both
 * states and both text sizes. What was stored is read from the server's database (stored.ts).
 */
import { gzipSync } from 'node:zlib';
import { test, expect, type Page } from '@playwright/test';
import { volunteerJson } from './forms-server.ts';
import { sharedServerData, storedRow } from './stored.ts';
import { upcomingOpenSession } from './content-sessions.ts';
import { readBudgets } from '../../scripts/lib/budgets.ts';
import { postPlainForm, presetDisplay } from './utils.ts';
import { axeViolations } from './axe.ts';

/** JavaScript budgets of the form pages once the form is on screen (bench/budgets.json → browser). */
const { formsJsGzip } = readBudgets().browser;
const shared = sharedServerData();
let serial = 500_000 + Math.floor(Math.random() * 400_000);
const nextPhone = () => `135${String(++serial).padStart(8, '0')}`;

async function expectNoAxeViolations(page: Page, what: string) {
  expect(await axeViolations(page), `axe violations on ${what}`).toEqual([]);
}

/** The form island has hydrated when its button offers the review step. */
async function waitForIsland(page: Page) {
  await page.getByRole('button', { name: '下一步：核对信息' }).first().waitFor();
}

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('volunteer sign-up: mistakes come back beside the fields with the input kept, then it goes through', async ({ page }) => {
    test.slow(); // several pages or server processes; the shared CI machine can be busy
    await page.goto('/volunteer/');
    const form = page.getByRole('form', { name: '志愿者登记表' });
    await form.getByLabel('姓名', { exact: true }).fill('无脚本志愿者');
    await form.getByLabel('手机号码', { exact: true }).fill('1380013');
    await form.getByLabel('周末').check();
    await form.getByRole('button', { name: '提交登记' }).click();

    await expect(page).toHaveURL(/\/api\/volunteers\/?$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('请修改后再提交');
    await expect(page.getByRole('alert')).toContainText('请修改以下');
    await expect(form.getByLabel('姓名', { exact: true })).toHaveValue('无脚本志愿者');
    await expect(form.getByLabel('周末')).toBeChecked();
    const phone = form.getByLabel('手机号码', { exact: true });
    await expect(phone).toHaveValue('1380013');
    await expect(phone).toHaveAttribute('aria-invalid', 'true');
    await expect(phone).toHaveAccessibleDescription(/11 位中国大陆手机号码/);

    await phone.fill(nextPhone());
    await form.getByLabel('您所在的区县').selectOption('110105');
    await form.getByLabel('18 周岁及以上').check();
    await form.getByLabel(/^陪伴与倾听/).check();
    await form.getByLabel('我已阅读隐私说明，同意本站按说明处理我填写的信息').check();
    await form.getByRole('button', { name: '提交登记' }).click();
    await expect(page).toHaveURL(/\/volunteer\/thanks\/\?ref=V-/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('登记已收到');
    const ref = new URL(page.url()).searchParams.get('ref') ?? '';
    await expect(page.getByText(ref)).toBeVisible();
  });

  test('report and withdrawal work as plain forms', async ({ page, request }) => {
    await page.goto('/report/?page=%2Fabout%2F');
    const report = page.getByRole('form', { name: '报告信息有误' });
    await expect(report.getByLabel(/有误的页面地址/)).toHaveValue('/about/');
    await report.getByLabel('哪里有误？正确的信息是什么？').fill('关于本站页面的一个错字');
    await report.getByRole('button', { name: '提交报告' }).click();
    await expect(page).toHaveURL(/\/report\/thanks\/\?ref=R-/);

    const phone = nextPhone();
    const { id } = (await (await request.post('/api/volunteers', { data: { ...volunteerJson(1), phone } })).json()) as { id: string };
    await page.goto('/volunteer/withdraw/');
    const withdraw = page.getByRole('form', { name: '删除登记或取消报名' });
    await withdraw.getByLabel('登记时填写的手机号码').fill(phone);
    await withdraw.getByLabel('登记编号').fill(id.toLowerCase());
    await withdraw.getByRole('button', { name: '删除登记' }).click();
    // Nothing is deleted before the person confirms (#14 item 9).
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('确认删除您在本站的登记？');
    await page.getByRole('button', { name: '确认删除' }).click();
    await expect(page).toHaveURL(/\/volunteer\/withdraw\/done\/$/);
    expect(await storedRow(shared, 'volunteers', id)).toBeUndefined();
  });
});

test.describe('with JavaScript (the island)', () => {
  test('volunteer sign-up: inline errors, focus on the first, a review step, then the thanks page', async ({ page }) => {
    test.slow(); // several pages or server processes; the shared CI machine can be busy
    await page.goto('/volunteer/#signup');
    await waitForIsland(page);
    const form = page.getByRole('form', { name: '志愿者登记表' });
    await form.getByRole('button', { name: '下一步：核对信息' }).click();
    await expect(form.getByRole('alert')).toContainText('请修改以下 7 处');
    await expect(form.getByLabel('姓名', { exact: true })).toBeFocused();
    await expect(form.getByLabel('姓名', { exact: true })).toHaveAccessibleDescription('请填写姓名');
    await expectNoAxeViolations(page, '/volunteer/ with errors');

    await form.getByLabel('姓名', { exact: true }).fill('林小雨');
    // A fixed field loses its message as soon as it is right.
    await expect(form.getByText('请填写姓名')).toHaveCount(0);
    const phone = nextPhone();
    await form.getByLabel('手机号码', { exact: true }).fill(phone);
    await form.getByLabel('您所在的区县').selectOption('330106');
    await form.getByLabel('18 周岁及以上').check();
    await form.getByLabel('周末').check();
    await form.getByLabel(/^生命回顾/).check();
    await form.getByLabel('我已阅读隐私说明，同意本站按说明处理我填写的信息').check();
    await form.getByRole('button', { name: '下一步：核对信息' }).click();

    const review = form.getByRole('heading', { name: '请核对您填写的内容' });
    await expect(review).toBeFocused();
    await expect(
      form
        .getByRole('definition')
        .filter({ hasText: '浙江省杭州市' })
        .or(form.getByRole('definition').filter({ hasText: '西湖区' }))
        .first(),
    ).toBeVisible();
    await expectNoAxeViolations(page, '/volunteer/ review step');
    await form.getByRole('button', { name: '返回修改' }).click();
    await expect(form.getByLabel('姓名', { exact: true })).toHaveValue('林小雨');
    await form.getByRole('button', { name: '下一步：核对信息' }).click();
    await form.getByRole('button', { name: '确认提交' }).click();

    await expect(page).toHaveURL(/\/volunteer\/thanks\/\?ref=V-/);
    const ref = new URL(page.url()).searchParams.get('ref') ?? '';
    const stored = await storedRow(shared, 'volunteers', ref);
    expect(stored).toMatchObject({ phone, county: '330106' });
    expect(JSON.parse(String(stored?.['roles']))).toEqual(['life-review']);
  });

  test('age: 14–17 asks for the guardian, under 14 is explained kindly', async ({ page }) => {
    await page.goto('/volunteer/#signup');
    await waitForIsland(page);
    const form = page.getByRole('form', { name: '志愿者登记表' });
    await expect(form.getByRole('group', { name: '监护人信息' })).toHaveCount(0);
    await form.getByLabel('14 至 17 周岁（需要监护人同意）').check();
    await expect(form.getByRole('group', { name: '监护人信息' })).toBeVisible();
    await form.getByLabel('未满 14 周岁').check();
    await expect(form.getByText('本站只接受年满 14 周岁的人登记志愿服务')).toBeVisible();
  });

  test('arriving from an institution page (?institution=<id>) starts with that institution chosen', async ({ page }) => {
    await page.goto('/volunteer/#signup');
    await waitForIsland(page);
    const select = page.getByRole('form', { name: '志愿者登记表' }).locator('select[name="institution"]');
    const id = await select.locator('option[value]:not([value=""])').first().getAttribute('value');
    expect(id, 'some institution takes volunteers').toBeTruthy();
    await page.goto(`/volunteer/?institution=${encodeURIComponent(id ?? '')}#signup`);
    await waitForIsland(page);
    await expect(select).toHaveValue(id ?? '');
    // An id that is not on the list is ignored rather than breaking the form.
    await page.goto('/volunteer/?institution=no-such-place#signup');
    await waitForIsland(page);
    await expect(select).toHaveValue('');
  });

  test('the network failing on send keeps every answer and says so', async ({ page }) => {
    await page.goto('/volunteer/withdraw/');
    await waitForIsland(page);
    await page.route('**/api/volunteers/withdraw/', (route) => route.abort('internetdisconnected'));
    const form = page.getByRole('form', { name: '删除登记或取消报名' });
    await form.getByLabel('登记时填写的手机号码').fill('13800138000');
    await form.getByLabel('登记编号').fill('V-ABCD2345');
    await form.getByRole('button', { name: '下一步：核对信息' }).click();
    await expect(form.getByRole('heading', { name: '确认删除您在本站的登记？' })).toBeFocused();
    await form.getByRole('button', { name: '确认删除' }).click();
    await expect(form.getByText('网络好像断开了')).toBeFocused();
    await form.getByRole('button', { name: '返回修改' }).click();
    await expect(form.getByLabel('登记编号')).toHaveValue('V-ABCD2345');
  });

  test('report from an institution link: prefilled, reviewed, sent', async ({ page }) => {
    test.slow(); // several pages or server processes; the shared CI machine can be busy
    await page.goto('/report/?institution=sample-330106');
    await waitForIsland(page);
    await expectNoAxeViolations(page, '/report/?institution=');
    const form = page.getByRole('form', { name: '报告信息有误' });
    await expect(form.getByLabel(/哪家机构的信息有误/)).toHaveValue('sample-330106');
    await form.getByLabel('哪里有误？正确的信息是什么？').fill('居家服务已经停止');
    await form.getByLabel(/您的联系方式/).fill('reporter@example.com');
    await form.getByRole('button', { name: '下一步：核对信息' }).click();
    const consent = form.getByLabel('我同意本站用这个联系方式就这次报告与我联系');
    await expect(consent).toBeFocused();
    await expect(consent).toHaveAccessibleDescription(/留下联系方式时，请勾选同意/);
    await consent.check();
    await form.getByRole('button', { name: '下一步：核对信息' }).click();
    await form.getByRole('button', { name: '确认提交' }).click();
    await expect(page).toHaveURL(/\/report\/thanks\/\?ref=R-/);
  });
  // The enrolment island (EnrolmentForm.astro) needs a session that is not a sample: forms-enrolment.spec.ts.
});

test.describe('form pages: axe, CSP, JavaScript budget, small screens', () => {
  const { course, session } = upcomingOpenSession() ?? { course: 'no-course', session: 'no-session' };
  const formPages = [
    '/volunteer/',
    '/privacy/',
    '/report/',
    '/report/?page=%2Fguides%2F',
    '/volunteer/withdraw/',
    '/volunteer/withdraw/done/',
    '/volunteer/thanks/?ref=V-ABCD2345',
    '/volunteer/thanks/',
    '/report/thanks/?ref=R-ABCD2345',
    `/enrolment/thanks/?ref=E-ABCD2345&course=${course}&session=${session}&status=waitlist&position=3`,
  ];
  for (const mode of ['standard', 'large'] as const) {
    for (const p of formPages) {
      test(`${p} passes axe and the CSP blocks nothing (${mode})`, async ({ page }) => {
        if (mode === 'large') await presetDisplay(page, { size: 'large' });
        const refused: string[] = [];
        page.on('console', (msg) => {
          if (msg.type() === 'error' && /Content Security Policy|Refused to/i.test(msg.text())) refused.push(msg.text());
        });
        await page.goto(p);
        await expectNoAxeViolations(page, `${p} (${mode})`);
        expect(refused, 'scripts or styles blocked by the Content Security Policy').toEqual([]);
      });
    }
  }

  test('the correction page a plain post gets back (volunteer form with mistakes)', async ({ page }) => {
    await page.goto('/volunteer/');
    await postPlainForm(page, '/api/volunteers', { name: '', phone: '123', ageGroup: '14-17', roles: 'arts' });
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('请修改后再提交');
    await waitForIsland(page);
    await expect(page.getByRole('group', { name: '监护人信息' })).toBeVisible();
    await expectNoAxeViolations(page, 'volunteer correction page');
  });

  test('the form pages stay within their JavaScript budget', async ({ page }) => {
    for (const [p, budget] of [
      ['/volunteer/#signup', formsJsGzip.volunteer],
      ['/report/', formsJsGzip.report],
    ] as const) {
      const scripts: Promise<number>[] = [];
      const onResponse = (res: import('@playwright/test').Response) => {
        if (res.request().resourceType() === 'script') scripts.push(res.body().then((b) => gzipSync(b).length));
      };
      page.on('response', onResponse);
      await page.goto(p);
      await waitForIsland(page);
      page.off('response', onResponse);
      const total = (await Promise.all(scripts)).reduce((a, b) => a + b, 0);
      console.log(`${p}: ${(total / 1024).toFixed(1)} KB JavaScript (gzip), budget ${(budget / 1024).toFixed(0)} KB`);
      expect(total, `JavaScript on ${p}`).toBeLessThanOrEqual(budget);
    }
  });

  test('nothing scrolls sideways at 320 px on the form pages', async ({ browser }) => {
    const page = await browser.newPage({ viewport: { width: 320, height: 800 } });
    for (const p of ['/volunteer/', '/report/', '/privacy/', '/volunteer/withdraw/']) {
      await page.goto(p);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, `horizontal overflow on ${p}`).toBeLessThanOrEqual(0);
    }
    await page.close();
  });
});

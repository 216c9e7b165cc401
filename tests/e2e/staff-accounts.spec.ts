/**
 * The staff console's accounts, end to end on a built server with its own SQLite
 * database, in browsers with JavaScript off: `npm run staff:add` makes a commission
 * account; it signs in and must set up two-step sign-in first (codes computed here as an
 * app would, RFC 6238); it invites an institution manager, who accepts by the link, sets a
 * password and invites a colleague, who accepts too. A manager resets the colleague's
 * password. Password guessing is throttled while the rightful browser still gets in. Staff
 * of one institution get 404 for another's people page. The audit log has every step and
 * no personal data. Then axe and html-validate on every console page, in standard and in 特大
 * with high contrast.
 */
import { expect, test, type Page, type Response } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { axeViolations } from './axe.ts';
import { startTestServer, type TestServer } from './forms-server.ts';
import { noJs, runStaffAdd, signIn } from './staff-kit.ts';
import { withStoredDb } from './stored.ts';
import { totp } from './totp.ts';
import { presetDisplay } from './utils.ts';
import { siteValidator } from '../../scripts/lib/html-rules.ts';

test.describe.configure({ mode: 'serial' });
test.setTimeout(120_000);

const HOME = 'sample-330106'; // 西湖区示例社区卫生服务中心, in Hangzhou (330100)
const OTHER = 'sample-330102'; // 上城区示例护理院, Hangzhou too
const NINGBO = 'sample-330203'; // outside the commission's region

const people = {
  commission: { username: '李主任', password: 'commission pass 2026' },
  manager: { name: '王经理', username: 'wangjl', mobile: '13900139000', password: 'manager pass 2026!' },
  colleague: { name: '赵护士', username: '赵护士', password: 'colleague pass 2026', newPassword: 'a brand new pass 2026' },
};

let server: TestServer;
let dataDir: string;
/** What the journey learns that later steps need. */
const state = { secret: '', recoveryCodes: [] as string[] };

const url = (p: string) => `${server.url}${p}`;
/** Makes an invitation on an institution's people page; returns the link shown. */
async function invite(page: Page, institution: string, role: '机构管理员' | '机构工作人员'): Promise<string> {
  await page.goto(url(`/staff/people/${institution}/`));
  await page.getByRole('radio', { name: role }).check();
  await page.getByRole('button', { name: '生成邀请链接' }).click();
  await expect(page.getByRole('heading', { name: '邀请链接已生成' })).toBeVisible();
  return page.getByRole('textbox', { name: '邀请链接' }).inputValue();
}

async function accept(page: Page, link: string, who: { name: string; username: string; password: string; mobile?: string }): Promise<void> {
  await page.goto(link);
  await page.getByLabel('您的姓名（同事会看到）').fill(who.name);
  await page.getByLabel('用户名').fill(who.username);
  if (who.mobile !== undefined) await page.getByLabel('手机号').fill(who.mobile);
  await page.getByLabel('密码', { exact: true }).fill(who.password);
  await page.getByLabel('再输入一次密码').fill(who.password);
  await page.getByRole('button', { name: '创建账号并登录' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`您好，${who.name}`);
}

test.beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'staff-e2e-'));
  server = await startTestServer({}, dataDir);
});
test.afterAll(async () => {
  await server.stop();
});

test('staff:add makes the first commission account, from a password on standard input', () => {
  const run = runStaffAdd(
    server,
    ['--username', people.commission.username, '--role', 'commission', '--region', '330100', '--name', '李主任'],
    people.commission.password,
  );
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  expect(run.stdout).toContain('已创建账号 李主任（卫生健康委工作人员 · 浙江省杭州市）');
  const short = runStaffAdd(server, ['--username', 'x-short', '--role', 'commission', '--region', '330100'], 'too short');
  expect(short.status).toBe(1);
  expect(short.stderr).toContain('密码至少要 12 个字符');
});

test('the commission signs in, must set up two-step sign-in, then invites a manager who invites a colleague', async ({ browser }) => {
  const commission = await noJs(browser);
  await signIn(commission.page, server, people.commission.username, people.commission.password);
  // Commission staff cannot use the console before two-step sign-in is on.
  await expect(commission.page).toHaveURL(/\/staff\/two-factor\//);
  await commission.page.goto(url('/staff/people/'));
  await expect(commission.page).toHaveURL(/\/staff\/two-factor\//);
  await expect(commission.page.getByText('卫生健康委工作人员必须开启两步验证')).toBeVisible();
  await commission.page.getByLabel('请再输入一次密码，开始设置').fill(people.commission.password);
  await commission.page.getByRole('button', { name: '开始设置' }).click();
  state.secret = (await commission.page.locator('[data-secret]').getAttribute('data-secret')) ?? '';
  expect(state.secret).toMatch(/^[A-Z2-7]{32,}$/);
  await expect(commission.page.getByRole('link', { name: '用身份验证器应用打开' })).toHaveAttribute('href', /^otpauth:\/\/totp\//);
  await commission.page.getByLabel('6 位验证码').fill('000000');
  await commission.page.getByRole('button', { name: '确认开启' }).click();
  await expect(commission.page.getByText('数字不对')).toBeVisible();
  await commission.page.getByLabel('6 位验证码').fill(totp(state.secret));
  await commission.page.getByRole('button', { name: '确认开启' }).click();
  await expect(commission.page.getByRole('heading', { name: '请保存恢复码' })).toBeVisible();
  state.recoveryCodes = await commission.page.locator('.recovery-codes code').allTextContents();
  expect(state.recoveryCodes).toHaveLength(10);
  // On to the page that sent them to set it up.
  await commission.page.getByRole('link', { name: '我已保存好，继续' }).click();
  await expect(commission.page.getByRole('heading', { level: 1 })).toHaveText('人员与邀请');
  await commission.page.goto(url('/staff/'));
  await expect(commission.page.getByRole('heading', { level: 1 })).toHaveText('您好，李主任');
  await expect(commission.page.getByText('卫生健康委工作人员 · 浙江省杭州市')).toBeVisible();

  // Any institution of the region, picked from the list, then an invitation for its manager.
  await commission.page.goto(url('/staff/people/'));
  await commission.page.getByLabel('选择机构').selectOption(HOME);
  await commission.page.getByRole('button', { name: '打开' }).click();
  await expect(commission.page).toHaveURL(url(`/staff/people/${HOME}/`));
  const managerLink = await invite(commission.page, HOME, '机构管理员');
  expect(managerLink).toMatch(new RegExp(`/staff/invite/[A-Za-z0-9_-]{43}/$`));

  const manager = await noJs(browser);
  await accept(manager.page, managerLink, people.manager);
  await expect(manager.page.getByText(/机构管理员 · 西湖区示例社区卫生服务中心/)).toBeVisible();
  // The link was used up.
  const again = await manager.context.request.get(managerLink);
  expect(again.status()).toBe(404);

  const colleagueLink = await invite(manager.page, HOME, '机构工作人员');
  const colleague = await noJs(browser);
  await accept(colleague.page, colleagueLink, people.colleague);

  // The colleague sees their own institution's people, not another's: 404, not 403.
  await colleague.page.goto(url(`/staff/people/${HOME}/`));
  await expect(colleague.page.getByRole('cell', { name: people.manager.username })).toBeVisible();
  await expect(colleague.page.getByRole('button', { name: '生成邀请链接' })).toHaveCount(0);
  for (const other of [OTHER, NINGBO]) {
    const response = await colleague.page.goto(url(`/staff/people/${other}/`));
    expect(response?.status(), other).toBe(404);
    await expect(colleague.page.getByRole('heading', { name: '找不到这个页面' })).toBeVisible();
  }
  expect((await manager.page.goto(url(`/staff/people/${OTHER}/`)))?.status()).toBe(404);
  // Commission staff of Hangzhou see Hangzhou's institutions, not Ningbo's.
  expect((await commission.page.goto(url(`/staff/people/${OTHER}/`)))?.status()).toBe(200);
  expect((await commission.page.goto(url(`/staff/people/${NINGBO}/`)))?.status()).toBe(404);

  // The manager makes a reset link for the colleague, who chooses a new password with it.
  await manager.page.goto(url(`/staff/people/${HOME}/`));
  await manager.page.getByRole('button', { name: `生成重设密码链接：${people.colleague.name}` }).click();
  const resetLink = await manager.page.getByRole('textbox', { name: '重设密码链接' }).inputValue();
  const fresh = await noJs(browser);
  await fresh.page.goto(resetLink);
  await expect(fresh.page.getByRole('heading', { name: '设置新密码' })).toBeVisible();
  await fresh.page.getByLabel('新密码', { exact: true }).fill(people.colleague.newPassword);
  await fresh.page.getByLabel('再输入一次新密码').fill(people.colleague.newPassword);
  await fresh.page.getByRole('button', { name: '设置新密码' }).click();
  await expect(fresh.page.getByText('新密码已设好')).toBeVisible();
  // The reset ended the colleague's sessions.
  await colleague.page.goto(url('/staff/'));
  await expect(colleague.page).toHaveURL(/\/staff\/sign-in\//);
  await signIn(fresh.page, server, people.colleague.username, people.colleague.newPassword);
  await expect(fresh.page.getByRole('heading', { level: 1 })).toHaveText(`您好，${people.colleague.name}`);

  for (const c of [commission, manager, colleague, fresh]) await c.context.close();
});

test('guessing a password is throttled, and the browser that signed in before still gets in', async ({ browser }) => {
  // The manager's own browser: it signed in (by mobile number) before, so it holds a device cookie.
  const rightful = await noJs(browser);
  await signIn(rightful.page, server, people.manager.mobile, people.manager.password);
  await expect(rightful.page.getByRole('heading', { level: 1 })).toHaveText(`您好，${people.manager.name}`);
  await rightful.page.getByRole('button', { name: '退出登录' }).click();
  await expect(rightful.page.getByText('您已退出登录')).toBeVisible();

  const stranger = await noJs(browser);
  let throttledAfter = 0;
  for (let i = 1; i <= 12 && throttledAfter === 0; i++) {
    await signIn(stranger.page, server, people.manager.username, `wrong guess number ${i}`);
    if (await stranger.page.getByText('尝试次数太多').isVisible()) throttledAfter = i;
    else await expect(stranger.page.getByText('用户名（或手机号）或密码不对')).toBeVisible();
  }
  expect(throttledAfter).toBeGreaterThan(1);
  expect(throttledAfter).toBeLessThanOrEqual(11);
  // Now even the right password is refused to the stranger's browser …
  await signIn(stranger.page, server, people.manager.username, people.manager.password);
  await expect(stranger.page.getByText('尝试次数太多')).toBeVisible();
  // … and an unknown name is answered the same way as a wrong password, never "no such account".
  await signIn(stranger.page, server, 'no-such-person', 'some password here');
  await expect(stranger.page.getByText(/用户名（或手机号）或密码不对|尝试次数太多/)).toBeVisible();
  // The rightful browser is not locked out.
  await signIn(rightful.page, server, people.manager.username, people.manager.password);
  await expect(rightful.page.getByRole('heading', { level: 1 })).toHaveText(`您好，${people.manager.name}`);
  await rightful.context.close();
  await stranger.context.close();
});

test('signing in with two-step sign-in asks for the app code, or takes a recovery code once', async ({ browser }) => {
  const { context, page } = await noJs(browser);
  await signIn(page, server, people.commission.username, people.commission.password);
  await expect(page).toHaveURL(/\/staff\/sign-in\/code\//);
  await page.getByLabel('6 位验证码').fill(totp(state.secret));
  await page.getByRole('button', { name: '验证并登录' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('您好，李主任');
  await page.getByRole('button', { name: '退出登录' }).click();

  const code = state.recoveryCodes[0] ?? '';
  for (const outcome of ['您好，李主任', '恢复码不对']) {
    await signIn(page, server, people.commission.username, people.commission.password);
    await page.getByText('手机不在身边？用恢复码登录').click();
    await page.getByLabel('恢复码').fill(code.toUpperCase());
    await page.getByRole('button', { name: '用恢复码登录' }).click();
    await expect(page.getByText(outcome).first()).toBeVisible();
    if (outcome.startsWith('您好')) await page.getByRole('button', { name: '退出登录' }).click();
  }
  await context.close();
});

test('the audit log holds every step, and no names, usernames, phone numbers or passwords', async () => {
  const rows = await withStoredDb(server, (db) =>
    db.kysely
      .selectFrom('audit_log')
      .select(['actor', 'action', 'target_kind', 'target_ref', 'scope', 'outcome', 'detail'])
      .orderBy('id')
      .execute(),
  );
  const actions = rows.map((r) => `${r.action}:${r.outcome}`);
  for (const step of [
    'staff.created:ok',
    'auth.sign-in:ok',
    'auth.two-factor:ok',
    'staff.invited:ok',
    'staff.invitation-accepted:ok',
    'staff.password-reset:ok',
    'auth.sign-in-failed:bad-password',
    'auth.sign-in-failed:throttled',
    'auth.sign-in-failed:no-such-account',
    'auth.sign-in-failed:bad-code',
    'read.list:ok',
    'auth.sign-out:ok',
  ])
    expect(actions, step).toContain(step);
  expect(actions.filter((a) => a === 'staff.invited:ok')).toHaveLength(2);
  const text = JSON.stringify(rows);
  for (const secret of [
    people.manager.name,
    people.manager.username,
    people.manager.mobile,
    people.colleague.name,
    people.commission.username,
    'no-such-person',
  ])
    expect(text).not.toContain(secret);
  for (const p of [
    people.commission.password,
    people.manager.password,
    people.colleague.password,
    people.colleague.newPassword,
    'wrong guess',
  ])
    expect(text).not.toContain(p);
});

// One test per display, so each has its own time budget: together they make some thirty
// axe runs, which outlasted one test's two minutes on a loaded CI machine.
for (const [label, display] of [
  ['in standard text', undefined],
  ['in 特大 with high contrast', { size: 'xlarge' as const, contrast: true }],
] as const)
  test(`every console page has no axe violations and valid HTML, ${label}`, async ({ browser }) => {
    test.skip(test.info().project.name === 'postgres', 'the pages are the same HTML on both engines: checked once, in the sqlite project');
    test.setTimeout(240_000);
    const context = await browser.newContext();
    const page = await context.newPage();
    if (display !== undefined) await presetDisplay(page, display);
    // The HTML as the server sent it (page.content() would be the browser's re-serialisation).
    let shown: Response | undefined;
    page.on('response', (r) => {
      if (r.request().resourceType() === 'document' && (r.status() < 300 || r.status() >= 400)) shown = r;
    });
    const blocked: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) blocked.push(m.text());
    });
    const check = async (what: string) => {
      expect(blocked, `${what}: refused by the page's own policy`).toEqual([]);
      expect(await axeViolations(page), `${what} ${display === undefined ? '' : '(特大, 高对比)'}`).toEqual([]);
      // The rules every built page passes (npm test validates only the static ones).
      const html = (await shown?.text()) ?? '';
      expect(html, what).toContain('<main');
      const report = await siteValidator().validateString(html, what);
      expect(
        report.results.flatMap((r) => r.messages.map((m) => `${m.ruleId}: ${m.message}`)),
        what,
      ).toEqual([]);
    };

    await page.goto(url('/staff/sign-in/'));
    if (display !== undefined) await expect(page.locator('html')).toHaveAttribute('data-contrast', 'high');
    await check('sign-in');
    await page.getByLabel('用户名或手机号').fill('nobody-at-all');
    await page.getByLabel('密码', { exact: true }).fill('wrong password here');
    await page.getByRole('button', { name: '登录' }).click();
    await check('sign-in refused');
    await signIn(page, server, people.commission.username, people.commission.password);
    await check('sign-in code');
    await page.getByLabel('6 位验证码').fill(totp(state.secret));
    await page.getByRole('button', { name: '验证并登录' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('您好，李主任');
    await check('home');
    for (const p of [
      '/staff/account/',
      '/staff/two-factor/',
      '/staff/people/',
      `/staff/people/${HOME}/`,
      '/staff/sign-out/',
      `/staff/people/${NINGBO}/`,
    ]) {
      await page.goto(url(p));
      await check(p);
    }
    const link = await invite(page, OTHER, '机构管理员');
    await check('invitation made');
    await page.goto(url(`/staff/people/${HOME}/`));
    await page.getByRole('button', { name: `生成重设密码链接：${people.manager.name}` }).click();
    const reset = await page.getByRole('textbox', { name: '重设密码链接' }).inputValue();
    await check('reset link made');
    await page.goto(url('/staff/account/'));
    await page.getByLabel('现在的密码').fill('not my password');
    await page.getByLabel('新密码', { exact: true }).fill('short');
    await page.getByRole('button', { name: '修改密码' }).click();
    await check('password change refused');

    // Setting up two-step sign-in (QR code, secret, code field), as a colleague who has not yet.
    await page.getByRole('button', { name: '退出登录' }).first().click();
    await signIn(page, server, people.colleague.username, people.colleague.newPassword);
    await page.goto(url('/staff/two-factor/'));
    await check('two-step sign-in, before');
    await page.getByLabel('请再输入一次密码，开始设置').fill(people.colleague.newPassword);
    await page.getByRole('button', { name: '开始设置' }).click();
    await expect(page.getByRole('img', { name: /二维码/ })).toBeVisible();
    await check('two-step sign-in, setting up');

    const visitor = await browser.newContext();
    const other = await visitor.newPage();
    if (display !== undefined) await presetDisplay(other, display);
    for (const [what, target] of [
      ['invitation', link],
      ['reset', reset],
      ['used link', url('/staff/invite/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/')],
    ] as const) {
      await other.goto(target);
      expect(await axeViolations(other), what).toEqual([]);
    }
    await visitor.close();
    await context.close();
  });

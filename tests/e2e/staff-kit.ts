/**
 * What the staff console's browser tests share: a browser without JavaScript, signing in,
 * and `npm run staff:add` against a test server's own database (its DATA_DIR and, in the
 * postgres project, its DATABASE_URL).
 */
import { expect, type Browser, type BrowserContext, type Page, type Response } from '@playwright/test';
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import type { TestServer } from './forms-server.ts';
import { siteValidator } from '../../scripts/lib/html-rules.ts';
import { axeViolations } from './axe.ts';
import { totp } from './totp.ts';

/** A page in a fresh browser context with JavaScript off, as the console must work. */
export async function noJs(browser: Browser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ javaScriptEnabled: false });
  return { context, page: await context.newPage() };
}

/** Fills and sends the sign-in form of `server` (the outcome is the caller's to check). */
export async function signIn(page: Page, server: Pick<TestServer, 'url'>, identifier: string, password: string): Promise<void> {
  await page.goto(`${server.url}/staff/sign-in/`);
  await page.getByLabel('用户名或手机号').fill(identifier);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByRole('button', { name: '登录' }).click();
}

/** Runs `npm run staff:add` with `args` on the server's database, the password on standard input. */
export function runStaffAdd(server: TestServer, args: readonly string[], password: string): SpawnSyncReturns<string> {
  const env = {
    ...process.env,
    DATA_DIR: server.dataDir,
    ...(server.databaseUrl === undefined ? {} : { DATABASE_URL: server.databaseUrl }),
  };
  return spawnSync(process.execPath, ['scripts/staff-add.ts', ...args], { input: `${password}\n`, env, encoding: 'utf8' });
}

/** Adds a staff account (or a grant) and expects it to work. */
export function addStaff(server: TestServer, args: readonly string[], password: string): void {
  const run = runStaffAdd(server, args, password);
  expect(run.status, run.stderr).toBe(0);
}

/** Signs in and expects the console's greeting. */
export async function signInAs(page: Page, server: Pick<TestServer, 'url'>, who: { username: string; password: string }): Promise<void> {
  await signIn(page, server, who.username, who.password);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/您好/);
}

/**
 * Signing in for someone who must use two-step sign-in (commission staff): sets it up the
 * first time and keeps the secret for the next sign-ins of the same spec.
 */
export function twoStepSignIn(server: Pick<TestServer, 'url'>, who: { username: string; password: string }): (page: Page) => Promise<void> {
  let secret = '';
  return async (page) => {
    await signIn(page, server, who.username, who.password);
    if (secret === '') {
      await page.getByLabel('请再输入一次密码，开始设置').fill(who.password);
      await page.getByRole('button', { name: '开始设置' }).click();
      secret = (await page.locator('[data-secret]').getAttribute('data-secret')) ?? '';
      await page.getByLabel('6 位验证码').fill(totp(secret));
      await page.getByRole('button', { name: '确认开启' }).click();
      await page.getByRole('link', { name: '我已保存好，继续' }).click();
    } else {
      await page.getByLabel('6 位验证码').fill(totp(secret));
      await page.getByRole('button', { name: '验证并登录' }).click();
    }
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(/您好/);
  };
}

/**
 * The checks every page of a staff spec's sweep gets, in one display mode: no axe
 * violations, the site's HTML rules on the document as served, and one column at 320 px.
 * Returns check(what) to call after each navigation.
 */
export function pageChecks(page: Page, mode: string): (what: string) => Promise<void> {
  let shown: Response | undefined;
  page.on('response', (r) => {
    if (r.request().resourceType() === 'document' && (r.status() < 300 || r.status() >= 400)) shown = r;
  });
  return async (what) => {
    const label = `${what} ${mode}`;
    expect(await axeViolations(page), label).toEqual([]);
    const report = await siteValidator().validateString((await shown?.text()) ?? '', what);
    expect(
      report.results.flatMap((r) => r.messages.map((m) => `${m.ruleId}: ${m.message}`)),
      label,
    ).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth), label).toBeLessThanOrEqual(320);
  };
}

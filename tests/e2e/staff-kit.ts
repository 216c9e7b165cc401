/**
 * What the staff console's browser tests share: a browser without JavaScript, signing in,
 * and `npm run staff:add` against a test server's own database (its DATA_DIR and, in the
 * postgres project, its DATABASE_URL).
 */
import { expect, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import type { TestServer } from './forms-server.ts';

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

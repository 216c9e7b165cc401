/**
 * The console's submissions and audit log, end to end on a built server, in browsers with
 * JavaScript off, on SQLite and on PostgreSQL (playwright.config.ts): each staff member
 * sees only their scope (a record outside it is a 404, as if it did not exist); search
 * text never lands in a URL; a status change, a deletion and an export work and are each
 * in the audit log, which commission staff read and nobody else reaches; nothing in the
 * log is personal data.
 */
import { expect, test, type Page } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { axeViolations } from './axe.ts';
import { startTestServer, volunteerJson, type TestServer } from './forms-server.ts';
import { addStaff, noJs, signIn } from './staff-kit.ts';
import { storedRow, withStoredDb } from './stored.ts';
import { totp } from './totp.ts';
import { presetDisplay } from './utils.ts';

test.describe.configure({ mode: 'serial' });
test.setTimeout(120_000);

const HOME = 'sample-330106'; // 西湖区示例社区卫生服务中心, Hangzhou (330100)
const people = {
  manager: { username: 'home-manager', password: 'manager pass 2026!' },
  commission: { username: 'hz-commission', password: 'commission pass 2026' },
};

let server: TestServer;
let dataDir: string;
const url = (p: string) => `${server.url}${p}`;
/** Submissions made through the public API, by what they are. */
const refs = { chose: '', county: '', ningbo: '', report: '', pageReport: '' };
const phones = { chose: '13700000001', county: '13700000002', ningbo: '13700000003' };

async function post(path: string, body: unknown): Promise<string> {
  const res = await fetch(url(path), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

let commissionSecret = '';

/** Signs the commission member in, setting up two-step sign-in the first time. */
async function signInCommission(page: Page): Promise<void> {
  await signIn(page, server, people.commission.username, people.commission.password);
  if (commissionSecret === '') {
    await expect(page).toHaveURL(/\/staff\/two-factor\//);
    await page.getByLabel('请再输入一次密码，开始设置').fill(people.commission.password);
    await page.getByRole('button', { name: '开始设置' }).click();
    commissionSecret = (await page.locator('[data-secret]').getAttribute('data-secret')) ?? '';
    await page.getByLabel('6 位验证码').fill(totp(commissionSecret));
    await page.getByRole('button', { name: '确认开启' }).click();
    await page.getByRole('link', { name: '我已保存好，继续' }).click();
  } else {
    await page.getByLabel('6 位验证码').fill(totp(commissionSecret));
    await page.getByRole('button', { name: '验证并登录' }).click();
  }
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/您好/);
}

/** The reference codes in the list on the page. */
const listedRefs = (page: Page) => page.locator('.staff-table tbody th a').allTextContents();

test.beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'staff-records-'));
  server = await startTestServer({}, dataDir);
  refs.chose = await post('/api/volunteers', volunteerJson(1, { phone: phones.chose, institution: HOME }));
  refs.county = await post('/api/volunteers', volunteerJson(2, { phone: phones.county, county: '330105' }));
  refs.ningbo = await post('/api/volunteers', volunteerJson(3, { phone: phones.ningbo, county: '330203' }));
  refs.report = await post('/api/reports', { institution: HOME, problem: '电话号码已经更换了' });
  refs.pageReport = await post('/api/reports', { page: '/guides/', problem: '这一页有错字' });
  addStaff(
    server,
    ['--username', people.manager.username, '--role', 'manager', '--institution', HOME, '--name', '西湖经理'],
    people.manager.password,
  );
  addStaff(
    server,
    ['--username', people.commission.username, '--role', 'commission', '--region', '330100', '--name', '杭州专员'],
    people.commission.password,
  );
});
test.afterAll(async () => {
  await server.stop();
});

test("an institution's manager sees only the volunteers who chose it, changes a status and deletes, and has no audit log", async ({
  browser,
}) => {
  const { context, page } = await noJs(browser);
  await signIn(page, server, people.manager.username, people.manager.password);
  // The home page counts what waits, in scope: one new volunteer, one open report.
  await expect(page.getByRole('link', { name: '新的志愿者登记，还没有联系' })).toBeVisible();
  await page.getByRole('link', { name: '新的志愿者登记，还没有联系' }).click();
  expect(await listedRefs(page)).toEqual([refs.chose]);
  await page.goto(url('/staff/reports/'));
  expect(await listedRefs(page)).toEqual([refs.report]);
  // Outside the scope, a record does not exist; the audit log does not exist either.
  for (const p of [
    `/staff/volunteers/${refs.county}/`,
    `/staff/reports/${refs.pageReport}/`,
    '/staff/volunteers/V-AAAAAAAA/',
    '/staff/audit/',
  ]) {
    const response = await page.goto(url(p));
    expect(response?.status(), p).toBe(404);
    await expect(page.getByRole('heading', { name: '找不到这个页面' })).toBeVisible();
  }
  await expect(page.getByRole('link', { name: '操作记录' })).toHaveCount(0);

  await page.goto(url(`/staff/volunteers/${refs.chose}/`));
  await expect(page.getByText(phones.chose)).toBeVisible();
  await page.getByLabel('新状态').selectOption('已联系');
  await page.getByRole('button', { name: '保存状态' }).click();
  await expect(page.getByText('状态已保存。')).toBeVisible();
  expect((await storedRow(server, 'volunteers', refs.chose))?.['status']).toBe('已联系');

  // Deleting needs the tick; then the record is gone.
  await page.getByRole('button', { name: '删除' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(refs.chose); // the browser's own check kept the post back
  await page.getByLabel(`我确认删除 ${refs.chose}：删除后无法恢复`).check();
  await page.getByRole('button', { name: '删除' }).click();
  await expect(page.getByText(`${refs.chose} 已删除。`)).toBeVisible();
  expect(await storedRow(server, 'volunteers', refs.chose)).toBeUndefined();
  await context.close();
});

test('commission staff see their region, search without the search text in the URL, export CSV, and read the audit log', async ({
  browser,
}) => {
  const { context, page } = await noJs(browser);
  await signInCommission(page);
  await page.goto(url('/staff/volunteers/'));
  // Hangzhou's volunteer who gave a county is theirs; Ningbo's is not.
  expect(await listedRefs(page)).toEqual([refs.county]);
  expect((await page.goto(url(`/staff/volunteers/${refs.ningbo}/`)))?.status()).toBe(404);
  await page.goto(url('/staff/reports/'));
  expect(await listedRefs(page)).toEqual([refs.report]); // a report about a page is the whole site's operators'

  await page.goto(url('/staff/volunteers/'));
  await page.getByLabel('在这些记录里搜索').fill(phones.county.slice(0, 7));
  await page.getByRole('button', { name: '筛选' }).click();
  expect(await listedRefs(page)).toEqual([refs.county]);
  expect(page.url()).not.toContain(phones.county.slice(0, 7));
  await page.getByLabel('在这些记录里搜索').fill('没有这个人');
  await page.getByRole('button', { name: '筛选' }).click();
  await expect(page.getByText('没有符合条件的记录。')).toBeVisible();

  await page.getByLabel('在这些记录里搜索').fill('');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: '导出 CSV（Excel 可打开）' }).click();
  const csv = await (await download).createReadStream().then(async (stream) => {
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  });
  expect(csv.startsWith('\uFEFF编号,')).toBe(true);
  expect(csv).toContain(refs.county);
  expect(csv).not.toContain(refs.ningbo);

  await page.getByRole('link', { name: '操作记录' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('操作记录');
  // The manager's change and deletion of a record in Hangzhou are within the commission's region.
  await expect(page.getByRole('cell', { name: 'submission.deleted' })).toBeVisible();
  await expect(page.getByRole('cell', { name: '西湖经理' }).first()).toBeVisible();
  await page.getByLabel('操作', { exact: true }).selectOption('read.export');
  await page.getByRole('button', { name: '筛选' }).click();
  await expect(page.getByRole('cell', { name: 'read.export' })).toHaveCount(1);
  await context.close();
});

test('the audit log has each read and change, with who, and no names or phone numbers', async () => {
  const rows = await withStoredDb(server, (db) => db.kysely.selectFrom('audit_log').selectAll().orderBy('id').execute());
  const actions = rows.map((r) => `${r.action}:${r.target_ref ?? ''}`);
  for (const step of [
    'read.list:',
    `read.record:${refs.chose}`,
    `submission.status:${refs.chose}`,
    `submission.deleted:${refs.chose}`,
    'read.export:',
    'read.audit:',
  ])
    expect(actions, step).toContain(step);
  // Who: the staff member's id, never 'anonymous', for each console read.
  expect(rows.filter((r) => r.action.startsWith('read.')).every((r) => r.actor.length > 8 && r.actor !== 'anonymous')).toBe(true);
  // Where: the change is placed in the volunteer's institution's county, so Hangzhou's commission sees it.
  expect(rows.find((r) => r.action === 'submission.deleted')?.scope).toBe('330106');
  const text = JSON.stringify(rows);
  for (const personal of [...Object.values(phones), phones.county.slice(0, 7), '测试志愿者', '没有这个人', '电话号码已经更换了'])
    expect(text).not.toContain(personal);
});

test('the console data pages have no axe violations, in standard text and in 特大 with high contrast', async ({ browser }) => {
  test.skip(test.info().project.name === 'postgres', 'the pages are the same HTML on both engines: checked once, in the sqlite project');
  // Many axe passes in one test: 30–41 s on a clean local run, and CI ran such a sweep past 120 s.
  test.setTimeout(240_000);
  for (const display of [undefined, { size: 'xlarge' as const, contrast: true }]) {
    const context = await browser.newContext();
    const page = await context.newPage();
    if (display !== undefined) await presetDisplay(page, display);
    await signInCommission(page);
    for (const p of [
      '/staff/',
      '/staff/volunteers/',
      `/staff/volunteers/${refs.county}/`,
      '/staff/enrollments/',
      '/staff/reports/',
      `/staff/reports/${refs.report}/`,
      '/staff/audit/',
      '/staff/volunteers/V-AAAAAAAA/',
    ]) {
      await page.goto(url(p));
      expect(await axeViolations(page), `${p} ${display === undefined ? '' : '(特大, 高对比)'}`).toEqual([]);
    }
    await context.close();
  }
});

/**
 * Live availability end to end (issue #17, "Availability board"), on a built server in
 * browsers with JavaScript off, on SQLite and on PostgreSQL (playwright.config.ts): the
 * manager of a real institution reports 住院 有空位 with 3 free beds of 10 in a few taps;
 * GET /api/availability shows it fresh with its time, cached a minute and revalidated with
 * its ETag (304); the server-rendered page shows it with its time and 请致电确认. A report
 * past its expiry (written straight into the database: reported 3 days ago, expired 2 days
 * ago) is 未知 in the API and on the page, with its last update time, and on the console
 * home as needing attention; "仍然如此" makes it fresh again. Staff of another institution
 * get a 404; a sample institution takes no reports. The console screen and the public page
 * pass axe and the site's HTML rules in two display modes.
 */
import { expect, test } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chinaTime } from '../../src/lib/china-time.ts';
import type { AvailabilityFeed } from '../../src/lib/network/availability.ts';
import { startTestServer, type TestServer } from './forms-server.ts';
import { addStaff, noJs, pageChecks, signInAs } from './staff-kit.ts';
import { withStoredDb } from './stored.ts';
import { presetDisplay } from './utils.ts';

test.describe.configure({ mode: 'serial' });
test.setTimeout(120_000);

/** A real (non-sample) institution with a ward and home care: 北京清华长庚医院, 昌平区 (110114). */
const REAL = 'bj-tsinghua-changgung';
/** Another real institution (海淀区), which never reports here. */
const OTHER = 'bj-haidian-hospital';
const SAMPLE = 'sample-330106';
const people = {
  manager: { username: 'changgung-manager', password: 'manager pass 2026!' },
  other: { username: 'haidian-staff', password: 'haidian staff 2026!' },
  sample: { username: 'sample-manager', password: 'sample manager 2026!' },
};
const DAY = 86_400_000;

let server: TestServer;
let dataDir: string;
const url = (p: string) => `${server.url}${p}`;

async function feed(): Promise<{ response: globalThis.Response; body: AvailabilityFeed }> {
  const response = await fetch(url('/api/availability'));
  expect(response.status).toBe(200);
  return { response, body: (await response.json()) as AvailabilityFeed };
}

/** The ward's current row as stored (the newest by id). */
function storedWard(): Promise<Record<string, unknown> | undefined> {
  return withStoredDb(server, (db) =>
    db.kysely
      .selectFrom('availability_reports')
      .selectAll()
      .where('institution', '=', REAL)
      .where('mode', '=', '住院')
      .orderBy('id', 'desc')
      .executeTakeFirst(),
  );
}

test.beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'staff-availability-'));
  server = await startTestServer({}, dataDir);
  addStaff(
    server,
    ['--username', people.manager.username, '--role', 'manager', '--institution', REAL, '--name', '长庚护士长'],
    people.manager.password,
  );
  addStaff(
    server,
    ['--username', people.other.username, '--role', 'staff', '--institution', OTHER, '--name', '海淀护士'],
    people.other.password,
  );
  addStaff(
    server,
    ['--username', people.sample.username, '--role', 'manager', '--institution', SAMPLE, '--name', '示例经理'],
    people.sample.password,
  );
});
test.afterAll(async () => {
  await server.stop();
});

test('the manager of a real institution reports 住院 有空位 with 3 free beds of 10, without JavaScript, in a few taps', async ({
  browser,
}) => {
  const { context, page } = await noJs(browser);
  await signInAs(page, server, people.manager);
  await page.getByRole('link', { name: '床位和服务状态' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('床位和服务状态');
  await expect(page.getByRole('listitem').filter({ hasText: '住院病床' }).first()).toContainText('还没有上报过');
  await page.getByRole('link', { name: '北京清华长庚医院' }).click();

  // Nothing reported yet: each mode's form is open. Five taps: status, two counts, publish.
  const ward = page.getByRole('region', { name: '住院病床' });
  await ward.getByLabel('有空位').check();
  await ward.getByLabel('开放床位（共多少张）').fill('10');
  await ward.getByLabel('空床（其中空着多少张）').fill('3');
  await ward.getByRole('button', { name: '保存并发布' }).click();
  await expect(page.locator('.staff-message[role="status"]')).toContainText('已发布：住院病床，有空位');
  await expect(ward.locator('.avail-state')).toHaveText('有空位');

  const row = await storedWard();
  expect(row).toMatchObject({ status: '有空位', open_beds: 10, free_beds: 3, kind: 'report' });
  expect(Date.parse(String(row?.['expires_at'])) - Date.parse(String(row?.['reported_at']))).toBe(DAY);
  expect(String(row?.['reported_by']).length).toBeGreaterThan(8);

  // A report that contradicts itself comes back with the message beside the field.
  await ward.getByText('重新填写住院病床的情况').click();
  await ward.getByLabel('空床（其中空着多少张）').fill('11');
  await ward.getByRole('button', { name: '保存并发布' }).click();
  await expect(page.getByRole('region', { name: '住院病床' }).getByText('空床数不能多于开放床位数。').first()).toBeVisible();
  expect((await storedWard())?.['id']).toBe(row?.['id']);
  await context.close();
});

test('GET /api/availability shows it fresh with its time, cached a minute, and a revalidation is a 304', async () => {
  const row = await storedWard();
  const { response, body } = await feed();
  expect(body.institutions[REAL]?.住院).toEqual({
    mode: '住院',
    status: '有空位',
    openBeds: 10,
    freeBeds: 3,
    waiting: null,
    accepts: null,
    area: null,
    note: null,
    reportedAt: row?.['reported_at'],
    expiresAt: row?.['expires_at'],
    fresh: true,
    shownStatus: '有空位',
  });
  expect(Object.keys(body.institutions).some((id) => id.startsWith('sample-'))).toBe(false);
  expect(JSON.stringify(body)).not.toContain(String(row?.['reported_by']));
  expect(response.headers.get('cache-control')).toBe('public, max-age=60');
  expect(response.headers.get('vary')).toMatch(/Accept-Encoding/i);
  // Compressed for a client that takes gzip (fetch asks for it, and unpacks it).
  expect(response.headers.get('content-encoding')).toBe('gzip');
  const etag = response.headers.get('etag') ?? '';
  expect(etag).toMatch(/^W\/".+"$/);

  const again = await fetch(url('/api/availability'), { headers: { 'If-None-Match': etag } });
  expect(again.status).toBe(304);
  expect(again.headers.get('etag')).toBe(etag);
  expect(await again.text()).toBe('');
  // One institution alone, for a page about it: the same entry, nothing else.
  const one = (await (await fetch(url(`/api/availability?institution=${REAL}`))).json()) as AvailabilityFeed;
  expect(one.institutions).toEqual({ [REAL]: body.institutions[REAL] });
  const head = await fetch(url('/api/availability'), { method: 'HEAD' });
  expect([head.status, head.headers.get('etag')]).toEqual([200, etag]);
  const post = await fetch(url('/api/availability'), { method: 'POST', body: '{}', headers: { 'Content-Type': 'application/json' } });
  expect([post.status, post.headers.get('allow'), post.headers.get('cache-control')]).toEqual([405, 'GET, HEAD', 'no-store']);
  // Every other API answer is still never cached.
  expect((await fetch(url('/api/volunteers'))).headers.get('cache-control')).toBe('no-store');
});

test('the public page shows the report with its time and 请致电确认, a sample says 示例, a silent institution says so', async ({
  browser,
}) => {
  const row = await storedWard();
  const { context, page } = await noJs(browser);
  const response = await page.goto(url(`/availability/${REAL}/`));
  expect(response?.status()).toBe(200);
  expect(response?.headers()['cache-control']).toBe('public, max-age=60');
  const ward = page.getByRole('region', { name: '住院病床' });
  await expect(ward.getByText('有空位', { exact: true })).toBeVisible();
  await expect(ward.getByRole('definition').filter({ hasText: '3 张' })).toContainText('请致电确认');
  await expect(ward.getByRole('definition').filter({ hasText: '10 张' })).toContainText('请致电确认');
  await expect(ward).toContainText(`更新于 ${chinaTime(row?.['reported_at'])}（北京时间）`);
  // Home care was never reported.
  await expect(page.getByRole('region', { name: '居家/家庭病床名额' })).toContainText('还没有上报过');

  await page.goto(url(`/availability/${SAMPLE}/`));
  await expect(page.getByRole('heading', { level: 1 })).toContainText('示例');
  await expect(page.getByText('这是示例机构，是虚构的，没有真实的床位和服务情况。')).toBeVisible();
  await expect(page.getByText('请致电确认')).toHaveCount(0);
  await page.goto(url(`/availability/${OTHER}/`));
  await expect(page.getByText('这家机构还没有在本站上报过床位和服务情况。', { exact: false })).toBeVisible();
  expect((await page.goto(url('/availability/bj-no-such-place/')))?.status()).toBe(404);
  await context.close();
});

test('past its expiry the report is 未知 with its last update time; 仍然如此 makes it fresh again', async ({ browser }) => {
  const now = Date.now();
  const reportedAt = new Date(now - 3 * DAY).toISOString();
  await withStoredDb(server, (db) =>
    db.kysely
      .insertInto('availability_reports')
      .values({
        institution: REAL,
        mode: '住院',
        status: '有空位',
        open_beds: 10,
        free_beds: 3,
        waiting: null,
        accepts: null,
        area: null,
        note: null,
        reported_at: reportedAt,
        expires_at: new Date(now - 2 * DAY).toISOString(),
        reported_by: 'e2e-clock',
        kind: 'report',
      })
      .execute(),
  );
  const { body } = await feed();
  expect(body.institutions[REAL]?.住院).toMatchObject({ status: '有空位', fresh: false, shownStatus: '未知', reportedAt });

  const { context, page } = await noJs(browser);
  await page.goto(url(`/availability/${REAL}/`));
  const ward = page.getByRole('region', { name: '住院病床' });
  await expect(ward.getByText('未知', { exact: true })).toBeVisible();
  await expect(ward).toContainText(`最近一次更新是 ${chinaTime(reportedAt)}（北京时间），现在的情况请先致电确认。`);
  // Nothing expired is shown as current: no figures, no 有空位.
  await expect(ward).not.toContainText('3 张');
  await expect(ward).not.toContainText('有空位');

  await signInAs(page, server, people.manager);
  await page.getByRole('link', { name: '床位和服务状态已过期，请更新或确认' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('北京清华长庚医院');
  await expect(page.getByRole('region', { name: '住院病床' })).toContainText(`已过期：最后一次是 ${chinaTime(reportedAt)} 上报的“有空位”`);
  await page.getByRole('button', { name: '仍然如此：住院病床' }).click();
  await expect(page.locator('.staff-message[role="status"]')).toContainText('已确认 1 项仍然如此');

  const confirmed = await storedWard();
  expect(confirmed).toMatchObject({ kind: 'confirm', status: '有空位', free_beds: 3, open_beds: 10 });
  expect(confirmed?.['reported_by']).not.toBe('e2e-clock');
  const after = (await feed()).body.institutions[REAL]?.住院;
  expect(after).toMatchObject({ fresh: true, shownStatus: '有空位', reportedAt: confirmed?.['reported_at'] });
  expect(Date.parse(after?.expiresAt ?? '') - Date.parse(after?.reportedAt ?? '')).toBe(DAY);
  expect(Date.parse(after?.reportedAt ?? '')).toBeGreaterThan(now - 60_000);
  // A reader who did not load the page in the last minute (this browser may keep it that long: max-age=60).
  const reader = await noJs(browser);
  await reader.page.goto(url(`/availability/${REAL}/`));
  await expect(reader.page.getByRole('region', { name: '住院病床' }).getByText('有空位', { exact: true })).toBeVisible();
  await reader.context.close();

  // The audit log has each report and confirmation, placed in the institution's county.
  const audit = await withStoredDb(server, (db) =>
    db.kysely.selectFrom('audit_log').selectAll().where('action', 'like', 'availability.%').orderBy('id').execute(),
  );
  expect(audit.map((r) => [r.action, r.target_ref, r.scope])).toEqual([
    ['availability.reported', REAL, '110114'],
    ['availability.confirmed', REAL, '110114'],
  ]);
  await context.close();
});

test("staff of another institution get a 404 on this institution's screen; a sample institution takes no reports", async ({ browser }) => {
  const { context, page } = await noJs(browser);
  await signInAs(page, server, people.other);
  await page.goto(url('/staff/availability/'));
  await expect(page.getByRole('link', { name: '北京市海淀医院' })).toBeVisible();
  await expect(page.getByRole('link', { name: '北京清华长庚医院' })).toHaveCount(0);
  const response = await page.goto(url(`/staff/availability/${REAL}/`));
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { name: '找不到这个页面' })).toBeVisible();
  await context.close();

  const sample = await noJs(browser);
  await signInAs(sample.page, server, people.sample);
  await sample.page.goto(url(`/staff/availability/${SAMPLE}/`));
  await expect(sample.page.getByText('示例机构不接受上报', { exact: false })).toBeVisible();
  await expect(sample.page.getByRole('button', { name: '保存并发布' })).toHaveCount(0);
  await sample.context.close();
});

test('the console screens and the public page have no axe violations and pass the HTML rules, in standard text and in 特大 with high contrast', async ({
  browser,
}) => {
  test.skip(test.info().project.name === 'postgres', 'the pages are the same HTML on both engines: checked once, in the sqlite project');
  // Many axe passes in one test: 30–41 s on a clean local run, and CI ran such a sweep past 120 s.
  test.setTimeout(240_000);
  for (const display of [undefined, { size: 'xlarge' as const, contrast: true }]) {
    const context = await browser.newContext({ viewport: { width: 320, height: 640 } });
    const page = await context.newPage();
    if (display !== undefined) await presetDisplay(page, display);
    const check = pageChecks(page, display === undefined ? '' : '(特大, 高对比)');
    for (const p of [`/availability/${REAL}/`, `/availability/${SAMPLE}/`, `/availability/${OTHER}/`, '/availability/bj-no-such-place/']) {
      await page.goto(url(p));
      if (display !== undefined) await expect(page.locator('html')).toHaveAttribute('data-text-size', 'xlarge');
      await check(p);
    }
    await signInAs(page, server, people.manager);
    for (const p of ['/staff/', '/staff/availability/', `/staff/availability/${REAL}/`, `/staff/availability/${REAL}/?mode=inpatient`]) {
      await page.goto(url(p));
      await check(p);
    }
    // The form as it comes back with messages.
    await page.getByRole('region', { name: '住院病床' }).getByLabel('有空位').check();
    await page.getByRole('region', { name: '住院病床' }).getByLabel('开放床位（共多少张）').fill('10');
    await page.getByRole('region', { name: '住院病床' }).getByLabel('空床（其中空着多少张）').fill('99');
    await page.getByRole('region', { name: '住院病床' }).getByRole('button', { name: '保存并发布' }).click();
    await expect(page.locator('.avail-summary[role="alert"]')).toBeVisible();
    await check('report refused');
    await context.close();
  }
});

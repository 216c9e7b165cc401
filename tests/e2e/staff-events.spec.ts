/**
 * Events made in the staff console (issue #19), on a built server with JavaScript off, on
 * SQLite and on PostgreSQL: the manager of 北京市海淀医院 creates an event (a form with a
 * mistake comes back with the message beside the field); it is written to the events
 * folder (a copy: EVENTS_DIR) and published by the background rebuild: its page, its .ics,
 * the institution's page and the county's page show it. An event organised by a community
 * not in the registry waits for the district's commission, who approves it. Staff of
 * another institution get 404 for the event's form. The pages pass axe in two modes.
 */
import { expect, test, type Page } from '@playwright/test';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startTestServer, type TestServer } from './forms-server.ts';
import { addStaff, noJs, pageChecks, signInAs, twoStepSignIn } from './staff-kit.ts';
import { withStoredDb } from './stored.ts';
import { presetDisplay } from './utils.ts';

test.describe.configure({ mode: 'serial' });
test.setTimeout(240_000);

const REAL = 'bj-haidian-hospital';
const OTHER = 'bj-tsinghua-changgung';
const TITLE = '海淀医院安宁疗护病区开放日';
const people = {
  manager: { username: 'haidian-events', password: 'manager pass 2026!' },
  reviewer: { username: 'haidian-events-commission', password: 'commission pass 2026!' },
  other: { username: 'changgung-events', password: 'other pass 2026!' },
};

let server: TestServer;
/** The district's commission reviewer signs in (two-step sign-in set up the first time). */
let signInReviewer: (page: Page) => Promise<void>;
let events: string;
let builds: string;
const url = (p: string) => `${server.url}${p}`;

/** Fills the new-event form (the organiser is the first choice: the person's institution). */
async function fillEvent(page: Page, title: string, date: string): Promise<void> {
  await page.goto(url('/staff/events/new/'));
  await page.getByLabel('标题', { exact: true }).fill(title);
  await page.getByLabel('一两句话的简介（最多 160 字）').fill('走进安宁疗护病区，了解这里怎样照顾病人和家属。');
  await page.getByLabel('详细介绍').fill('医护人员和社工带大家参观病区，介绍安宁疗护是什么、怎样申请，并回答大家的问题。');
  await page.getByRole('group', { name: '活动类型' }).getByLabel('开放日').check();
  await page.getByRole('group', { name: '生命教育去哪里' }).getByLabel('进机构').check();
  await page.getByRole('group', { name: '适合谁参加' }).getByLabel('公众').check();
  await page.getByLabel('日期', { exact: true }).fill(date);
  await page.getByLabel('开始时间').fill('09:30');
  await page.getByLabel('结束时间').fill('11:30');
  await page.getByLabel('所在区县').selectOption('110108');
  await page.getByLabel('地址（线下活动）').fill('海淀医院门诊楼一层大厅集合');
  await page.getByLabel('报名方式，或到场须知').fill('请到门诊楼一层服务台报名');
}

test.beforeAll(async () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'staff-events-'));
  events = mkdtempSync(path.join(tmpdir(), 'staff-events-files-'));
  cpSync('content/events', events, { recursive: true });
  mkdirSync('.builds', { recursive: true });
  builds = mkdtempSync(path.resolve('.builds/test-events-'));
  server = await startTestServer(
    { EVENTS_DIR: events, PUBLISH_BUILDS_DIR: builds, PUBLISH_BUILDER: '1', PUBLISH_POLL_SECONDS: '1' },
    dataDir,
  );
  signInReviewer = twoStepSignIn(server, people.reviewer);
  addStaff(
    server,
    ['--username', people.manager.username, '--role', 'manager', '--institution', REAL, '--name', '海淀医院社工'],
    people.manager.password,
  );
  addStaff(
    server,
    ['--username', people.reviewer.username, '--role', 'commission', '--region', '110108', '--name', '海淀区卫健委'],
    people.reviewer.password,
  );
  addStaff(
    server,
    ['--username', people.other.username, '--role', 'manager', '--institution', OTHER, '--name', '长庚管理员'],
    people.other.password,
  );
});

test.afterAll(async () => {
  await server.stop();
  rmSync(builds, { recursive: true, force: true });
});

test('a manager creates an event; a mistake comes back beside its field; the rebuilt site shows it on its page, in its calendar file, and on the institution and county pages', async ({
  browser,
}) => {
  const { context, page } = await noJs(browser);
  await signInAs(page, server, people.manager);
  await fillEvent(page, TITLE, '2027-03-06');
  await page.getByLabel('结束时间').fill('08:00');
  await page.getByRole('button', { name: '保存并发布' }).click();
  await expect(page.locator('#field-end-time-error')).toContainText('结束时间应晚于开始时间');
  await expect(page.getByLabel('标题', { exact: true })).toHaveValue(TITLE);
  await page.getByLabel('结束时间').fill('11:30');
  await page.getByRole('button', { name: '保存并发布' }).click();
  await expect(page.getByRole('status').first()).toContainText('已保存');
  const change = await withStoredDb(server, (db) =>
    db.kysely.selectFrom('event_changes').select(['event_id', 'status']).executeTakeFirstOrThrow(),
  );
  expect(change.event_id).toMatch(/^2027-03-06-haidian-hospital-[0-9a-f]{6}$/);
  await expect
    .poll(async () => (await fetch(url(`/events/${change.event_id}/`))).status, { timeout: 180_000, intervals: [1000] })
    .toBe(200);
  expect(await (await fetch(url(`/events/${change.event_id}/`))).text()).toContain(TITLE);
  // The change says 已发布 (so the event can be edited again), not 正在发布 for ever.
  await expect
    .poll(() => withStoredDb(server, (db) => db.kysely.selectFrom('event_changes').select('status').executeTakeFirstOrThrow()), {
      timeout: 30_000,
    })
    .toEqual({ status: 'published' });
  const ics = await (await fetch(url(`/events/${change.event_id}.ics`))).text();
  expect(ics).toContain('TZID=Asia/Shanghai:20270306T093000');
  expect(await (await fetch(url(`/services/${REAL}/`))).text()).toContain(TITLE);
  expect(await (await fetch(url('/regions/110108/'))).text()).toContain(TITLE);
  const file = JSON.parse(readFileSync(path.join(events, `${change.event_id}.json`), 'utf8')) as {
    provenance: { kind: string };
    sample: boolean;
  };
  expect(file.provenance.kind).toBe('institution');
  expect(file.sample).toBe(false);
  await context.close();
});

test('an event organised by a community not in the registry waits for the district commission, who approves it', async ({ browser }) => {
  const manager = await noJs(browser);
  await signInAs(manager.page, server, people.manager);
  await fillEvent(manager.page, '万柳社区生命教育讲座', '2027-04-10');
  await manager.page.getByLabel('主办方', { exact: true }).selectOption('other');
  await manager.page.getByLabel('学校、社区或组织的名称（主办方不是机构时填）').fill('海淀区万柳社区居委会');
  await manager.page.getByRole('group', { name: '它是' }).getByLabel('社区').check();
  await manager.page.getByRole('group', { name: '生命教育去哪里' }).getByLabel('进社区').check();
  await manager.page.getByRole('button', { name: '保存并发布' }).click();
  await expect(manager.page.getByRole('status').first()).toContainText('审核通过后才会发布');
  const changeUrl = manager.page.url().split('?')[0] ?? '';

  const reviewer = await noJs(browser);
  await signInReviewer(reviewer.page);
  await reviewer.page.goto(changeUrl);
  await expect(reviewer.page.getByText('已通过活动文件的检查。')).toBeVisible();
  await reviewer.page.getByRole('button', { name: '批准并发布' }).click();
  await expect(reviewer.page.getByRole('status').first()).toContainText('已批准');
  const id = await withStoredDb(server, (db) =>
    db.kysely.selectFrom('event_changes').select('event_id').where('event_id', 'like', '2027-04-10-%').executeTakeFirstOrThrow(),
  );
  await expect.poll(async () => (await fetch(url(`/events/${id.event_id}/`))).status, { timeout: 180_000, intervals: [1000] }).toBe(200);
  await manager.context.close();
  await reviewer.context.close();
});

test("staff of another institution get 404 for this institution's event form", async ({ browser }) => {
  const id = await withStoredDb(server, (db) =>
    db.kysely.selectFrom('event_changes').select('event_id').where('event_id', 'like', '2027-03-06-%').executeTakeFirstOrThrow(),
  );
  const { context, page } = await noJs(browser);
  await signInAs(page, server, people.other);
  expect((await page.goto(url(`/staff/events/${id.event_id}/`)))?.status()).toBe(404);
  await context.close();
});

test('the event pages of the console have no axe violations, in standard text and in 特大 with high contrast', async ({ browser }) => {
  test.skip(test.info().project.name === 'postgres', 'the pages are the same HTML on both engines: checked once, in the sqlite project');
  for (const display of [undefined, { size: 'xlarge' as const, contrast: true }]) {
    const context = await browser.newContext({ viewport: { width: 320, height: 640 } });
    const page = await context.newPage();
    if (display !== undefined) await presetDisplay(page, display);
    const check = pageChecks(page, display === undefined ? '' : '(特大, 高对比)');
    await signInAs(page, server, people.manager);
    for (const p of ['/staff/events/', '/staff/events/new/', '/staff/events/change/1/']) {
      await page.goto(url(p));
      await check(p);
    }
    await context.close();
  }
});

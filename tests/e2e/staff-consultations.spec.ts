/**
 * Consultation requests end to end (issue #18), on a built server, on SQLite and on
 * PostgreSQL (playwright.config.ts): the manager of a real institution sets a response
 * promise and a 企业微信 group robot (a local receiver stands in for the vendor through
 * WEBHOOK_TEST_ORIGIN); a family sends a request from the institution's page without
 * JavaScript (field errors beside the fields, the illness group refused without its own
 * consent) and another with JavaScript; the database holds neither the note nor the illness
 * group in clear text; the receiver gets one message per request and no personal data; the
 * staff see both, accept one (with the day they will call), mark it contacted and close it,
 * while the family's status page follows each step; they decline the other, whose status
 * page then lists an institution accepting now; the family withdraws it and its rows are
 * gone; the ledger counts the decline on /targets/ and in the open data; staff of another
 * institution get 404; axe finds nothing on the new public and console pages in standard
 * text and in 特大 with high contrast.
 */
import { expect, test, type Browser, type Page } from '@playwright/test';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { currentEngine } from './engine.ts';
import { startTestServer, type TestServer } from './forms-server.ts';
import { addStaff, noJs, pageChecks, signInAs } from './staff-kit.ts';
import { withStoredDb } from './stored.ts';
import { presetDisplay } from './utils.ts';

test.describe.configure({ mode: 'serial' });
test.setTimeout(120_000);

/** A real institution with a ward: 北京清华长庚医院, 昌平区 (110114). */
const REAL = 'bj-tsinghua-changgung';
/** Another real institution in Beijing (海淀区), which will report a free bed. */
const OTHER = 'bj-haidian-hospital';
const WEBHOOK = 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=e2e-robot-key-0001';
const people = {
  manager: { username: 'changgung-consult', password: 'consult manager 2026!' },
  other: { username: 'haidian-consult', password: 'haidian consult 2026!' },
};
const family = { name: '测试家属甲', phone: '13712345678', note: '测试说明：夜里疼得睡不着', illness: '非肿瘤' };

let server: TestServer;
let receiver: http.Server;
const received: { url: string; body: string }[] = [];
/** When set, the receiver answers as 企业微信 does for a robot that was removed. */
let robotRemoved = false;
const refs: { a: string; b: string; any: string } = { a: '', b: '', any: '' };
const url = (p: string) => `${server.url}${p}`;

/** Fills the request form as a family would (the page is already on it). */
async function fillRequest(page: Page, extra: { illness?: boolean; note?: boolean } = {}): Promise<void> {
  await page.getByLabel('您的姓名').fill(family.name);
  await page.getByRole('group', { name: '您是病人的' }).getByLabel('子女').check();
  await page.getByLabel('手机号码').fill(family.phone);
  await page.getByRole('group', { name: '什么时候方便接电话' }).getByLabel('工作日上午').check();
  await page.getByLabel('病人的年龄段').selectOption('80–89岁');
  await page.getByLabel('病人所在的区县').selectOption('110114');
  await page.getByRole('group', { name: '病人现在在哪里' }).getByLabel('家').check();
  await page.getByRole('group', { name: '需要哪种帮助' }).getByLabel('住院').check();
  if (extra.note === true) await page.getByLabel('想补充的话').fill(family.note);
  if (extra.illness === true)
    await page
      .getByRole('group', { name: /病情类别/ })
      .getByLabel(family.illness)
      .check();
  await page.getByLabel('我已阅读隐私说明，同意把以上信息提供给所选机构').check();
}

/** The family's status page for a code, without JavaScript. */
async function statusPage(browser: Browser, ref: string): Promise<{ page: Page; close: () => Promise<void> }> {
  const { context, page } = await noJs(browser);
  await page.goto(url('/consult/status/'));
  await page.getByLabel('申请编号').fill(ref.toLowerCase());
  await page.getByLabel('手机号码后四位').fill(family.phone.slice(-4));
  await page.getByRole('button', { name: '查看进展' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('您的申请进展');
  return { page, close: () => context.close() };
}

const chinaToday = () => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date());

test.beforeAll(async () => {
  receiver = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      received.push({ url: req.url ?? '', body });
      res
        .writeHead(200, { 'Content-Type': 'application/json' })
        .end(robotRemoved ? '{"errcode":93000,"errmsg":"invalid webhook url"}' : '{"errcode":0,"errmsg":"ok"}');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const port = (receiver.address() as AddressInfo).port;
  server = await startTestServer(
    { WEBHOOK_TEST_ORIGIN: `http://127.0.0.1:${port}`, NOTICE_INTERVAL_MS: '300' },
    mkdtempSync(path.join(tmpdir(), 'staff-consultations-')),
  );
  addStaff(
    server,
    ['--username', people.manager.username, '--role', 'manager', '--institution', REAL, '--name', '长庚咨询'],
    people.manager.password,
  );
  addStaff(
    server,
    ['--username', people.other.username, '--role', 'staff', '--institution', OTHER, '--name', '海淀护士'],
    people.other.password,
  );
});
test.afterAll(async () => {
  await server.stop();
  await new Promise((resolve) => receiver.close(resolve));
});

test('the manager sets the response promise and a 企业微信 robot; a wrong address is refused beside the field', async ({ browser }) => {
  const { context, page } = await noJs(browser);
  await signInAs(page, server, people.manager);
  await page.getByRole('navigation', { name: '后台栏目' }).getByRole('link', { name: '咨询申请' }).click();
  await page.getByRole('link', { name: '北京清华长庚医院' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('咨询申请：北京清华长庚医院');
  await page.getByLabel('群机器人地址', { exact: false }).fill('http://evil.example/hook');
  await page.getByRole('button', { name: '保存设置' }).click();
  await expect(page.locator('#field-webhook-error')).toContainText('企业微信或钉钉');
  await page.getByLabel('答复时限（个工作日）').fill('2');
  await page.getByLabel('群机器人地址', { exact: false }).fill(WEBHOOK);
  await page.getByRole('button', { name: '保存设置' }).click();
  await expect(page.locator('.staff-message[role="status"]')).toHaveText('设置已保存。');
  await expect(page.locator('#field-webhook-now')).toContainText('key=e2e-…');
  const stored = await withStoredDb(server, (db) => db.kysely.selectFrom('institution_settings').selectAll().executeTakeFirst());
  expect(stored).toMatchObject({ institution: REAL, response_days: 2, webhook_vendor: 'wecom' });
  expect(String(stored?.webhook_sealed)).not.toContain('e2e-robot-key');
  await context.close();
});

test('a family sends a request from the institution page without JavaScript; nothing sensitive is in the database in clear text', async ({
  browser,
}) => {
  const { context, page } = await noJs(browser);
  await page.goto(url(`/services/${REAL}/`));
  await page.getByRole('link', { name: '请这家机构给我回电话' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('请机构给我回电话');
  // 急症请拨打 120 before anything else on the page.
  await expect(page.locator('main p').first()).toContainText('急症请拨打 120');
  await expect(page.getByText('北京清华长庚医院', { exact: true })).toBeVisible();

  // Sent empty: the form comes back with a message beside each field.
  await page.getByRole('button', { name: '发送申请' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('请修改后再提交');
  await expect(page.locator('#consult-name-error')).toHaveText('请填写姓名');
  await expect(page.locator('#consult-need-error')).toHaveText('请选择需要哪种帮助');
  await expect(page.getByText('北京清华长庚医院', { exact: true })).toBeVisible();

  // The illness group without its own consent is refused, the rest kept.
  await fillRequest(page, { illness: true, note: true });
  await page.getByRole('button', { name: '发送申请' }).click();
  await expect(page.locator('#consult-sensitiveConsent-error')).toContainText('请勾选同意');
  await expect(page.getByLabel('您的姓名')).toHaveValue(family.name);
  await page.getByLabel('我同意把病情类别提供给所选机构', { exact: false }).check();
  await page.getByLabel('我已阅读隐私说明，同意把以上信息提供给所选机构').check();
  await page.getByRole('button', { name: '发送申请' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('申请已发送');
  refs.a = (await page.locator('.ref-code__value').innerText()).trim();
  expect(refs.a).toMatch(/^C-[2-9A-HJKMNP-Z]{8}$/);
  await context.close();

  const secrets = [family.note, family.illness, family.name, family.phone];
  if (currentEngine() === 'sqlite') {
    const bytes = Buffer.concat(
      readdirSync(server.dataDir)
        .filter((f) => f.startsWith('submissions.db'))
        .map((f) => readFileSync(path.join(server.dataDir, f))),
    );
    expect(bytes.includes(Buffer.from(refs.a))).toBe(true);
    for (const secret of secrets) expect(bytes.includes(Buffer.from(secret)), secret).toBe(false);
  } else {
    const raw = await withStoredDb(
      server,
      async (db) => (await sql<Record<string, unknown>>`SELECT * FROM consultations`.execute(db.kysely)).rows,
    );
    expect(JSON.stringify(raw)).toContain(refs.a);
    for (const secret of secrets) expect(JSON.stringify(raw).includes(secret), secret).toBe(false);
    expect(String(raw[0]?.['illness_sealed'])).toMatch(/^v1\./);
  }
});

test('a family sends a request with JavaScript too, from its shortlist (the sample on it left out)', async ({ page }) => {
  await page.addInitScript((ids) => localStorage.setItem('anning.shortlist', JSON.stringify(ids)), [REAL, 'sample-330106']);
  await page.goto(url('/services/shortlist/'));
  await page.getByRole('link', { name: '请这几家机构给我回电话' }).click();
  await expect(page).toHaveURL(url(`/consult/?to=${REAL}`));
  await expect(page.getByRole('region', { name: '发给哪家机构' }).getByRole('listitem')).toHaveCount(1);
  await fillRequest(page);
  await page.getByRole('button', { name: '发送申请' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('申请已发送');
  refs.b = (await page.locator('.ref-code__value').innerText()).trim();
  expect(refs.b).toMatch(/^C-/);
  expect(refs.b).not.toBe(refs.a);
});

test('the group robot hears of each new request once, with no personal data', async () => {
  await expect.poll(() => received.length, { timeout: 15_000 }).toBe(2);
  for (const message of received) {
    expect(message.url).toBe('/cgi-bin/webhook/send?key=e2e-robot-key-0001');
    expect(JSON.parse(message.body)).toEqual({ msgtype: 'text', text: { content: '有 1 条新的咨询申请，请登录查看' } });
    for (const secret of [family.name, family.phone, family.phone.slice(-4), refs.a, refs.b]) expect(message.body).not.toContain(secret);
  }
  // No more arrive later (each sent once, none retried).
  await new Promise((resolve) => setTimeout(resolve, 1500));
  expect(received).toHaveLength(2);
});

test('the staff see both, accept one, mark it contacted and close it; the family sees each step; others get 404', async ({ browser }) => {
  const { context, page } = await noJs(browser);
  await signInAs(page, server, people.manager);
  await expect(page).toHaveTitle(/^（[1-9]\d*）/);
  await expect(page.getByRole('link', { name: '新的咨询申请' })).toBeVisible();
  await page.getByRole('link', { name: '新的咨询申请' }).click();
  await expect(page).toHaveTitle(/^（2）咨询申请/);
  await expect(page.getByRole('link', { name: refs.a })).toBeVisible();
  await expect(page.getByRole('link', { name: refs.b })).toBeVisible();
  await expect(page.getByText(family.name)).toHaveCount(0); // no names in the list

  await page.getByRole('link', { name: refs.a }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`咨询申请 ${refs.a}`);
  await expect(page.getByText(`${family.name}（子女）`)).toBeVisible();
  await expect(page.getByText(family.note)).toBeVisible();
  await expect(page.locator('.staff-fields')).toContainText(family.illness);
  const reads = await withStoredDb(server, (db) =>
    db.kysely.selectFrom('audit_log').selectAll().where('action', '=', 'read.record').where('target_ref', '=', refs.a).execute(),
  );
  expect(reads.length).toBeGreaterThanOrEqual(1);
  expect(JSON.stringify(reads)).not.toContain(family.name);

  const follow = await statusPage(browser, refs.a);
  await expect(follow.page.getByText('北京清华长庚医院 已经收到您的申请', { exact: false })).toBeVisible();

  await page.getByLabel('哪一天回电').fill(chinaToday());
  await page.getByRole('group', { name: '大概什么时候' }).getByLabel('下午').check();
  await page.getByRole('button', { name: '受理并告诉家属回电时间' }).click();
  await expect(page.locator('.staff-message[role="status"]')).toContainText('已受理');
  await follow.page.reload();
  await expect(follow.page.locator('.consult-status')).toHaveText('已受理');
  await expect(follow.page.getByText(`会在 ${chinaToday()}下午 给您打电话`, { exact: false })).toBeVisible();

  await page.getByRole('button', { name: '标为已联系' }).click();
  await follow.page.reload();
  await expect(follow.page.locator('.consult-status')).toHaveText('已联系');

  await page.getByRole('group', { name: '结果' }).getByLabel('已预约评估').check();
  await page.getByRole('button', { name: '结束这份申请' }).click();
  await expect(page.locator('.consult-state')).toContainText('已结束');
  await follow.page.reload();
  await expect(follow.page.locator('.consult-status')).toHaveText('已结束');
  await expect(follow.page.getByText('已结束（已预约评估）', { exact: false })).toBeVisible();
  await follow.close();

  const changes = await withStoredDb(server, (db) =>
    db.kysely
      .selectFrom('audit_log')
      .select('detail')
      .where('action', '=', 'consultation.status')
      .where('target_ref', '=', refs.a)
      .execute(),
  );
  expect(changes.map((c) => c.detail)).toEqual([
    `${REAL}: 新申请 → 已受理, call ${chinaToday()} 下午`,
    `${REAL}: 已受理 → 已联系`,
    `${REAL}: 已联系 → 已结束, outcome 已预约评估`,
  ]);
  await context.close();

  const other = await noJs(browser);
  await signInAs(other.page, server, people.other);
  for (const p of [`/staff/consultations/${REAL}/`, `/staff/consultations/${REAL}/${refs.a}/`]) {
    const response = await other.page.goto(url(p));
    expect(response?.status(), p).toBe(404);
    await expect(other.page.getByText(family.name)).toHaveCount(0);
  }
  await other.context.close();
});

test('a declined family sees institutions accepting now; withdrawing deletes the request; the ledger counts the decline', async ({
  browser,
  page: jsPage,
}) => {
  // Another real institution reports a free bed now (written as its staff would have).
  const now = Date.now();
  await withStoredDb(server, (db) =>
    db.kysely
      .insertInto('availability_reports')
      .values({
        institution: OTHER,
        mode: '住院',
        status: '有空位',
        open_beds: 10,
        free_beds: 2,
        waiting: null,
        accepts: '家属可直接咨询',
        area: null,
        note: null,
        reported_at: new Date(now - 3_600_000).toISOString(),
        expires_at: new Date(now + 20 * 3_600_000).toISOString(),
        reported_by: 'e2e',
      })
      .execute(),
  );
  const { context, page } = await noJs(browser);
  await signInAs(page, server, people.manager);
  await page.goto(url(`/staff/consultations/${REAL}/${refs.b}/`));
  await page.getByRole('group', { name: '原因' }).getByLabel('床位已满').check();
  await page.getByRole('button', { name: '婉拒', exact: true }).click();
  await expect(page.locator('.staff-message[role="status"]')).toContainText('已婉拒');
  await context.close();

  const follow = await statusPage(browser, refs.b);
  await expect(follow.page.locator('.consult-status')).toHaveText('婉拒');
  await expect(follow.page.getByText('这次没法接收（床位已满）', { exact: false })).toBeVisible();
  const alternatives = follow.page.getByRole('region', { name: '现在可以接收的其他机构' });
  await expect(alternatives.locator(`a[href="/services/${OTHER}/"]`)).toBeVisible();
  await expect(alternatives).toContainText('有空位');

  // Withdraw: the confirmation box is required, then every row is gone.
  await follow.page.getByRole('button', { name: '撤回并删除' }).click();
  await expect(follow.page.locator('#withdraw-confirm-error')).toBeVisible();
  await follow.page.getByLabel('我确认撤回，并删除这份申请的全部内容').check();
  await follow.page.getByRole('button', { name: '撤回并删除' }).click();
  await expect(follow.page.getByRole('heading', { level: 1 })).toHaveText('申请已撤回');
  await follow.close();
  const left = await withStoredDb(server, async (db) => ({
    requests: await db.kysely.selectFrom('consultations').select('ref').execute(),
    targets: await db.kysely.selectFrom('consultation_targets').select('id').execute(),
  }));
  expect(left.requests.map((r) => r.ref)).toEqual([refs.a]);
  expect(left.targets).toHaveLength(1);

  // The decline still counts, in the open data and on /targets/.
  const file = (await (await fetch(url('/data/unmet-demand/weekly.json'))).json()) as { cells: Record<string, unknown>[] };
  expect(file.cells).toEqual([
    expect.objectContaining({ countyCode: '110114', mode: '住院', reason: '床位已满', source: 'consultation', count: '<5' }),
  ]);
  const csv = await (await fetch(url('/data/unmet-demand/weekly.csv'))).text();
  expect(csv).toContain('110114');
  await jsPage.goto(url('/targets/'));
  await expect(jsPage.locator('[data-unmet-area]')).toContainText('北京市昌平区 · 住院 · 床位已满：<5 次');
});

test('a notice the robot refuses is retried and shown to the manager as not sent', async ({ browser }) => {
  robotRemoved = true;
  const before = received.length;
  const response = await fetch(url('/api/consultations'), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: server.url },
    body: JSON.stringify({
      to: [REAL],
      name: family.name,
      relation: '配偶',
      phone: family.phone,
      callTime: '周末',
      ageBand: '70–79岁',
      county: '110114',
      setting: '医院',
      need: '居家上门',
      consent: true,
    }),
  });
  expect(response.status).toBe(201);
  await expect.poll(() => received.length, { timeout: 15_000 }).toBe(before + 1);
  const { context, page } = await noJs(browser);
  await signInAs(page, server, people.manager);
  await page.goto(url(`/staff/consultations/${REAL}/`));
  await expect(page.getByRole('heading', { name: '发送失败的群通知' })).toBeVisible();
  await expect(page.locator('.consult-settings')).toContainText('第 1 次没有发出去（errcode 93000）');
  await context.close();
  robotRemoved = false;
});

test('本区任何一家 (from the pathway helper) goes to every real institution of the county offering the mode', async ({ browser }) => {
  const { context, page } = await noJs(browser);
  await page.goto(url('/consult/?county=110114&need=住院'));
  await expect(page.getByText('本区任何一家', { exact: false })).toBeVisible();
  await expect(page.getByLabel('病人所在的区县')).toHaveValue('110114');
  await expect(page.getByRole('group', { name: '需要哪种帮助' }).getByLabel('住院')).toBeChecked();
  await page.getByLabel('您的姓名').fill(family.name);
  await page.getByRole('group', { name: '您是病人的' }).getByLabel('本人').check();
  await page.getByLabel('手机号码').fill(family.phone);
  await page.getByRole('group', { name: '什么时候方便接电话' }).getByLabel('什么时候都可以').check();
  await page.getByLabel('病人的年龄段').selectOption('60–69岁');
  await page.getByRole('group', { name: '病人现在在哪里' }).getByLabel('医院').check();
  await page.getByLabel('我已阅读隐私说明，同意把以上信息提供给所选机构').check();
  await page.getByRole('button', { name: '发送申请' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('申请已发送');
  const ref = (await page.locator('.ref-code__value').innerText()).trim();
  refs.any = ref;
  await context.close();
  const stored = await withStoredDb(server, (db) =>
    db.kysely
      .selectFrom('consultation_targets as t')
      .innerJoin('consultations as c', 'c.id', 't.consultation_id')
      .select(['t.institution', 'c.scope'])
      .where('c.ref', '=', ref)
      .execute(),
  );
  // 昌平区 has one real institution with a ward, and a sample one, which never receives requests.
  expect(stored).toEqual([{ institution: REAL, scope: 'any' }]);
});

test('the new public and console pages have no axe violations, in standard text and in 特大 with high contrast', async ({ browser }) => {
  test.skip(test.info().project.name === 'postgres', 'the pages are the same HTML on both engines: checked once, in the sqlite project');
  // Many axe passes in one test: 30–41 s on a clean local run, and CI ran such a sweep past 120 s.
  test.setTimeout(240_000);
  for (const display of [undefined, { size: 'xlarge' as const, contrast: true }]) {
    const context = await browser.newContext({ viewport: { width: 320, height: 640 } });
    const page = await context.newPage();
    if (display !== undefined) await presetDisplay(page, display);
    const check = pageChecks(page, display === undefined ? '' : '(特大, 高对比)');
    for (const p of [
      `/consult/?to=${REAL}`,
      '/consult/?county=110114&need=住院',
      '/consult/status/',
      `/consult/thanks/?ref=${refs.a}`,
      '/targets/unmet-demand/',
    ]) {
      await page.goto(url(p));
      await check(p);
    }
    // A form sent with mistakes, and a status page.
    await page.goto(url(`/consult/?to=${REAL}`));
    await page.getByRole('button', { name: '发送申请' }).click();
    await check('the form with errors');
    await page.goto(url('/consult/status/'));
    await page.getByLabel('申请编号').fill(refs.a);
    await page.getByLabel('手机号码后四位').fill(family.phone.slice(-4));
    await page.getByRole('button', { name: '查看进展' }).click();
    await check('the status page');
    await signInAs(page, server, people.manager);
    for (const p of ['/staff/', '/staff/consultations/', `/staff/consultations/${REAL}/`, `/staff/consultations/${REAL}/${refs.a}/`]) {
      await page.goto(url(p));
      await check(p);
    }
    await context.close();
  }
});

test('guessing the last four digits of a code is stopped; a sample institution takes no request', async () => {
  const status = (ref: string, lastFour: string) =>
    fetch(url('/consult/status/'), {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: server.url },
      body: new URLSearchParams({ ref, lastFour }).toString(),
    });
  // Eight wrong tries for one code in 15 minutes are answered "not found" (a code nobody looked up yet) ...
  for (let i = 0; i < 8; i++) {
    const wrong = await status(refs.any, String(1000 + i));
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toContain('没有找到这份申请');
  }
  // ... then even the right digits are refused for a while, with no hint of the request.
  const refused = await status(refs.any, family.phone.slice(-4));
  expect(refused.status).toBe(429);
  expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
  const text = await refused.text();
  expect(text).toContain('查询次数太多了');
  expect(text).not.toContain('北京清华长庚医院 已');

  const sample = await fetch(url('/api/consultations'), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: server.url },
    body: JSON.stringify({
      to: ['sample-330106'],
      name: family.name,
      relation: '本人',
      phone: family.phone,
      callTime: '周末',
      ageBand: '70–79岁',
      county: '330106',
      setting: '家',
      need: '门诊',
      consent: true,
    }),
  });
  expect(sample.status).toBe(400);
  expect(((await sample.json()) as { errors: Record<string, string> }).errors).toHaveProperty('to');
});

/**
 * Listings kept true end to end (issue #17, "Listings kept true"), on a built server with
 * JavaScript off, on SQLite and on PostgreSQL: the manager of 北京市海淀医院 proposes a
 * switchboard number and an exact address; a proposal the registry's checks refuse comes
 * back with the message beside the field; the district's commission reviewer sees the
 * change side by side and approves; the record file (a copy of the registry: REGISTRY_DIR)
 * gets provenance `institution`, the approver and today's date; the site is rebuilt in
 * the background and the institution page shows the number, while the old site answered
 * every request during the build. A rejected proposal changes nothing; a proposal that
 * fails the checks cannot be approved; the patch applies; staff of another institution
 * get 404. The listing pages pass axe and the HTML rules in two display modes.
 */
import { expect, test, type Page } from '@playwright/test';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { todayInChina } from '../../src/lib/registry/load.ts';
import { startTestServer, type TestServer } from './forms-server.ts';
import { addStaff, noJs, pageChecks, signInAs, twoStepSignIn } from './staff-kit.ts';
import { withStoredDb } from './stored.ts';
import { presetDisplay } from './utils.ts';

test.describe.configure({ mode: 'serial' });
test.setTimeout(240_000);

const REAL = 'bj-haidian-hospital';
const OTHER = 'bj-tsinghua-changgung';
const NUMBER = '010-82619999';
const people = {
  manager: { username: 'haidian-manager', password: 'manager pass 2026!' },
  reviewer: { username: 'haidian-commission', password: 'commission pass 2026!' },
  other: { username: 'changgung-manager', password: 'other pass 2026!' },
};

let server: TestServer;
/** The district's commission reviewer signs in (two-step sign-in set up the first time). */
let signInReviewer: (page: Page) => Promise<void>;
let registry: string;
let builds: string;
const url = (p: string) => `${server.url}${p}`;
const recordFile = () => path.join(registry, 'beijing', `${REAL}.json`);

/** The manager fills the form of their institution and sends it. */
async function propose(page: Page, fill: Record<string, string>): Promise<void> {
  await page.goto(url(`/staff/listings/${REAL}/`));
  for (const [label, value] of Object.entries(fill)) await page.getByLabel(label, { exact: true }).fill(value);
  await page.getByRole('button', { name: '提交给卫健委审核' }).click();
}

test.beforeAll(async () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'staff-listings-'));
  mkdirSync('.builds', { recursive: true });
  builds = mkdtempSync(path.resolve('.builds/test-publish-'));
  registry = mkdtempSync(path.join(tmpdir(), 'staff-listings-registry-'));
  cpSync('content/institutions', registry, { recursive: true });
  server = await startTestServer(
    {
      REGISTRY_DIR: registry,
      // Inside the project: the built server code loads its packages from node_modules.
      PUBLISH_BUILDS_DIR: builds,
      PUBLISH_BUILDER: '1',
      PUBLISH_POLL_SECONDS: '1',
    },
    dataDir,
  );
  signInReviewer = twoStepSignIn(server, people.reviewer);
  addStaff(
    server,
    ['--username', people.manager.username, '--role', 'manager', '--institution', REAL, '--name', '海淀医院管理员'],
    people.manager.password,
  );
  addStaff(
    server,
    ['--username', people.reviewer.username, '--role', 'commission', '--region', '110108', '--name', '海淀区卫健委审核员'],
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

test('a proposal the registry checks refuse comes back with the message beside the field, and nothing is stored', async ({ browser }) => {
  const { context, page } = await noJs(browser);
  await signInAs(page, server, people.manager);
  await propose(page, { '第 1 个电话：号码': '010 8261 abc' });
  await expect(page.locator('.listing-summary[role="alert"]')).toBeVisible();
  await expect(page.locator('#field-phone-0-number-error')).toContainText('电话号码只能含数字');
  await expect(page.getByLabel('第 1 个电话：号码', { exact: true })).toHaveValue('010 8261 abc');
  // The cross-record rules run once the record itself reads: a position outside Beijing.
  await propose(page, { '第 1 个电话：号码': NUMBER, '纬度（选填）': '31.2', '经度（选填）': '121.5' });
  await expect(page.locator('#field-lat-error')).toContainText('不在北京市范围内');
  expect(await withStoredDb(server, (db) => db.kysely.selectFrom('listing_proposals').selectAll().execute())).toEqual([]);
  await context.close();
});

test('an error report about the institution reaches its listing form and its district reviewer, with its status', async ({ browser }) => {
  const sent = await fetch(url('/api/reports/'), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: server.url },
    body: JSON.stringify({ institution: REAL, problem: '总机号码没有写，打不通病区' }),
  });
  expect(sent.status).toBe(201);
  const manager = await noJs(browser);
  await signInAs(manager.page, server, people.manager);
  await manager.page.goto(url(`/staff/listings/${REAL}/`));
  await manager.page.getByRole('link', { name: /公众报告了 1 处本机构信息可能有误/ }).click();
  await expect(manager.page.locator('table')).toContainText('待处理');
  const reviewer = await noJs(browser);
  await signInReviewer(reviewer.page);
  await reviewer.page.goto(url(`/staff/reports/?institution=${REAL}`));
  await expect(reviewer.page.locator('table')).toContainText('待处理');
  await manager.context.close();
  await reviewer.context.close();
});

test('a manager proposes a switchboard number and an exact address; the reviewer approves; the rebuilt page shows it while the old site kept answering', async ({
  browser,
}) => {
  const before = readFileSync(recordFile(), 'utf8');
  const manager = await noJs(browser);
  await signInAs(manager.page, server, people.manager);
  await manager.page.goto(url('/staff/listings/'));
  await manager.page.getByRole('link', { name: /修改“北京市海淀医院”的登记信息/ }).click();
  await manager.page.getByLabel('第 1 个电话：名称（选填）', { exact: true }).fill('总机');
  await manager.page.getByLabel('第 1 个电话：号码', { exact: true }).fill(NUMBER);
  await manager.page.getByLabel('地址（选填）', { exact: true }).fill('北京市海淀区中关村大街29号');
  await manager.page.getByLabel('纬度（选填）', { exact: true }).fill('39.9822');
  await manager.page.getByLabel('经度（选填）', { exact: true }).fill('116.3105');
  await manager.page.getByLabel('给审核人员的说明（选填）').fill('补充总机和准确地址');
  await manager.page.getByRole('button', { name: '提交给卫健委审核' }).click();
  await expect(manager.page.getByRole('status')).toContainText('已提交');
  await expect(manager.page.getByRole('row', { name: /电话/ })).toContainText(NUMBER);
  // The proposer cannot approve it; the record is untouched until a reviewer does.
  await expect(manager.page.getByRole('button', { name: '批准并发布' })).toHaveCount(0);
  expect(readFileSync(recordFile(), 'utf8')).toBe(before);
  const proposalUrl = manager.page.url();

  const reviewer = await noJs(browser);
  await signInReviewer(reviewer.page);
  await reviewer.page.goto(url('/staff/listings/'));
  await reviewer.page
    .getByRole('link', { name: /北京市海淀医院/ })
    .first()
    .click();
  await expect(reviewer.page.getByRole('row', { name: /地址/ })).toContainText('中关村大街29号');
  await expect(reviewer.page.getByRole('row', { name: /地图位置/ })).toContainText('机构准确位置');
  await expect(reviewer.page.getByText('已通过：和网站构建时的检查相同。')).toBeVisible();

  // The old site answers throughout the rebuild.
  let answering = true;
  const answers: number[] = [];
  const watch = (async () => {
    while (answering) {
      const r = await fetch(url(`/services/${REAL}/`));
      answers.push(r.status);
      await r.arrayBuffer();
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  })();
  const approvedAt = Date.now();
  await reviewer.page.getByRole('button', { name: '批准并发布' }).click();
  await expect(reviewer.page.getByRole('status').first()).toContainText('已批准');

  await expect
    .poll(async () => (await (await fetch(url(`/services/${REAL}/`))).text()).includes(NUMBER), { timeout: 180_000, intervals: [1000] })
    .toBe(true);
  const tookMs = Date.now() - approvedAt;
  answering = false;
  await watch;
  expect(tookMs).toBeLessThan(10 * 60_000);
  expect(answers.length).toBeGreaterThan(3);
  expect(new Set(answers)).toEqual(new Set([200]));

  const written = JSON.parse(readFileSync(recordFile(), 'utf8')) as Record<string, unknown> & { provenance: Record<string, string> };
  expect(written['address']).toBe('北京市海淀区中关村大街29号');
  expect(written['location']).toEqual({ lat: 39.9822, lng: 116.3105, precision: 'exact' });
  expect(written['contact']).toEqual({ phones: [{ label: '总机', number: NUMBER }] });
  expect(written.provenance.kind).toBe('institution');
  expect(written.provenance.verifiedAt).toBe(todayInChina());
  expect(written.provenance.approvedBy).toBe(`北京市海淀区卫生健康委员会（账号 ${people.reviewer.username}）`);

  await manager.page.goto(proposalUrl);
  await expect(manager.page.locator('.staff-fields').first()).toContainText('已发布');
  // The patch, as a team keeping the registry in git would download it.
  const patch = await manager.page.request.get(proposalUrl.replace('/proposal/', '/patch/'));
  expect(patch.headers()['content-type']).toContain('text/x-diff');
  const text = await patch.text();
  expect(text).toContain(`diff --git a/`);
  expect(text).toContain(`+        "number": "${NUMBER}"`);
  await manager.context.close();
  await reviewer.context.close();
});

test('a rejected proposal changes nothing and tells the manager why; a proposal failing the checks cannot be approved', async ({
  browser,
}) => {
  const before = readFileSync(recordFile(), 'utf8');
  const manager = await noJs(browser);
  await signInAs(manager.page, server, people.manager);
  await propose(manager.page, { '第 2 个电话：号码': '010-62000000' });
  await expect(manager.page.getByRole('status')).toContainText('已提交');
  const proposalUrl = manager.page.url().split('?')[0] ?? '';

  const reviewer = await noJs(browser);
  await signInReviewer(reviewer.page);
  await reviewer.page.goto(proposalUrl);
  await reviewer.page.getByRole('button', { name: '不通过' }).click();
  await expect(reviewer.page.getByRole('alert')).toContainText('请写明不通过的原因');
  await reviewer.page.getByLabel('不通过的原因（机构会看到）').fill('这个号码是行政办公室，请填写病区电话');
  await reviewer.page.getByRole('button', { name: '不通过' }).click();
  await expect(reviewer.page.getByRole('status')).toContainText('已退回');
  await manager.page.goto(proposalUrl);
  await expect(manager.page.locator('.staff-fields').first()).toContainText('这个号码是行政办公室');
  expect(readFileSync(recordFile(), 'utf8')).toBe(before);

  // A proposal that the registry's checks refuse (a referral partner that does not exist),
  // stored as an older release might have: shown with the problem, and refused on approval.
  const base = readFileSync(recordFile(), 'utf8');
  const bad = { ...(JSON.parse(base) as Record<string, unknown>), referralPartners: ['bj-no-such-place'] };
  const id = await withStoredDb(server, async (db) => {
    const row = await db.kysely
      .insertInto('listing_proposals')
      .values({
        institution: REAL,
        county: '110108',
        kind: 'change',
        base,
        proposed: `${JSON.stringify(bad, null, 2)}\n`,
        status: 'pending',
        proposed_by: 'someone-else',
        proposed_at: new Date().toISOString(),
        applicant: null,
        message: null,
        decided_by: null,
        decided_at: null,
        reason: null,
        approved: null,
        publish_run: null,
        published_at: null,
        failure: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return Number(row.id);
  });
  await reviewer.page.goto(url(`/staff/listings/proposal/${id}/`));
  await expect(reviewer.page.locator('#check-heading + p')).toContainText('没有通过，不能批准');
  await expect(reviewer.page.getByText(/referralPartners\[0\]: 找不到编号为 bj-no-such-place 的记录/)).toBeVisible();
  await expect(reviewer.page.getByRole('button', { name: '批准并发布' })).toHaveCount(0);
  // Posting the approval anyway is refused, and nothing is queued.
  const csrf = (await reviewer.page.locator('input[name="csrf"]').first().getAttribute('value')) ?? '';
  const posted = await reviewer.page.request.post(url(`/staff/listings/proposal/${id}/`), {
    form: { csrf, action: 'approve' },
    headers: { Origin: server.url },
    maxRedirects: 0,
  });
  expect(posted.status()).toBe(409);
  expect(await posted.text()).toContain('没有通过登记数据检查，不能批准');
  const status = await withStoredDb(server, (db) =>
    db.kysely.selectFrom('listing_proposals').select('status').where('id', '=', id).executeTakeFirst(),
  );
  expect(status?.status).toBe('pending');
  expect(readFileSync(recordFile(), 'utf8')).toBe(before);
  await manager.context.close();
  await reviewer.context.close();
});

test('an institution not yet listed applies without JavaScript; the district reviewer sees its contact (audited), approves, and its page is published', async ({
  browser,
}) => {
  const { context, page } = await noJs(browser);
  await page.goto(url('/join/'));
  await page.getByRole('button', { name: '提交申请' }).click();
  await expect(page.locator('.listing-summary[role="alert"]')).toBeVisible();
  await expect(page.locator('#field-name-error')).toContainText('请填写机构名称');
  await expect(page.locator('#field-applicant-consent-error')).toContainText('请勾选同意');

  await page.getByLabel('机构名称').fill('北京市海淀区测试社区卫生服务中心');
  await page.getByLabel('所在区县').selectOption('110108');
  await page.getByRole('group', { name: '机构类型' }).getByLabel('社区卫生服务中心').check();
  await page.getByLabel('第 1 个电话：号码', { exact: true }).fill('010-62345678');
  await page.getByLabel('本机构提供居家服务').check();
  await page.getByLabel('姓名').fill('王护士长');
  await page.getByLabel('工作电话').fill('010-62345679');
  await page.getByLabel(/我同意本站和所在地区卫健委/).check();
  await page.getByRole('button', { name: '提交申请' }).click();
  await expect(page.getByRole('status')).toContainText('申请已经收到');
  await context.close();

  // From another site: refused, nothing stored.
  const foreign = await fetch(url('/join/'), {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'https://evil.example' },
    body: 'name=x',
  });
  expect(foreign.status).toBe(403);

  const stored = await withStoredDb(server, (db) =>
    db.kysely.selectFrom('listing_proposals').select(['id', 'institution', 'applicant', 'status']).where('kind', '=', 'new').execute(),
  );
  expect(stored).toHaveLength(1);
  const application = stored[0]!;
  expect(application.institution).toMatch(/^bj-110108-[a-z0-9]+$/);

  const reviewer = await noJs(browser);
  await signInReviewer(reviewer.page);
  await reviewer.page.goto(url('/staff/listings/'));
  await reviewer.page.getByRole('link', { name: /北京市海淀区测试社区卫生服务中心/ }).click();
  await expect(reviewer.page.locator('.staff-fields').first()).toContainText('王护士长');
  const reads = await withStoredDb(server, (db) =>
    db.kysely.selectFrom('audit_log').select(['action', 'target_ref']).where('target_kind', '=', 'listing-applicant').execute(),
  );
  expect(reads).toEqual([{ action: 'read.record', target_ref: String(application.id) }]);
  await reviewer.page.getByRole('button', { name: '批准并发布' }).click();
  await expect(reviewer.page.getByRole('status').first()).toContainText('已批准');
  await expect
    .poll(async () => (await fetch(url(`/services/${application.institution}/`))).status, { timeout: 180_000, intervals: [1000] })
    .toBe(200);
  const published = await (await fetch(url(`/services/${application.institution}/`))).text();
  expect(published).toContain('北京市海淀区测试社区卫生服务中心');
  expect(published).toContain('010-62345678');
  // The contact is never in the record.
  const file = readFileSync(path.join(registry, 'beijing', `${application.institution}.json`), 'utf8');
  expect(file).not.toContain('王护士长');
  expect(file).not.toContain('010-62345679');
  await reviewer.context.close();
});

test('staff of another institution get 404 for the listing form and for a proposal', async ({ browser }) => {
  const { context, page } = await noJs(browser);
  await signInAs(page, server, people.other);
  const form = await page.goto(url(`/staff/listings/${REAL}/`));
  expect(form?.status()).toBe(404);
  const proposal = await page.goto(url('/staff/listings/proposal/1/'));
  expect(proposal?.status()).toBe(404);
  const patch = await page.request.get(url('/staff/listings/patch/1/'));
  expect(patch.status()).toBe(404);
  await context.close();
});

test('the listing pages have no axe violations and pass the HTML rules, in standard text and in 特大 with high contrast', async ({
  browser,
}) => {
  test.skip(test.info().project.name === 'postgres', 'the pages are the same HTML on both engines: checked once, in the sqlite project');
  for (const display of [undefined, { size: 'xlarge' as const, contrast: true }]) {
    const context = await browser.newContext({ viewport: { width: 320, height: 640 } });
    const page = await context.newPage();
    if (display !== undefined) await presetDisplay(page, display);
    const check = pageChecks(page, display === undefined ? '' : '(特大, 高对比)');
    await signInAs(page, server, people.manager);
    for (const p of ['/join/', '/staff/listings/', `/staff/listings/${REAL}/`, '/staff/listings/proposal/1/']) {
      await page.goto(url(p));
      await check(p);
    }
    await propose(page, { '第 1 个电话：号码': 'abc' });
    await check('the form with messages');
    await context.close();
  }
});

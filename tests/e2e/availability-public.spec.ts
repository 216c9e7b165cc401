/**
 * The public half of the availability board (issue #17), as a family and an open-data user
 * meet it: the institution page's 现在的接收情况 (with and without JavaScript, fresh,
 * expired, never reported, fetch failed, sample), the finder's badge, map popup and
 * 现在可接收 filter, the reported beds on /targets/, and the county aggregate files under
 * /data/availability/ from the real server and its real database.
 *
 * Where a browser test shows statuses, GET /api/availability is answered with a fixed feed
 * (page.route): the endpoint itself belongs to the server half of the board and is tested
 * against real databases in its own spec; here only what the pages make of its answer is
 * under test. The clock is Playwright's (page.clock), so "today", expiry and the
 * minute-by-minute re-reading are controlled. Everything else is the real built site.
 */
import { test, expect, type Page } from '@playwright/test';
import { publicStatus, type AvailabilityFeed, type ModeReport, type PublicModeStatus } from '../../src/lib/network/availability.ts';
import { parseCsv } from '../../src/lib/csv.ts';
import { axeViolations } from './axe.ts';
import { sharedServerData, withStoredDb } from './stored.ts';
import { presetDisplay } from './utils.ts';

/** 2026-12-05 14:30 in Beijing. */
const NOW = new Date('2026-12-05T06:30:00Z');
const at = (minutes: number, from = NOW) => new Date(from.getTime() + minutes * 60_000).toISOString();

function mode(patch: Partial<ModeReport> & Pick<ModeReport, 'mode' | 'status'>, now = NOW): PublicModeStatus {
  return publicStatus(
    {
      openBeds: null,
      freeBeds: null,
      waiting: null,
      accepts: null,
      area: null,
      note: null,
      reportedAt: at(-30),
      expiresAt: at(24 * 60),
      ...patch,
    },
    now,
  );
}

/** Answers GET /api/availability with `feed` (or fails it), counting the requests. */
async function serveFeed(page: Page, feed: AvailabilityFeed | 'fail'): Promise<{ requests: number }> {
  const seen = { requests: 0 };
  await page.route(/\/api\/availability(\?.*)?$/, async (route) => {
    seen.requests++;
    if (feed === 'fail') await route.fulfill({ status: 503, contentType: 'application/json', body: '{"ok":false}' });
    else await route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(feed) });
  });
  return seen;
}

const isLocal = (url: string) => ['localhost', '127.0.0.1'].includes(new URL(url).hostname) || url.startsWith('data:');

test.beforeEach(async ({ page }) => {
  // No network here: map tiles and anything else leaving the machine is refused.
  await page.route(
    (url) => !isLocal(url.href),
    (route) => route.abort(),
  );
});

const live = (page: Page) => page.getByRole('region', { name: '现在的接收情况' });

test.describe('institution page', () => {
  const TSINGHUA = '/services/bj-tsinghua-changgung/';

  test('with JavaScript: each mode with its status, figures, time and 请致电确认; an expiry while the page is open falls to 未知', async ({
    page,
  }) => {
    await page.clock.install({ time: NOW });
    const feed = await serveFeed(page, {
      generatedAt: NOW.toISOString(),
      institutions: {
        'bj-tsinghua-changgung': {
          住院: mode({
            mode: '住院',
            status: '有空位',
            openBeds: 20,
            freeBeds: 3,
            waiting: '一周内',
            accepts: '家属可直接咨询',
            reportedAt: at(-85),
          }),
          居家: mode({
            mode: '居家',
            status: '紧张',
            openBeds: 30,
            freeBeds: 1,
            area: '昌平区回龙观、天通苑',
            reportedAt: at(-60),
            expiresAt: at(10),
          }),
        },
      },
    });
    await page.goto(TSINGHUA);
    const region = live(page);
    await expect(region.getByRole('link', { name: '查看现在的接收情况（床位、等候时间）' })).toHaveAttribute(
      'href',
      '/availability/bj-tsinghua-changgung/',
    );
    const area = region.locator('[aria-live="polite"]');
    await expect(area).toContainText('住院病床：有空位');
    await expect(area).toContainText('空床 3 张，共开放 20 张');
    await expect(area).toContainText('等候时间：一周内');
    await expect(area).toContainText('家属可直接咨询');
    await expect(area).toContainText('更新于今天 13:05，请致电确认。');
    await expect(area).toContainText('居家/家庭病床名额：紧张');
    await expect(area).toContainText('空余 1 个，共 30 个');
    await expect(area).toContainText('上门范围：昌平区回龙观、天通苑');
    await expect(area.getByText(/请致电确认/)).toHaveCount(2);
    expect(feed.requests).toBe(1);

    // Eleven minutes on, the home-care report has expired: 未知, only its last time, no figures.
    await page.clock.fastForward('11:00');
    await expect(area).toContainText('居家/家庭病床名额：未知');
    await expect(area).toContainText('最近一次更新是今天 13:30，已经过期，现在的情况不清楚。请先致电确认。');
    await expect(area).not.toContainText('空余 1 个');
    await expect(area).not.toContainText('上门范围');
    await expect(area).toContainText('住院病床：有空位');
    expect(feed.requests).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
  });

  test('a report already expired in the feed shows only 未知 and when it was last updated', async ({ page }) => {
    await page.clock.install({ time: NOW });
    await serveFeed(page, {
      generatedAt: NOW.toISOString(),
      institutions: {
        'bj-tsinghua-changgung': {
          住院: mode({
            mode: '住院',
            status: '已满可登记等候',
            openBeds: 20,
            freeBeds: 0,
            reportedAt: '2026-12-01T02:00:00Z',
            expiresAt: '2026-12-02T02:00:00Z',
          }),
        },
      },
    });
    await page.goto(TSINGHUA);
    const area = live(page).locator('[aria-live="polite"]');
    await expect(area).toContainText('住院病床：未知');
    await expect(area).toContainText('最近一次更新是12月1日 10:00，已经过期');
    await expect(area).not.toContainText('已满');
    await expect(area).not.toContainText('20 张');
    // A mode it offers but never reported on says so.
    await expect(area).toContainText('居家/家庭病床名额：还没有上报');
  });

  test('never reported, and a failed fetch: the link stays and nothing is invented', async ({ page }) => {
    await serveFeed(page, { generatedAt: new Date().toISOString(), institutions: {} });
    await page.goto(TSINGHUA);
    await expect(live(page)).toContainText('这家机构还没有上报现在的接收情况，请打电话问。');

    await page.unrouteAll({ behavior: 'ignoreErrors' });
    await serveFeed(page, 'fail');
    await page.goto(TSINGHUA);
    const region = live(page);
    await expect(region).toContainText('暂时读不到现在的接收情况。请打开上面的链接查看，或直接打电话问。');
    await expect(region.getByRole('link', { name: '查看现在的接收情况（床位、等候时间）' })).toBeVisible();
    await expect(region).not.toContainText('有空位');
    await expect(region).not.toContainText('未知');
  });

  test('a sample institution says it has no live figures, links to none, and asks for no feed', async ({ page }) => {
    const feed = await serveFeed(page, { generatedAt: new Date().toISOString(), institutions: {} });
    await page.goto('/services/sample-110105/');
    const region = live(page);
    await expect(region).toContainText('示例机构：没有实时接收情况');
    await expect(region.getByRole('link')).toHaveCount(0);
    await expect(page.locator('a[href^="/availability/"]')).toHaveCount(0);
    expect(feed.requests).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
  });

  test('elder mode at 320 px: 特大 text with high contrast, nothing scrolls sideways, no axe violations', async ({ page }) => {
    await page.setViewportSize({ width: 320, height: 800 });
    await presetDisplay(page, { size: 'xlarge', contrast: true });
    await page.clock.install({ time: NOW });
    await serveFeed(page, {
      generatedAt: NOW.toISOString(),
      institutions: {
        'bj-tsinghua-changgung': {
          住院: mode({
            mode: '住院',
            status: '需先评估',
            openBeds: 120,
            freeBeds: 12,
            waiting: '一至三个月',
            note: '请先带近期病历到安宁疗护门诊评估，评估后安排入院。',
          }),
        },
      },
    });
    await page.goto(TSINGHUA);
    await expect(live(page)).toContainText('住院病床：需先评估');
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    expect(await axeViolations(page)).toEqual([]);
  });
});

test.describe('institution page without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('a plain link to the server-rendered availability page, and an empty live area', async ({ page }) => {
    await page.goto('/services/bj-songtang/');
    const region = live(page);
    await expect(region.getByRole('heading', { name: '现在的接收情况' })).toBeVisible();
    await expect(region.getByRole('link', { name: '查看现在的接收情况（床位、等候时间）' })).toHaveAttribute(
      'href',
      '/availability/bj-songtang/',
    );
    await expect(region.locator('[aria-live="polite"]')).toBeEmpty();
  });
});

test.describe('finder', () => {
  // 东城区: five real institutions. 鼓楼中医 free beds, 隆福 full, 第六医院 expired, 协和 (clinic and
  // consultation only) tight on its clinic, 北京医院 never reported.
  const FEED: AvailabilityFeed = {
    generatedAt: NOW.toISOString(),
    institutions: {
      'bj-gulou-tcm': { 住院: mode({ mode: '住院', status: '有空位', openBeds: 16, freeBeds: 2 }) },
      'bj-longfu': { 住院: mode({ mode: '住院', status: '已满可登记等候', openBeds: 30, freeBeds: 0 }) },
      'bj-sixth-hospital': {
        住院: mode({ mode: '住院', status: '有空位', reportedAt: '2026-12-03T01:00:00Z', expiresAt: '2026-12-04T01:00:00Z' }),
      },
      'bj-pumch': { 门诊: mode({ mode: '门诊', status: '紧张' }) },
    },
  };
  const item = (page: Page, name: string) => page.getByRole('article').filter({ has: page.getByRole('heading', { name, exact: true }) });
  const items = (page: Page) => page.locator('.fr-list').getByRole('article');

  test('a badge per result, and 现在可接收 narrows the list, kept in the address and combined with the mode', async ({ page }) => {
    await page.clock.setFixedTime(NOW);
    await serveFeed(page, FEED);
    await page.goto('/services/?county=110101&verified=1');
    await expect(item(page, '北京市鼓楼中医医院')).toContainText('住院病床：有空位（更新于今天 14:00，请致电确认）');
    await expect(item(page, '北京市隆福医院')).toContainText('住院病床：已满可登记等候（更新于今天 14:00，请致电确认）');
    await expect(item(page, '北京市第六医院')).toContainText('住院病床：未知（最近一次更新是12月3日 09:00，请先致电确认）');
    await expect(item(page, '北京协和医院')).toContainText('门诊号源：紧张');
    await expect(item(page, '北京医院')).toContainText('还没有上报现在的接收情况');
    const all = await items(page).count();
    expect(all).toBeGreaterThanOrEqual(5);

    const filter = page.getByRole('checkbox', { name: '现在可接收' });
    await expect(filter).toBeEnabled();
    await filter.check();
    await expect(items(page)).toHaveCount(2);
    await expect(item(page, '北京市鼓楼中医医院')).toBeVisible();
    await expect(item(page, '北京协和医院')).toBeVisible();
    await expect(page).toHaveURL(/accepting=1/);

    // With 住院 chosen, the clinic's tight slots do not count as a bed.
    await page.getByRole('group', { name: '服务方式' }).getByRole('checkbox', { name: '住院' }).check();
    await expect(items(page)).toHaveCount(1);
    await expect(item(page, '北京市鼓楼中医医院')).toBeVisible();
    expect(await axeViolations(page)).toEqual([]);

    // The address restores it.
    await page.reload();
    await expect(page.getByRole('checkbox', { name: '现在可接收' })).toBeChecked();
    await expect(items(page)).toHaveCount(1);
  });

  test('the map follows the filter and its popup carries the badge', async ({ page }) => {
    await page.clock.setFixedTime(NOW);
    await serveFeed(page, FEED);
    await page.goto('/services/?county=110101&verified=1&accepting=1&map=1&tiles=none');
    const map = page.getByRole('region', { name: '机构地图' });
    await expect(items(page)).toHaveCount(2);
    // Records on the map: single markers plus what each cluster stands for (nearby records cluster).
    const onMap = () =>
      map.locator('.leaflet-marker-pane').evaluate((pane) => {
        const clusters = [...pane.querySelectorAll('.fm-cluster [aria-hidden="true"]')].map((c) => Number(c.textContent));
        return pane.querySelectorAll('.fm-marker').length + clusters.reduce((a, b) => a + b, 0);
      });
    await expect.poll(onMap).toBe(2);
    await item(page, '北京市鼓楼中医医院')
      .getByRole('button', { name: /^在地图上查看/ })
      .click();
    const popup = map.locator('.leaflet-popup');
    await expect(popup).toContainText('北京市鼓楼中医医院');
    await expect(popup).toContainText('住院病床：有空位（更新于今天 14:00，请致电确认）');
    expect(await axeViolations(page)).toEqual([]);
  });

  test('without the feed the filter says it needs live data and stays off instead of hiding everything', async ({ page }) => {
    await serveFeed(page, 'fail');
    await page.goto('/services/?county=110101&verified=1');
    await expect(items(page).first()).toBeVisible();
    const count = await items(page).count();
    await page.goto('/services/?county=110101&verified=1&accepting=1');
    const filter = page.getByRole('checkbox', { name: '现在可接收' });
    await expect(filter).toBeDisabled();
    await expect(filter).not.toBeChecked();
    await expect(page.getByText('暂时读不到现在的接收情况，这个筛选用不了；下面的结果没有按它筛选。')).toBeVisible();
    await expect(items(page)).toHaveCount(count);
    await expect(page.locator('.fr-live')).toHaveCount(0);

    // A feed in which nobody has reported: the same, in its own words.
    await page.unrouteAll({ behavior: 'ignoreErrors' });
    await serveFeed(page, { generatedAt: new Date().toISOString(), institutions: {} });
    await page.reload();
    await expect(page.getByText('还没有机构上报现在的接收情况，这个筛选暂时用不了。')).toBeVisible();
    await expect(page.getByRole('checkbox', { name: '现在可接收' })).toBeDisabled();
    await expect(items(page)).toHaveCount(count);
  });
});

interface CountiesJson {
  notice: string;
  computedAt: string;
  date: string;
  asOf: string;
  counties: {
    code: string;
    name: string;
    reporting: number;
    fresh: number;
    openBeds: number | null;
    freeBeds: number | null;
    bedReports: number;
  }[];
  provinces: { code: string; reporting: number; openBeds: number | null; freeBeds: number | null; bedReports: number }[];
}

// One worker and in order: the rows are written into the shared server's database before and removed after.
test.describe('open data and /targets/ from the real server', () => {
  test.describe.configure({ mode: 'serial' });
  const BY = 'e2e-availability-public';
  /** A past day: no other test writes reports dated then, so its figures are exactly ours. */
  const PAST = '2020-01-05';

  test.afterAll(async () => {
    await withStoredDb(sharedServerData(), (db) => db.kysely.deleteFrom('availability_reports').where('reported_by', '=', BY).execute());
  });

  test('/targets/ shows what the aggregate says for Beijing; with nothing reported, 暂无机构上报', async ({ page, request }) => {
    const json = (await (await request.get('/data/availability/counties.json')).json()) as CountiesJson;
    const beijing = json.provinces.find((p) => p.code === '110000');
    await page.goto('/targets/');
    const box = page.locator('#bj-hospice-beds [data-reported-beds]');
    await expect(box.getByRole('heading', { name: '机构自报的床位数，不是核实数字' })).toBeVisible();
    if (beijing === undefined || beijing.reporting === 0) await expect(box).toContainText('暂无机构上报。计算于');
    else await expect(box).toContainText(`合计 ${beijing.openBeds ?? 0} 张`);
  });

  test('counties.json and .csv: reported figures of real institutions, fresh 住院 beds only, with the time computed', async ({
    request,
  }) => {
    const rows = [
      // 昌平区 (110114) 清华长庚: 住院 40 open / 4 free, fresh at the end of the day; its home-care places are not beds.
      {
        institution: 'bj-tsinghua-changgung',
        mode: '住院',
        status: '有空位',
        open_beds: 40,
        free_beds: 4,
        reported_at: '2020-01-05T01:00:00.000Z',
        expires_at: '2020-01-06T01:00:00.000Z',
      },
      {
        institution: 'bj-tsinghua-changgung',
        mode: '居家',
        status: '有空位',
        open_beds: 80,
        free_beds: 8,
        reported_at: '2020-01-05T01:00:00.000Z',
        expires_at: '2020-01-06T01:00:00.000Z',
      },
      // 朝阳区 (110105) 松堂: reported the day before, expired by the end of the day: reporting, not fresh, no beds.
      {
        institution: 'bj-songtang',
        mode: '住院',
        status: '有空位',
        open_beds: 200,
        free_beds: 20,
        reported_at: '2020-01-04T01:00:00.000Z',
        expires_at: '2020-01-05T01:00:00.000Z',
      },
      // A sample institution never counts.
      {
        institution: 'sample-110105',
        mode: '住院',
        status: '有空位',
        open_beds: 99,
        free_beds: 99,
        reported_at: '2020-01-05T01:00:00.000Z',
        expires_at: '2020-01-06T01:00:00.000Z',
      },
    ];
    await withStoredDb(sharedServerData(), (db) =>
      db.kysely
        .insertInto('availability_reports')
        .values(rows.map((r) => ({ ...r, waiting: null, accepts: null, area: null, note: null, reported_by: BY, kind: 'report' })))
        .execute(),
    );

    const res = await request.get(`/data/availability/counties.json?date=${PAST}`);
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toContain('application/json');
    expect(res.headers()['cache-control']).toMatch(/max-age=\d+/);
    const file = (await res.json()) as CountiesJson;
    expect(file.notice).toContain('本站没有核实');
    expect(file).toMatchObject({ date: PAST, asOf: '2020-01-05T15:59:59.999Z' });
    expect(Date.now() - Date.parse(file.computedAt)).toBeLessThan(60_000);
    const county = (code: string) => file.counties.find((c) => c.code === code);
    expect(county('110114')).toMatchObject({ name: '北京市昌平区', reporting: 1, fresh: 1, openBeds: 40, freeBeds: 4, bedReports: 1 });
    expect(county('110105')).toMatchObject({ reporting: 1, fresh: 0, openBeds: null, freeBeds: null });
    expect(file.provinces.find((p) => p.code === '110000')).toMatchObject({ reporting: 2, openBeds: 40, freeBeds: 4 });

    const csv = await request.get(`/data/availability/counties.csv?date=${PAST}`);
    expect(csv.headers()['content-type']).toContain('text/csv');
    const text = await csv.text();
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const [header = [], ...body] = parseCsv(text);
    const changping = body.find((r) => r[0] === '110114') ?? [];
    const cell = (name: string) => changping[header.indexOf(name)];
    expect(cell('开放床位合计（住院，只计未过期的报告）')).toBe('40');
    expect(cell('空床合计（住院，只计未过期的报告）')).toBe('4');
    expect(Date.now() - Date.parse(cell('计算时间（UTC）') ?? '')).toBeLessThan(60_000);
    expect(cell('日期（北京时间）')).toBe(PAST);

    expect((await request.get('/data/availability/counties.json?date=2999-01-01')).status()).toBe(400);
    expect((await request.get('/data/availability/counties.csv?date=yesterday')).status()).toBe(400);
  });

  test('/targets/ beside the bed targets: the reported total and each centre, labelled and timed; no-JS link to the JSON', async ({
    page,
  }) => {
    const now = new Date();
    await withStoredDb(sharedServerData(), (db) =>
      db.kysely
        .insertInto('availability_reports')
        .values(
          [
            { institution: 'bj-tsinghua-changgung', open_beds: 40, free_beds: 4 },
            { institution: 'bj-songtang', open_beds: 30, free_beds: null },
          ].map((r) => ({
            ...r,
            mode: '住院',
            status: '有空位',
            waiting: null,
            accepts: null,
            area: null,
            note: null,
            reported_at: at(-5, now),
            expires_at: at(24 * 60, now),
            reported_by: BY,
            kind: 'report',
          })),
        )
        .execute(),
    );
    // The per-centre figures come from GET /api/availability (served here, see the top of the file).
    await serveFeed(page, {
      generatedAt: now.toISOString(),
      institutions: {
        'bj-songtang': {
          住院: mode({ mode: '住院', status: '有空位', openBeds: 30, reportedAt: at(-5, now), expiresAt: at(24 * 60, now) }, now),
        },
      },
    });
    await page.goto('/targets/');
    const total = page.locator('#bj-hospice-beds [data-reported-beds]');
    await expect(total).toContainText(
      /北京市机构自报的住院开放床位合计 70 张，来自 2 份未过期的报告。其中空床 4 张。计算于(今天|昨天) \d\d:\d\d。/,
    );
    await expect(total.getByRole('link', { name: '各区县机构自报的数字（JSON）' })).toHaveAttribute(
      'href',
      '/data/availability/counties.json',
    );
    const centres = page.locator('#bj-district-hospice-centre [data-reported-beds]');
    await expect(centres.getByRole('heading', { name: '机构自报的床位数，不是核实数字' })).toBeVisible();
    await expect(centres.getByRole('listitem').filter({ hasText: '北京松堂关怀医院' })).toContainText(
      /：自报开放床位 30 张，更新于(今天|昨天) \d\d:\d\d/,
    );
    expect(await axeViolations(page)).toEqual([]);

    await page.goto('/data/');
    await expect(page.getByRole('link', { name: 'availability/counties.json' })).toHaveAttribute(
      'href',
      '/data/availability/counties.json',
    );
    await expect(page.getByRole('link', { name: 'availability/counties.csv' })).toHaveAttribute('href', '/data/availability/counties.csv');
    await expect(page.getByText('这些是机构自己上报的数字，本站没有核实。')).toBeVisible();
    expect(await axeViolations(page)).toEqual([]);
  });
});

test.describe('/targets/ without JavaScript', () => {
  test.use({ javaScriptEnabled: false });
  test('the label, the link to the JSON and each centre’s availability page', async ({ page }) => {
    await page.goto('/targets/');
    const total = page.locator('#bj-hospice-beds [data-reported-beds]');
    await expect(total.getByRole('heading', { name: '机构自报的床位数，不是核实数字' })).toBeVisible();
    await expect(total.getByRole('link', { name: '各区县机构自报的数字（JSON）' })).toBeVisible();
    await expect(
      page.locator('#bj-district-hospice-centre [data-reported-beds]').getByRole('link', { name: '北京松堂关怀医院' }),
    ).toHaveAttribute('href', '/availability/bj-songtang/');
  });
});

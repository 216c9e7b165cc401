import { test, expect } from '@playwright/test';

interface RecordJson {
  id: string;
  url: string;
}
interface RowJson {
  regionCode: string;
  regionName: string;
  regionUrl: string;
  status?: string;
  statusLabel?: string;
  count?: number;
  knownBeds?: number;
  records: RecordJson[];
  undetermined: RecordJson[];
}
interface TargetJson {
  id: string;
  title: string;
  type: string;
  status: string;
  statusLabel: string;
  samplesExcluded: number;
  rows?: RowJson[];
}
interface TargetsJson {
  statuses: Record<string, string>;
  registry: { scope: string; records: number; sampleRecords: number; countedRecords: number }[];
  targets: TargetJson[];
}

test('the tracker page shows the same statuses, counts and records as /data/targets.json', async ({ page, request }) => {
  const res = await request.get('/data/targets.json');
  expect(res.ok()).toBe(true);
  expect(res.headers()['content-type']).toContain('application/json');
  const data = (await res.json()) as TargetsJson;
  expect(data.targets.length).toBeGreaterThanOrEqual(9);

  await page.goto('/targets/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('规划目标进展');

  // Overview: one row per target with its status.
  const summary = page.getByRole('table', { name: '各项目标的进展' });
  for (const target of data.targets) {
    const row = summary.getByRole('row').filter({ has: page.getByRole('rowheader', { name: target.title, exact: true }) });
    await expect(row.getByRole('cell').nth(2), target.id).toHaveText(target.statusLabel);
  }

  // Per region: status, count and the records behind it, row by row.
  for (const target of data.targets) {
    if (!target.rows) continue;
    const table = page.getByRole('table', { name: new RegExp(`^${target.title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}：`) });
    await expect(table).toBeVisible();
    const rows = await table.locator('tbody tr').evaluateAll((trs) =>
      trs.map((tr) => ({
        code: tr.getAttribute('data-region'),
        status: tr.getAttribute('data-status'),
        region: tr.querySelector('th a')?.getAttribute('href'),
        statusText: tr.querySelector('.target-status')?.textContent?.trim() ?? null,
        links: [...tr.querySelectorAll('td a')].map((a) => a.getAttribute('href')),
      })),
    );
    expect(
      rows.map((r) => r.code),
      target.id,
    ).toEqual(target.rows.map((r) => r.regionCode));
    target.rows.forEach((row, i) => {
      const shown = rows[i];
      expect(shown?.region).toBe(row.regionUrl);
      if (row.status !== undefined) {
        expect(shown?.status, `${target.id} ${row.regionName}`).toBe(row.status);
        expect(shown?.statusText, `${target.id} ${row.regionName}`).toBe(row.statusLabel);
      }
      const expected = [...row.records, ...row.undetermined].map((r) => r.url);
      expect(
        shown?.links.filter((href) => href?.startsWith('/services/')),
        `${target.id} ${row.regionName}`,
      ).toEqual(expected);
    });
  }

  // Sample records are left out, and the page says how many.
  const samples = data.registry.reduce((sum, c) => sum + c.sampleRecords, 0);
  await expect(page.getByRole('main')).toContainText(`本站共有 ${samples} 条示例记录`);
  for (const target of data.targets) {
    for (const row of target.rows ?? [])
      for (const r of [...row.records, ...row.undetermined]) expect(r.id.startsWith('sample-')).toBe(false);
  }
});

test('targets the registry cannot measure say there is no data source', async ({ page }) => {
  await page.goto('/targets/');
  const external = page.getByRole('region', { name: '暂无数据来源的目标' });
  const items = external.getByRole('article');
  await expect(items).toHaveCount(3);
  for (let i = 0; i < 3; i++) await expect(items.nth(i)).toContainText('暂无数据来源');
  await expect(external).toContainText('新增安宁疗护结业证书获得者2000名');
});

test('the page explains the registry is incomplete and invites institutions to report', async ({ page }) => {
  await page.goto('/targets/');
  const notice = page.getByRole('region', { name: '请注意：登记数据还不完整' });
  await expect(notice).toContainText('尚未达成');
  await expect(notice.getByRole('link', { name: '报告机构信息' })).toHaveAttribute('href', /^\/report\//);
});

test('a target whose year has passed says so, and points to the commission for the official figures', async ({ page }) => {
  await page.goto('/targets/');
  const summary = page.getByRole('table', { name: '各项目标的进展' });
  const beijing = summary
    .getByRole('row')
    .filter({ has: page.getByRole('rowheader', { name: '全市安宁疗护床位不少于 1800 张', exact: true }) });
  await expect(beijing.getByRole('cell').nth(1)).toHaveText('2025 年（已过）');
  await expect(page.locator('#bj-hospice-beds')).toContainText('目标年份（2025 年）已经过去');
  await expect(page.locator('#bj-hospice-beds')).toContainText('北京市卫生健康委员会');
  await expect(page.locator('#zj-city-hospital-ward')).not.toContainText('已经过去');
});

/**
 * The daily availability aggregate per county (src/server/network/availability-aggregate.ts)
 * on SQLite and PostgreSQL, from rows written straight into availability_reports: the newest
 * report per institution and mode is current, expired reports count as reporting but not
 * fresh and add no beds, only 住院 beds are summed, sample and unknown institutions never
 * count, and a past day is read as it stood at its end. Then the open-data files made from it.
 */
import { describe, expect, it } from 'vitest';
import type { Db } from '../../src/server/db/connect.ts';
import {
  availabilityAggregate,
  chinaDay,
  chinaDayStart,
  currentReports,
  momentOfDay,
} from '../../src/server/network/availability-aggregate.ts';
import { countiesCsv, countiesFile, readCountiesFile } from '../../src/lib/network/availability-counties.ts';
import { parseCsv } from '../../src/lib/csv.ts';
import { forEachEngine } from '../helpers/engines.ts';
import { regions } from './registry-helpers.ts';

/** 2026-12-05 14:30 in Beijing. */
const NOW = new Date('2026-12-05T06:30:00Z');
const hours = (h: number) => new Date(NOW.getTime() + h * 3_600_000).toISOString();

const registry = {
  regions: regions(),
  institutions: [
    { id: 'bj-a', sample: false, regionCode: '110105' },
    { id: 'bj-b', sample: false, regionCode: '110105' },
    { id: 'bj-c', sample: false, regionCode: '110105' },
    { id: 'bj-quiet', sample: false, regionCode: '110108' },
    { id: 'zj-a', sample: false, regionCode: '330106' },
    { id: 'sample-110105-1', sample: true, regionCode: '110105' },
  ],
};

interface Row {
  institution: string;
  mode?: string;
  status?: string;
  open?: number | null;
  free?: number | null;
  reported: string;
  expires: string;
  kind?: string;
}

async function insert(db: Db, rows: readonly Row[]): Promise<void> {
  for (const r of rows) {
    await db.kysely
      .insertInto('availability_reports')
      .values({
        institution: r.institution,
        mode: r.mode ?? '住院',
        status: r.status ?? '有空位',
        open_beds: r.open ?? null,
        free_beds: r.free ?? null,
        waiting: null,
        accepts: null,
        area: null,
        note: null,
        reported_at: r.reported,
        expires_at: r.expires,
        reported_by: 'staff-1',
        kind: r.kind ?? 'report',
      })
      .execute();
  }
}

/** A day in the life of the board, up to NOW. */
const DAY: readonly Row[] = [
  // bj-a: yesterday 20 open / 5 free, today 20 / 2: only today's counts.
  { institution: 'bj-a', open: 20, free: 5, reported: hours(-20), expires: hours(4) },
  { institution: 'bj-a', open: 20, free: 2, reported: hours(-2), expires: hours(22) },
  // …and its home care places are not beds.
  { institution: 'bj-a', mode: '居家', open: 40, free: 10, reported: hours(-2), expires: hours(22) },
  // bj-b: reported two days ago, expired: reporting, not fresh, no beds.
  { institution: 'bj-b', open: 50, free: 9, reported: hours(-50), expires: hours(-26) },
  // bj-c: fresh, full, beds stated as open only.
  { institution: 'bj-c', status: '已满可登记等候', open: 30, free: null, reported: hours(-1), expires: hours(23), kind: 'confirm' },
  // A sample institution and an id the registry does not hold never count.
  { institution: 'sample-110105-1', open: 99, free: 99, reported: hours(-1), expires: hours(23) },
  { institution: 'gone-institution', open: 99, free: 99, reported: hours(-1), expires: hours(23) },
  // zj-a: fresh, no counts at all.
  { institution: 'zj-a', status: '紧张', reported: hours(-3), expires: hours(21) },
];

describe('days in China', () => {
  it('reads the China calendar, and refuses days not begun or not dates', () => {
    expect(chinaDay(new Date('2026-12-04T16:00:00Z'))).toBe('2026-12-05');
    expect(chinaDayStart('2026-12-05')?.toISOString()).toBe('2026-12-04T16:00:00.000Z');
    expect(momentOfDay('2026-12-05', NOW)).toEqual(NOW);
    expect(momentOfDay('2026-12-04', NOW)?.toISOString()).toBe('2026-12-04T15:59:59.999Z');
    expect(momentOfDay('2026-12-06', NOW)).toBeNull();
    expect(momentOfDay('2026-02-30', NOW)).toBeNull();
    expect(momentOfDay('yesterday', NOW)).toBeNull();
  });
});

forEachEngine((_engine, { openFresh }) => {
  it('takes the newest report of each institution and mode made by then', async () => {
    const db = await openFresh();
    await insert(db, DAY);
    const current = await currentReports(db, NOW);
    const a = current.filter((r) => r.institution === 'bj-a').sort((x, y) => x.mode.localeCompare(y.mode));
    expect(a.map((r) => [r.mode, r.openBeds, r.freeBeds])).toEqual([
      ['住院', 20, 2],
      ['居家', 40, 10],
    ]);
    // An hour before bj-a's second report, the first one was current.
    const before = await currentReports(db, new Date(NOW.getTime() - 3 * 3_600_000));
    expect(before.find((r) => r.institution === 'bj-a' && r.mode === '住院')?.freeBeds).toBe(5);
  });

  it('counts per county: reporting, fresh share, reported today, and fresh 住院 beds only', async () => {
    const db = await openFresh();
    await insert(db, DAY);
    const agg = await availabilityAggregate(db, registry, NOW, NOW);
    expect(agg).toMatchObject({ computedAt: NOW.toISOString(), asOf: NOW.toISOString(), date: '2026-12-05' });
    expect(agg.counties.map((c) => c.code)).toEqual(['110105', '110108', '330106']);
    expect(agg.counties[0]).toEqual({
      code: '110105',
      name: '北京市朝阳区',
      province: '110000',
      institutions: 3, // the sample one is not a real institution
      reporting: 3,
      fresh: 2, // bj-b's report has expired
      freshShare: 0.667,
      reportedThatDay: 2, // bj-a and bj-c reported after midnight in Beijing; bj-b two days ago
      openBeds: 50, // bj-a 20 + bj-c 30; bj-b's expired 50 and bj-a's home-care places left out
      freeBeds: 2, // only bj-a states free beds
      bedReports: 2,
    });
    expect(agg.counties[1]).toMatchObject({ institutions: 1, reporting: 0, fresh: 0, freshShare: null, openBeds: null, freeBeds: null });
    expect(agg.counties[2]).toMatchObject({ reporting: 1, fresh: 1, freshShare: 1, openBeds: null, bedReports: 0 });
    expect(agg.provinces).toEqual([
      expect.objectContaining({ code: '110000', name: '北京市', institutions: 4, reporting: 3, fresh: 2, openBeds: 50, freeBeds: 2 }),
      expect.objectContaining({ code: '330000', name: '浙江省', institutions: 1, reporting: 1, openBeds: null }),
    ]);
  });

  it('reads a past day as it stood at its end: later reports and later expiries do not count', async () => {
    const db = await openFresh();
    await insert(db, DAY);
    const at = momentOfDay('2026-12-04', NOW);
    if (at === null) throw new Error('2026-12-04 is a past day');
    const agg = await availabilityAggregate(db, registry, at, NOW);
    expect(agg).toMatchObject({ date: '2026-12-04', asOf: '2026-12-04T15:59:59.999Z', computedAt: NOW.toISOString() });
    const chaoyang = agg.counties.find((c) => c.code === '110105');
    // bj-a's first report (made 2026-12-04 18:30 Beijing) was current and fresh; bj-b had expired by then; bj-c had not reported yet.
    expect(chaoyang).toMatchObject({ reporting: 2, fresh: 1, reportedThatDay: 1, openBeds: 20, freeBeds: 5, bedReports: 1 });
  });

  it('with no reports at all, lists the counties with real institutions and says nobody reports', async () => {
    const db = await openFresh();
    const agg = await availabilityAggregate(db, registry, NOW, NOW);
    expect(agg.counties.every((c) => c.reporting === 0 && c.openBeds === null && c.freshShare === null)).toBe(true);
    expect(agg.counties).toHaveLength(3);
  });
});

describe('the open-data files', () => {
  const agg = {
    computedAt: NOW.toISOString(),
    date: '2026-12-05',
    asOf: NOW.toISOString(),
    counties: [
      {
        code: '110105',
        name: '北京市朝阳区',
        province: '110000',
        institutions: 3,
        reporting: 3,
        fresh: 2,
        freshShare: 0.667,
        reportedThatDay: 2,
        openBeds: 50,
        freeBeds: null,
        bedReports: 2,
      },
    ],
    provinces: [],
  };

  it('JSON: says the figures are reported, not verified, and when they were computed; reads back', () => {
    const file = countiesFile(agg);
    expect(file.notice).toMatch(/机构自己上报.*没有核实/);
    expect(file.notice).toContain('过期的报告');
    expect(file.computedAt).toBe(NOW.toISOString());
    expect(readCountiesFile(JSON.parse(JSON.stringify(file)))).toEqual(agg);
    expect(readCountiesFile({ counties: [] })).toBeNull();
  });

  it('CSV: the site CSV format, one row per county, each row with its day and time of computing', () => {
    const csv = countiesCsv(agg);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv).toContain('\r\n');
    const [header, row] = parseCsv(csv);
    expect(header?.[0]).toBe('区县代码');
    expect(header).toContain('开放床位合计（住院，只计未过期的报告）');
    expect(Object.fromEntries((header ?? []).map((h, i) => [h, row?.[i]]))).toMatchObject({
      区县: '北京市朝阳区',
      上报的机构数: '3',
      未过期的比例: '0.667',
      '空床合计（住院，只计未过期的报告）': '',
      '计算时间（UTC）': NOW.toISOString(),
      '日期（北京时间）': '2026-12-05',
    });
  });
});

import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadRegistry } from '../../src/lib/registry/load.ts';
import { indexRegions, parseRegions } from '../../src/lib/registry/regions.ts';
import { matchCriteria } from '../../src/lib/targets/criteria.ts';
import { loadDenominators, loadPolicyTargets } from '../../src/lib/targets/data.ts';
import { computeTarget, computeTargets, type BedsResult, type CoverageResult, type ShareResult } from '../../src/lib/targets/measure.ts';
import { planBook } from '../../src/lib/plans/book.ts';
import { loadPlans } from '../../src/lib/plans/load.ts';
import { loadPlanBook } from '../../src/lib/plans/shown.ts';
import { targetProblems } from '../../src/lib/targets/problems.ts';
import { scopeCounts, targetsReport } from '../../src/lib/targets/report.ts';
import { bedsStatus, coverageStatus, everyStatus, shareStatus } from '../../src/lib/targets/status.ts';
import type { Institution } from '../../src/schemas/institution.ts';
import { policyTargetsFileSchema, type DenominatorsFile, type PolicyTarget } from '../../src/schemas/policy-target.ts';
import { SAMPLE_SOURCE_TEXT } from '../../src/schemas/provenance.ts';

/** A tiny map: Zhejiang with one city (杭州市: 上城区, 西湖区) and a second city (温州市: 鹿城区); Beijing with 东城区, 朝阳区. */
const regions = indexRegions(
  parseRegions([
    { code: '330000', name: '浙江省', level: 'province', parent: null, centre: { lat: 30.27, lng: 120.15 } },
    { code: '330100', name: '杭州市', level: 'city', parent: '330000', centre: { lat: 30.27, lng: 120.15 } },
    { code: '330102', name: '上城区', level: 'county', parent: '330100', centre: { lat: 30.24, lng: 120.17 } },
    { code: '330106', name: '西湖区', level: 'county', parent: '330100', centre: { lat: 30.26, lng: 120.13 } },
    { code: '330300', name: '温州市', level: 'city', parent: '330000', centre: { lat: 28.0, lng: 120.7 } },
    { code: '330302', name: '鹿城区', level: 'county', parent: '330300', centre: { lat: 28.0, lng: 120.65 } },
    { code: '110000', name: '北京市', level: 'province', parent: null, centre: { lat: 39.9, lng: 116.4 } },
    { code: '110101', name: '东城区', level: 'county', parent: '110000', centre: { lat: 39.93, lng: 116.42 } },
    { code: '110105', name: '朝阳区', level: 'county', parent: '110000', centre: { lat: 39.92, lng: 116.44 } },
  ]),
);

let serial = 0;
/** A sourced record with sensible defaults; override what the case is about. */
function rec(over: Partial<Institution> & { regionCode: string }): Institution {
  serial += 1;
  const province = over.regionCode.startsWith('11') ? 'bj' : 'zj';
  return {
    id: `${province}-t${serial}`,
    name: `测试机构${serial}`,
    kind: '综合医院',
    grade: '三级',
    ownership: '公立',
    address: null,
    location: { lat: 30, lng: 120, precision: 'county-centre' },
    services: [{ mode: '住院', offers: [] }],
    provenance: { kind: 'public-notice', source: '测试来源', verifiedAt: '2026-11-01' },
    ...over,
  };
}

/** The same record, as a sample. */
function sample(over: Partial<Institution> & { regionCode: string }): Institution {
  const r = rec(over);
  return {
    ...r,
    id: `sample-${r.regionCode}-${serial}`,
    name: `${r.name}（示例）`,
    provenance: { kind: 'sample', source: SAMPLE_SOURCE_TEXT, verifiedAt: '2026-11-01' },
  };
}

const HOSPITALS = ['综合医院', '中医/中西医结合医院', '专科医院'] as const;
const noDenominators: DenominatorsFile = {
  categories: [
    { id: 'zj-township-chc', label: '乡镇卫生院和社区卫生服务中心总数', scope: '330000' },
    { id: 'bj-chc', label: '社区卫生服务中心总数', scope: '110000' },
  ],
  figures: [],
};

/** The shipped plans, both shown (the tiny map has both provinces). */
const plans = planBook(loadPlans(), () => true);

function target(id: string, measure: PolicyTarget['measure'], plan: PolicyTarget['plan'] = 'zhejiang'): PolicyTarget {
  return { id, plan, clause: '二', quote: '引文', deadline: 2027, title: id, method: '方法', measure };
}

const cityWard = target('zj-city', {
  type: 'coverage',
  scope: '330000',
  level: 'city',
  min: 1,
  criteria: { kinds: [...HOSPITALS], modes: ['住院'], grades: ['三级'], designationLevels: ['国家级', '省级', '市级'] },
});
const countyWard = target('zj-county', {
  type: 'coverage',
  scope: '330000',
  level: 'county',
  min: 1,
  criteria: { kinds: [...HOSPITALS], modes: ['住院'], grades: ['二级', '三级'] },
});
const primaryShare = target('zj-share', {
  type: 'share',
  scope: '330000',
  level: 'county',
  minShare: 0.5,
  criteria: { kinds: ['乡镇卫生院', '社区卫生服务中心'] },
  denominator: 'zj-township-chc',
});
const bjCentre = target(
  'bj-centre',
  { type: 'coverage', scope: '110000', level: 'county', min: 1, criteria: { kinds: ['安宁疗护中心'], minBeds: 50 } },
  'beijing',
);
const bjBeds = target('bj-beds', { type: 'beds', scope: '110000', level: 'county', min: 100, criteria: { modes: ['住院'] } }, 'beijing');
const bjHome = target(
  'bj-home',
  {
    type: 'share',
    scope: '110000',
    level: 'county',
    minShare: 0.8,
    criteria: { kinds: ['社区卫生服务中心'], modes: ['居家'] },
    denominator: 'bj-chc',
  },
  'beijing',
);
const external = target('zj-training', { type: 'external' });

function run<T>(t: PolicyTarget, records: Institution[], denominators: DenominatorsFile = noDenominators): T {
  return computeTarget(t, { records, regions, denominators }) as T;
}
const statusOf = (r: { rows: readonly { code: string; status: string }[] }, code: string) =>
  r.rows.find((row) => row.code === code)?.status;

describe('status rules', () => {
  it('coverage: met with enough records, insufficient when undetermined ones could make it, else not met', () => {
    expect(coverageStatus(1, 0, 1)).toBe('met');
    expect(coverageStatus(0, 1, 1)).toBe('insufficient');
    expect(coverageStatus(0, 0, 1)).toBe('not-met');
  });
  it('share: no denominator is insufficient; a zero denominator has nothing to cover', () => {
    expect(shareStatus(3, 0, null, 0.5)).toBe('insufficient');
    expect(shareStatus(2, 0, 4, 0.5)).toBe('met');
    expect(shareStatus(1, 0, 4, 0.5)).toBe('not-met');
    expect(shareStatus(1, 1, 4, 0.5)).toBe('insufficient');
    expect(shareStatus(0, 0, 0, 0.5)).toBe('met');
  });
  it('every region: any not met → not met; else any insufficient → insufficient', () => {
    expect(everyStatus(['met', 'met'])).toBe('met');
    expect(everyStatus(['met', 'insufficient'])).toBe('insufficient');
    expect(everyStatus(['insufficient', 'not-met'])).toBe('not-met');
  });
  it('beds: known beds decide; unknown bed counts make a shortfall insufficient', () => {
    expect(bedsStatus(1800, 5, 1800)).toBe('met');
    expect(bedsStatus(100, 5, 1800)).toBe('insufficient');
    expect(bedsStatus(100, 0, 1800)).toBe('not-met');
  });
});

describe('matchCriteria', () => {
  const c = { kinds: [...HOSPITALS], modes: ['住院' as const], grades: ['三级' as const], designationLevels: ['市级' as const] };
  it('needs the kind, one of the modes and the grade', () => {
    expect(matchCriteria(rec({ regionCode: '330106' }), c).match).toBe('yes');
    expect(matchCriteria(rec({ regionCode: '330106', kind: '护理院' }), c).match).toBe('no');
    expect(matchCriteria(rec({ regionCode: '330106', services: [{ mode: '门诊', offers: [] }] }), c).match).toBe('no');
    expect(matchCriteria(rec({ regionCode: '330106', grade: '二级' }), c).match).toBe('no');
  });
  it('a designation at a listed level stands in for the grade; grade 未知 is undetermined', () => {
    expect(matchCriteria(rec({ regionCode: '330106', grade: '二级', designations: [{ type: '指导中心', level: '市级' }] }), c).match).toBe(
      'yes',
    );
    expect(matchCriteria(rec({ regionCode: '330106', grade: '未知' }), c)).toEqual({ match: 'unknown', missing: ['grade'] });
    expect(matchCriteria(rec({ regionCode: '330106', grade: '未定级' }), c).match).toBe('no');
  });
  it('minBeds: enough beds count, too few do not, unknown is undetermined', () => {
    const b = { kinds: ['安宁疗护中心' as const], minBeds: 50 };
    expect(matchCriteria(rec({ regionCode: '110101', kind: '安宁疗护中心', beds: { hospice: 50 } }), b).match).toBe('yes');
    expect(matchCriteria(rec({ regionCode: '110101', kind: '安宁疗护中心', beds: { hospice: 49 } }), b).match).toBe('no');
    expect(matchCriteria(rec({ regionCode: '110101', kind: '安宁疗护中心', beds: { hospice: null } }), b)).toEqual({
      match: 'unknown',
      missing: ['beds'],
    });
    expect(matchCriteria(rec({ regionCode: '110101', kind: '安宁疗护中心' }), b).match).toBe('unknown');
  });
});

describe('Zhejiang: every 设区市 has a 市级医院安宁疗护病区', () => {
  it('met: a 三级 hospital ward in a county of each city counts for the city', () => {
    const r = run<CoverageResult>(cityWard, [rec({ regionCode: '330106' }), rec({ regionCode: '330302', kind: '中医/中西医结合医院' })]);
    expect(r.status).toBe('met');
    expect(r.rows.map((x) => [x.code, x.status, x.records.length])).toEqual([
      ['330100', 'met', 1],
      ['330300', 'met', 1],
    ]);
    expect(r.tally).toEqual({ regions: 2, met: 2, notMet: 0, insufficient: 0 });
  });
  it('not met: a city with only a 二级 hospital, an outpatient clinic or a township centre', () => {
    const r = run<CoverageResult>(cityWard, [
      rec({ regionCode: '330106' }),
      rec({ regionCode: '330302', grade: '二级' }),
      rec({ regionCode: '330302', services: [{ mode: '门诊', offers: [] }] }),
      rec({ regionCode: '330302', kind: '乡镇卫生院' }),
    ]);
    expect(statusOf(r, '330300')).toBe('not-met');
    expect(r.status).toBe('not-met');
    expect(r.tally.notMet).toBe(1);
  });
  it('missing data: a hospital of unknown grade makes the city 数据不足, listed but not counted', () => {
    const r = run<CoverageResult>(cityWard, [rec({ regionCode: '330106' }), rec({ regionCode: '330302', grade: '未知' })]);
    expect(statusOf(r, '330300')).toBe('insufficient');
    expect(r.rows[1]?.records).toEqual([]);
    expect(r.rows[1]?.undetermined.map((x) => x.missing)).toEqual([['grade']]);
    expect(r.status).toBe('insufficient');
  });
  it('sample excluded: a sample 三级 ward never counts, and is reported as left out', () => {
    const r = run<CoverageResult>(cityWard, [
      rec({ regionCode: '330106' }),
      sample({ regionCode: '330302' }),
      sample({ regionCode: '110101' }),
    ]);
    expect(statusOf(r, '330300')).toBe('not-met');
    expect(r.samplesExcluded).toBe(1);
  });
});

describe('Zhejiang: every 县（市、区） has a 县级医院安宁疗护病区', () => {
  it('met: a 二级 or 三级 hospital ward in every county', () => {
    const r = run<CoverageResult>(countyWard, [
      rec({ regionCode: '330102', grade: '二级' }),
      rec({ regionCode: '330106' }),
      rec({ regionCode: '330302', kind: '专科医院', grade: '二级' }),
    ]);
    expect(r.status).toBe('met');
    expect(r.rows.map((x) => x.code)).toEqual(['330102', '330106', '330302']);
  });
  it('not met: a county with only a 一级 hospital; others stay met', () => {
    const r = run<CoverageResult>(countyWard, [
      rec({ regionCode: '330102', grade: '一级' }),
      rec({ regionCode: '330106' }),
      rec({ regionCode: '330302' }),
    ]);
    expect(statusOf(r, '330102')).toBe('not-met');
    expect(statusOf(r, '330106')).toBe('met');
    expect(r.status).toBe('not-met');
  });
  it('missing data and samples', () => {
    const r = run<CoverageResult>(countyWard, [
      rec({ regionCode: '330102', grade: '未知' }),
      sample({ regionCode: '330106' }),
      rec({ regionCode: '330106' }),
      rec({ regionCode: '330302' }),
    ]);
    expect(statusOf(r, '330102')).toBe('insufficient');
    expect(r.rows.find((x) => x.code === '330106')?.records).toHaveLength(1);
    expect(r.samplesExcluded).toBe(1);
    expect(r.status).toBe('insufficient');
  });
});

describe('Zhejiang: ≥ 50% of 乡镇卫生院/社区卫生服务中心 offer hospice care', () => {
  const centre = (regionCode: string, kind: Institution['kind'] = '乡镇卫生院') =>
    rec({ regionCode, kind, grade: '未知', services: [{ mode: '居家', offers: [] }] });
  const figures = (list: [string, number][]): DenominatorsFile => ({
    ...noDenominators,
    figures: list.map(([regionCode, count]) => ({ category: 'zj-township-chc', regionCode, count, source: '某卫生健康局统计公报' })),
  });

  it('missing data: without official counts every county and the province read 数据不足', () => {
    const r = run<ShareResult>(primaryShare, [centre('330106'), centre('330106', '社区卫生服务中心')]);
    expect(r.status).toBe('insufficient');
    expect(r.rows.every((x) => x.status === 'insufficient' && x.denominator === null && x.share === null)).toBe(true);
    expect(r.rows.find((x) => x.code === '330106')?.records).toHaveLength(2);
    expect(r.numerator).toBe(2);
    expect(r.denominator).toBeNull();
  });
  it('met and not met per county against sourced counts; the province uses the sum when every county has one', () => {
    const r = run<ShareResult>(
      primaryShare,
      [centre('330106'), centre('330106', '社区卫生服务中心'), centre('330102')],
      figures([
        ['330102', 4],
        ['330106', 4],
        ['330302', 2],
      ]),
    );
    expect(statusOf(r, '330106')).toBe('met');
    expect(r.rows.find((x) => x.code === '330106')?.share).toBe(0.5);
    expect(statusOf(r, '330102')).toBe('not-met');
    expect(statusOf(r, '330302')).toBe('not-met');
    expect(r.denominator?.count).toBe(10);
    expect(r.share).toBeCloseTo(0.3);
    expect(r.status).toBe('not-met');
  });
  it('a province-wide figure is used as it is', () => {
    const r = run<ShareResult>(primaryShare, [centre('330106'), centre('330102')], figures([['330000', 4]]));
    expect(r.denominator).toEqual({ count: 4, source: '某卫生健康局统计公报', url: null, asOf: null });
    expect(r.status).toBe('met');
  });
  it('sample excluded, and hospitals do not count', () => {
    const r = run<ShareResult>(
      primaryShare,
      [sample({ regionCode: '330106', kind: '乡镇卫生院' }), rec({ regionCode: '330106' })],
      figures([['330106', 1]]),
    );
    expect(statusOf(r, '330106')).toBe('not-met');
    expect(r.samplesExcluded).toBe(1);
  });
});

describe('Beijing: every 区 has a 安宁疗护中心 with ≥ 50 beds', () => {
  const centre = (regionCode: string, hospice: number | null | undefined) =>
    rec({ regionCode, kind: '安宁疗护中心', grade: '未知', ...(hospice === undefined ? {} : { beds: { hospice } }) });
  it('met in every district', () => {
    const r = run<CoverageResult>(bjCentre, [centre('110101', 50), centre('110105', 120)]);
    expect(r.status).toBe('met');
  });
  it('not met: too few beds, or only a community centre with beds', () => {
    const r = run<CoverageResult>(bjCentre, [
      centre('110101', 50),
      centre('110105', 30),
      rec({ regionCode: '110105', kind: '社区卫生服务中心', beds: { hospice: 60 } }),
    ]);
    expect(statusOf(r, '110105')).toBe('not-met');
    expect(r.status).toBe('not-met');
  });
  it('missing data: a centre whose beds are unknown', () => {
    const r = run<CoverageResult>(bjCentre, [centre('110101', 50), centre('110105', null), centre('110105', undefined)]);
    expect(statusOf(r, '110105')).toBe('insufficient');
    expect(r.rows[1]?.undetermined.map((x) => x.missing)).toEqual([['beds'], ['beds']]);
    expect(r.status).toBe('insufficient');
  });
  it('sample excluded', () => {
    const r = run<CoverageResult>(bjCentre, [
      centre('110101', 50),
      sample({ regionCode: '110105', kind: '安宁疗护中心', beds: { hospice: 80 } }),
    ]);
    expect(statusOf(r, '110105')).toBe('not-met');
    expect(r.samplesExcluded).toBe(1);
  });
});

describe('Beijing: ≥ N hospice beds city-wide', () => {
  it('met when the known beds reach the target', () => {
    const r = run<BedsResult>(bjBeds, [
      rec({ regionCode: '110101', beds: { hospice: 60 } }),
      rec({ regionCode: '110105', beds: { hospice: 40 } }),
    ]);
    expect(r.knownBeds).toBe(100);
    expect(r.status).toBe('met');
    expect(r.rows.map((x) => x.knownBeds)).toEqual([60, 40]);
  });
  it('not met when short and every bed count is known', () => {
    const r = run<BedsResult>(bjBeds, [rec({ regionCode: '110101', beds: { hospice: 60 } })]);
    expect(r.status).toBe('not-met');
    expect(r.unknownRecords).toBe(0);
  });
  it('missing data: short, with records whose beds are unknown (counted and listed)', () => {
    const r = run<BedsResult>(bjBeds, [
      rec({ regionCode: '110101', beds: { hospice: 60 } }),
      rec({ regionCode: '110101' }),
      rec({ regionCode: '110105', beds: { hospice: null } }),
    ]);
    expect(r.status).toBe('insufficient');
    expect(r.unknownRecords).toBe(2);
    expect(r.rows[0]?.undetermined).toHaveLength(1);
  });
  it('samples and records without inpatient care are left out', () => {
    const r = run<BedsResult>(bjBeds, [
      rec({ regionCode: '110101', beds: { hospice: 60 } }),
      sample({ regionCode: '110101', beds: { hospice: 500 } }),
      rec({ regionCode: '110105', services: [{ mode: '门诊', offers: [] }] }),
      rec({ regionCode: '330106', beds: { hospice: 500 } }),
    ]);
    expect(r.knownBeds).toBe(60);
    expect(r.unknownRecords).toBe(0);
    expect(r.samplesExcluded).toBe(1);
    expect(r.status).toBe('not-met');
  });
});

describe('Beijing: community health centres generally offer home hospice care', () => {
  const chc = (regionCode: string, home: boolean) =>
    rec({ regionCode, kind: '社区卫生服务中心', grade: '未知', services: [{ mode: home ? '居家' : '住院', offers: [] }] });
  it('missing data without district counts', () => {
    const r = run<ShareResult>(bjHome, [chc('110101', true)]);
    expect(r.status).toBe('insufficient');
    expect(r.numerator).toBe(1);
  });
  it('met / not met against sourced counts; only centres offering 居家 count', () => {
    const d: DenominatorsFile = {
      ...noDenominators,
      figures: [
        { category: 'bj-chc', regionCode: '110101', count: 1, source: '来源' },
        { category: 'bj-chc', regionCode: '110105', count: 2, source: '来源' },
      ],
    };
    const r = run<ShareResult>(
      bjHome,
      [
        chc('110101', true),
        chc('110105', true),
        chc('110105', false),
        sample({ regionCode: '110105', kind: '社区卫生服务中心', services: [{ mode: '居家', offers: [] }] }),
      ],
      d,
    );
    expect(statusOf(r, '110101')).toBe('met');
    expect(statusOf(r, '110105')).toBe('not-met');
    expect(r.share).toBeCloseTo(2 / 3);
    expect(r.status).toBe('not-met');
    expect(r.samplesExcluded).toBe(1);
  });
});

describe('targets the registry cannot measure', () => {
  it('read 数据不足 with no rows', () => {
    const r = computeTarget(external, { records: [rec({ regionCode: '330106' })], regions, denominators: noDenominators });
    expect(r.type).toBe('external');
    expect(r.status).toBe('insufficient');
  });
});

describe('targetProblems', () => {
  it('reports unknown denominator categories, figures outside their scope and unknown regions', () => {
    const bad: DenominatorsFile = {
      ...noDenominators,
      figures: [
        { category: 'zj-township-chc', regionCode: '110101', count: 3, source: 's' },
        { category: 'zj-township-chc', regionCode: '339999', count: 3, source: 's' },
      ],
    };
    const wrong = target('x', { type: 'share', scope: '330000', level: 'county', minShare: 0.5, criteria: {}, denominator: 'nope' });
    const problems = targetProblems([wrong, primaryShare], bad, regions, plans);
    expect(problems.some((p) => p.includes('没有分类 nope'))).toBe(true);
    expect(problems.some((p) => p.includes('110101 不属于分类 zj-township-chc'))).toBe(true);
    expect(problems.some((p) => p.includes('339999 不在'))).toBe(true);
    expect(targetProblems([primaryShare, bjHome, cityWard], noDenominators, regions, plans)).toEqual([]);
  });
  it('reports a level the province does not have (Beijing has no 设区市)', () => {
    const t = target('y', { type: 'coverage', scope: '110000', level: 'city', min: 1, criteria: {} }, 'beijing');
    expect(targetProblems([t], noDenominators, regions, plans)).toHaveLength(1);
  });
  it('reports a target naming an unknown plan on one line: file, target, field', () => {
    const t = target('z', { type: 'external' }, 'shanghai');
    expect(targetProblems([t], noDenominators, regions, plans)).toEqual([
      'content/policy-targets.json: z: plan: 没有这个规划：shanghai（content/plans.json 里有：zhejiang、beijing）',
    ]);
  });
  it('reports a target whose scope is not its plan’s province', () => {
    const t = target('w', { type: 'coverage', scope: '110000', level: 'county', min: 1, criteria: {} }, 'zhejiang');
    expect(targetProblems([t], noDenominators, regions, plans)).toEqual([
      'content/policy-targets.json: w: measure.scope: 规划 zhejiang 适用于 330000，目标的范围却是 110000',
    ]);
  });
  it('checks only the plan id of a plan the site does not show, and skips the counts for its province', () => {
    const zhejiang = indexRegions(parseRegions(regions.all.filter((r) => r.code.startsWith('33'))));
    const zhejiangOnly = planBook(loadPlans(), (province) => zhejiang.byCode.has(province));
    const bjFigure: DenominatorsFile = {
      ...noDenominators,
      figures: [{ category: 'bj-chc', regionCode: '110101', count: 3, source: 's' }],
    };
    const bjCity = target('v', { type: 'coverage', scope: '110000', level: 'city', min: 1, criteria: {} }, 'beijing');
    expect(targetProblems([bjCity, cityWard], bjFigure, zhejiang, zhejiangOnly)).toEqual([]);
    const unknown = target('u', { type: 'external' }, 'shanghai');
    expect(targetProblems([unknown], noDenominators, zhejiang, zhejiangOnly)).toHaveLength(1);
  });
});

describe('the real files', () => {
  const targets = loadPolicyTargets();
  const denominators = loadDenominators();
  const real = loadRegistry();

  it('are valid and consistent with the regions', () => {
    expect(policyTargetsFileSchema.safeParse(JSON.parse(readFileSync('content/policy-targets.json', 'utf8'))).success).toBe(true);
    expect(targetProblems(targets, denominators, real.regions, loadPlanBook())).toEqual([]);
    expect(targets.filter((t) => t.measure.type === 'external').map((t) => t.id)).toEqual([
      'zj-staff-training',
      'zj-new-certificates',
      'zj-volunteer-training',
    ]);
  });

  it('quote the plans verbatim', () => {
    const seeds = { zhejiang: '/work/shared/seeds/000_923ff13ce2bc2937.txt', beijing: '/work/shared/seeds/001_8d751d9d515e9200.txt' };
    if (!existsSync(seeds.zhejiang) || !existsSync(seeds.beijing)) return;
    const text: Record<string, string> = { zhejiang: readFileSync(seeds.zhejiang, 'utf8'), beijing: readFileSync(seeds.beijing, 'utf8') };
    for (const t of targets) expect(text[t.plan], t.id).toContain(t.quote);
  });

  it('count only non-sample records of the row’s region, and every region once', () => {
    const results = computeTargets({ records: real.records, regions: real.regions, targets, denominators });
    const byId = new Map(real.records.map((r) => [r.id, r]));
    for (const result of results) {
      if (result.type === 'external') continue;
      for (const row of result.rows) {
        for (const ref of [...row.records, ...row.undetermined]) {
          const record = byId.get(ref.id);
          expect(record?.provenance.kind, ref.id).not.toBe('sample');
          const code = result.level === 'county' ? record?.regionCode : real.regions.cityOf(record?.regionCode ?? '')?.code;
          expect(code, `${result.id} ${ref.id}`).toBe(row.code);
        }
      }
      expect(new Set(result.rows.map((r) => r.code)).size).toBe(result.rows.length);
    }
    const zj = results.find((r) => r.id === 'zj-city-hospital-ward') as CoverageResult;
    expect(zj.rows).toHaveLength(11);
    const bj = results.find((r) => r.id === 'bj-district-hospice-centre') as CoverageResult;
    expect(bj.rows).toHaveLength(16);
    const beds = results.find((r) => r.id === 'bj-hospice-beds') as BedsResult;
    const expected = real.records
      .filter((r) => r.regionCode.startsWith('11') && r.provenance.kind !== 'sample' && r.services.some((s) => s.mode === '住院'))
      .reduce((sum, r) => sum + (r.beds?.hospice ?? 0), 0);
    expect(beds.knownBeds).toBe(expected);
  });

  it('publish the same figures as JSON', () => {
    const results = computeTargets({ records: real.records, regions: real.regions, targets, denominators });
    const counts = real.regions.provinces.map((p) => scopeCounts(real.records, real.regions, p.code));
    const json = targetsReport(
      results,
      counts,
      { status: { met: '达成', 'not-met': '尚未达成', insufficient: '数据不足' }, plan: { zhejiang: '浙', beijing: '京' } },
      '2026-11-22',
    );
    expect(json.targets.map((t) => [t.id, t.status])).toEqual(results.map((r) => [r.id, r.status]));
    const samples = real.records.filter((r) => r.provenance.kind === 'sample').length;
    expect(json.registry.reduce((s, c) => s + c.sampleRecords, 0)).toBe(samples);
    expect(json.registry.reduce((s, c) => s + c.countedRecords, 0)).toBe(real.records.length - samples);
  });
});

/**
 * The plans as content (content/plans.json): the schema, the check that every plan a content
 * file names exists (one line: file, record, field), and an operator adding a third province's
 * plan and targets in a copy of the content files, with no code: it appears on /targets/.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Loader, LoaderContext } from 'astro/loaders';
import { afterAll, describe, expect, it } from 'vitest';
import { loadPathwayRules } from '../../src/lib/pathway/data.ts';
import { citedPlans, planBook, planTitles } from '../../src/lib/plans/book.ts';
import { withPlanCheck } from '../../src/lib/plans/checked-loader.ts';
import { loadPlans, planTitle } from '../../src/lib/plans/load.ts';
import { PlanReferenceError, sourceReferences, unknownPlanProblems } from '../../src/lib/plans/references.ts';
import { readJsonWith } from '../../src/lib/read-json.ts';
import { formatProblem } from '../../src/lib/registry/errors.ts';
import { loadRegions } from '../../src/lib/registry/load.ts';
import { loadDenominators, loadPolicyTargets, targetsDataFrom } from '../../src/lib/targets/data.ts';
import { countsInPlanOrder, levelWord, measuredByPlan } from '../../src/lib/targets/plan-words.ts';
import { targetsReport } from '../../src/lib/targets/report.ts';
import { plansFileSchema, type Plan } from '../../src/schemas/plan.ts';
import { policyTargetsFileSchema, type PolicyTarget } from '../../src/schemas/policy-target.ts';
import { thrown } from './thrown.ts';

const dir = mkdtempSync(join(tmpdir(), 'plans-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const write = (name: string, data: unknown): string => {
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify(data, null, 2));
  return file;
};
const shipped = JSON.parse(readFileSync('content/plans.json', 'utf8')) as { plans: Plan[] };

/** Shanghai's plan as an operator would add it (an invented title: the test needs only the shape). */
const SHANGHAI: Plan = {
  id: 'shanghai',
  province: '310000',
  title: '上海市安宁疗护服务测试方案',
  shortName: '上海方案',
  authority: '上海市卫生健康委员会',
  scopeWord: '全市',
  countyWord: '区',
};

describe('content/plans.json', () => {
  it('lists the Zhejiang and Beijing plans with their own words', () => {
    const plans = loadPlans();
    expect(plans.map((p) => [p.id, p.province, p.shortName, p.scopeWord, p.countyWord])).toEqual([
      ['zhejiang', '330000', '浙江方案', '全省', '县（市、区）'],
      ['beijing', '110000', '北京方案', '全市', '区'],
    ]);
    expect(planTitle('beijing')).toBe('北京市加快推进安宁疗护服务发展实施方案');
  });

  it('refuses a repeated id, a code that is not a province and a missing word, one line each naming the field', () => {
    const [zhejiang] = shipped.plans;
    const { countyWord: _dropped, ...noCountyWord } = SHANGHAI;
    const lines = (plans: unknown[]) =>
      thrown(() => readJsonWith(plansFileSchema, write('bad-plans.json', { plans }), { shown: 'content/plans.json' })).message.split('\n');
    expect(lines([zhejiang, { ...zhejiang }])).toEqual(['content/plans.json: plans[1].id: 规划编号重复：zhejiang']);
    const wrong = lines([{ ...SHANGHAI, province: '310101' }, noCountyWord]);
    expect(wrong).toContain('content/plans.json: plans[0].province: 应为省级区划代码（以 0000 结尾）');
    expect(wrong.some((l) => l.startsWith('content/plans.json: plans[1].countyWord: '))).toBe(true);
  });
});

describe('plan ids in content files', () => {
  const plans = loadPlans();

  it('an unknown plan is one line naming file, record and field, with the plans there are', () => {
    const refs = sourceReferences('content/guides/costs.mdx', 'costs', [{ plan: 'zhejiang' }, { plan: 'shanghai' }]);
    expect(unknownPlanProblems(plans, refs).map(formatProblem)).toEqual([
      'content/guides/costs.mdx: costs: sources[1].plan: 没有这个规划：shanghai（content/plans.json 里有：zhejiang、beijing）',
    ]);
    expect(unknownPlanProblems(plans, refs.slice(0, 1))).toEqual([]);
  });

  it('guides and courses: the collection loader stops with those lines after loading', async () => {
    const entries = [
      ['costs', { id: 'costs', filePath: 'content/guides/costs.mdx', data: { sources: [{ plan: 'beijing', clause: '一' }] } }],
      [
        'faq',
        {
          id: 'faq',
          filePath: 'content/guides/faq.mdx',
          data: {
            sources: [
              { plan: 'zhejiang', clause: '二' },
              { plan: 'hebei', clause: '三' },
            ],
          },
        },
      ],
    ];
    let loaded = false;
    const inner: Loader = {
      name: 'fake',
      load: () => {
        loaded = true;
        return Promise.resolve();
      },
    };
    const context = { store: { entries: () => entries } } as unknown as LoaderContext;
    const run = withPlanCheck(inner, () => plans).load(context);
    await expect(run).rejects.toBeInstanceOf(PlanReferenceError);
    await expect(run).rejects.toThrow(
      '规划编号有 1 处错误：\ncontent/guides/faq.mdx: faq: sources[1].plan: 没有这个规划：hebei（content/plans.json 里有：zhejiang、beijing）',
    );
    expect(loaded).toBe(true);
  });

  it('pathway rules: loading them fails naming the rule', () => {
    const rules = JSON.parse(readFileSync('content/pathway-rules.json', 'utf8')) as {
      rules: { id: string; sources: { plan: string }[] }[];
    };
    const [first] = rules.rules;
    if (first?.sources[0] === undefined) throw new Error('no rule with a source');
    first.sources[0].plan = 'shanghai';
    const file = write('pathway-rules.json', rules);
    expect(thrown(() => loadPathwayRules(file)).message).toContain(`${file}: ${first.id}: sources[0].plan: 没有这个规划：shanghai`);
  });

  it('the shipped rules and targets name only known plans (every build checks the guides and courses)', () => {
    expect(loadPolicyTargets().filter((t) => !plans.some((p) => p.id === t.plan))).toEqual([]);
    expect(() => loadPathwayRules()).not.toThrow();
  });

  it('the pathway table explains the plans in the order it first cites them; the helper gets only those titles', () => {
    const book = planBook(plans, () => true);
    const sources = [{ plan: 'beijing' }, { plan: 'zhejiang' }, { plan: 'beijing' }];
    expect(citedPlans(book, sources).map((p) => p.id)).toEqual(['beijing', 'zhejiang']);
    expect(Object.keys(planTitles(book, sources))).toEqual(['zhejiang', 'beijing']);
    expect(planTitles(book, [{ plan: 'beijing' }])).toEqual({ beijing: '北京市加快推进安宁疗护服务发展实施方案' });
  });
});

describe('an operator adds Shanghai’s plan with content only', () => {
  // A copy of the content files: Shanghai in the scope, its plan after the two shipped ones, one target.
  const scopeFile = write('site-scope.json', {
    provinces: [
      { code: '110000', folder: 'beijing', idPrefix: 'bj-' },
      { code: '330000', folder: 'zhejiang', idPrefix: 'zj-' },
      { code: '310000', folder: 'shanghai', idPrefix: 'sh-' },
    ],
  });
  const plansFile = write('plans.json', { plans: [...shipped.plans, SHANGHAI] });
  const shanghaiTarget: PolicyTarget = {
    id: 'sh-district-centre',
    plan: 'shanghai',
    clause: '二（一）',
    quote: '每区至少设置1所安宁疗护中心',
    deadline: 2027,
    title: '每区至少 1 所安宁疗护中心',
    method: '数每区登记的安宁疗护中心。',
    measure: { type: 'coverage', scope: '310000', level: 'county', min: 1, criteria: { kinds: ['安宁疗护中心'] } },
  };
  const targetsFile = write('policy-targets.json', { targets: [...loadPolicyTargets(), shanghaiTarget] });
  const regions = loadRegions('content/regions.json', scopeFile);
  const book = planBook(loadPlans(plansFile), (province) => regions.byCode.has(province));
  const data = targetsDataFrom({
    records: [],
    regions,
    plans: book,
    targets: readJsonWith(policyTargetsFileSchema, targetsFile).targets,
    denominators: loadDenominators(),
    computedOn: '2026-12-01',
  });

  it('its plan gets its own section on /targets/, after the two shipped ones, with its target per district', () => {
    const sections = measuredByPlan(book, data.results);
    expect(sections.map((s) => s.plan.id)).toEqual(['zhejiang', 'beijing', 'shanghai']);
    const shanghai = sections[2];
    expect(shanghai?.measured.map((r) => r.id)).toEqual(['sh-district-centre']);
    const result = shanghai?.measured[0];
    if (result?.type !== 'coverage') throw new Error('expected a coverage result');
    expect(result.rows.length).toBe(16);
    expect(result.rows.every((row) => row.code.startsWith('31'))).toBe(true);
    expect(result.status).toBe('not-met');
    expect(levelWord(book.get('shanghai'), result.level)).toBe('区');
    expect(levelWord(book.get('zhejiang'), 'city')).toBe('设区市');
  });

  it('its figures are published in /data/targets.json with its title, and its registry counts come after the plans’ order', () => {
    const labels = {
      status: { met: '已达成', 'not-met': '尚未达成', insufficient: '数据不足' },
      plan: Object.fromEntries(book.shown.map((p) => [p.id, p.title])),
    };
    const json = targetsReport(data.results, data.counts, labels, data.computedOn);
    expect(json.targets.find((t) => t.id === 'sh-district-centre')?.planName).toBe(SHANGHAI.title);
    expect(countsInPlanOrder(book, data.counts).map((c) => c.scope)).toEqual(['330000', '110000', '310000']);
  });

  it('a site for Shanghai alone shows neither shipped plan nor their targets, and still builds its figures', () => {
    const alone = write('scope-shanghai.json', { provinces: [{ code: '310000', folder: 'shanghai', idPrefix: 'sh-' }] });
    const only = loadRegions('content/regions.json', alone);
    const aloneBook = planBook(loadPlans(plansFile), (province) => only.byCode.has(province));
    expect(aloneBook.shown.map((p) => p.id)).toEqual(['shanghai']);
    const figures = targetsDataFrom({
      records: [],
      regions: only,
      plans: aloneBook,
      targets: readJsonWith(policyTargetsFileSchema, targetsFile).targets,
      denominators: loadDenominators(),
      computedOn: '2026-12-01',
    });
    expect(figures.results.map((r) => r.id)).toEqual(['sh-district-centre']);
  });
});

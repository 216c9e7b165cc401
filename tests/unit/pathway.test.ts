import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadPathwayRules } from '../../src/lib/pathway/data.ts';
import { finderHref } from '../../src/lib/pathway/finder-link.ts';
import { ruleProblems } from '../../src/lib/pathway/problems.ts';
import { completions, conditionLabels, decide, firstMatch, ruleMatches } from '../../src/lib/pathway/rules.ts';
import { pathwayRulesSchema, type PathwayRules } from '../../src/schemas/pathway.ts';

const config = loadPathwayRules();

/** The rule chosen for complete answers. */
function ruleFor(place: string, symptoms: string, care: string, support: string): string | undefined {
  return firstMatch(config.rules, { place, symptoms, care, support })?.id;
}

describe('content/pathway-rules.json', () => {
  it('is valid, covers every combination of answers and has no dead rule', () => {
    expect(ruleProblems(config)).toEqual([]);
    expect(completions(config.questions)).toHaveLength(3 * 3 * 3 * 3);
  });

  it('asks where the patient is, the symptoms, home care and home support, in that order', () => {
    expect(config.questions.map((q) => q.id)).toEqual(['place', 'symptoms', 'care', 'support']);
    expect(config.questions[0]?.options.map((o) => o.label)).toEqual(['在家', '在医院', '在养老机构或护理机构']);
  });

  it('always has a 120 box with warning signs', () => {
    expect(config.emergency.title).toContain('120');
    expect(config.emergency.signs.length).toBeGreaterThanOrEqual(4);
  });

  it('quotes the plans verbatim', () => {
    const seeds = { zhejiang: '/work/shared/seeds/000_923ff13ce2bc2937.txt', beijing: '/work/shared/seeds/001_8d751d9d515e9200.txt' };
    if (!existsSync(seeds.zhejiang) || !existsSync(seeds.beijing)) return;
    const text: Record<string, string> = { zhejiang: readFileSync(seeds.zhejiang, 'utf8'), beijing: readFileSync(seeds.beijing, 'utf8') };
    for (const rule of config.rules) for (const s of rule.sources) expect(text[s.plan], `${rule.id} ${s.clause}`).toContain(s.quote);
  });
});

describe('each rule, case by case', () => {
  // Beijing plan 二（三）1: acute or severe symptoms → 二、三级医院
  it('severe-in-hospital: severe symptoms in hospital → consultation and inpatient care, urgent', () => {
    for (const care of ['yes', 'partly', 'no'])
      for (const support of ['doctor', 'none', 'unsure']) expect(ruleFor('hospital', 'severe', care, support)).toBe('severe-in-hospital');
    const rule = config.rules.find((r) => r.id === 'severe-in-hospital');
    expect(rule?.modes.map((m) => m.mode)).toEqual(['会诊', '住院']);
    expect(rule?.urgent).toBe(true);
  });

  it('severe: severe symptoms at home or in a care home → hospital (住院), urgent', () => {
    expect(ruleFor('home', 'severe', 'yes', 'doctor')).toBe('severe');
    expect(ruleFor('home', 'severe', 'no', 'none')).toBe('severe');
    expect(ruleFor('facility', 'severe', 'partly', 'unsure')).toBe('severe');
    const rule = config.rules.find((r) => r.id === 'severe');
    expect(rule?.modes.map((m) => m.mode)).toEqual(['住院']);
    expect(rule?.places.join()).toContain('二、三级医院');
    expect(rule?.urgent).toBe(true);
  });

  it('flaring-in-hospital: symptoms flaring in hospital → hospice ward or centre, consultation', () => {
    expect(ruleFor('hospital', 'flaring', 'yes', 'none')).toBe('flaring-in-hospital');
    expect(ruleFor('hospital', 'flaring', 'no', 'doctor')).toBe('flaring-in-hospital');
    expect(config.rules.find((r) => r.id === 'flaring-in-hospital')?.modes.map((m) => m.mode)).toEqual(['住院', '会诊']);
  });

  it('flaring-in-facility: symptoms flaring in a care home → clinic, visits, inpatient if needed', () => {
    expect(ruleFor('facility', 'flaring', 'no', 'none')).toBe('flaring-in-facility');
    expect(ruleFor('facility', 'flaring', 'yes', 'doctor')).toBe('flaring-in-facility');
    expect(config.rules.find((r) => r.id === 'flaring-in-facility')?.modes.map((m) => m.mode)).toEqual(['门诊', '居家', '住院']);
  });

  it('flaring-home-no-carer: flaring at home with nobody to care → inpatient (hospice centre, ward)', () => {
    expect(ruleFor('home', 'flaring', 'no', 'doctor')).toBe('flaring-home-no-carer');
    expect(ruleFor('home', 'flaring', 'no', 'unsure')).toBe('flaring-home-no-carer');
    expect(config.rules.find((r) => r.id === 'flaring-home-no-carer')?.modes.map((m) => m.mode)).toEqual(['住院']);
  });

  it('flaring-home: flaring at home with family care → clinic, home visits, online follow-up', () => {
    expect(ruleFor('home', 'flaring', 'yes', 'none')).toBe('flaring-home');
    expect(ruleFor('home', 'flaring', 'partly', 'doctor')).toBe('flaring-home');
    expect(config.rules.find((r) => r.id === 'flaring-home')?.modes.map((m) => m.mode)).toEqual(['门诊', '居家', '互联网']);
  });

  it('stable-in-hospital-no-carer: stable in hospital, nobody at home → hospice centre or community beds', () => {
    expect(ruleFor('hospital', 'stable', 'no', 'none')).toBe('stable-in-hospital-no-carer');
    expect(config.rules.find((r) => r.id === 'stable-in-hospital-no-carer')?.modes.map((m) => m.mode)).toEqual(['住院']);
  });

  // Beijing plan 二（三）3: diagnosed, mild and stable → community, home (家庭病床、巡诊)
  it('stable-in-hospital: stable in hospital with family care → home care via the community', () => {
    expect(ruleFor('hospital', 'stable', 'yes', 'doctor')).toBe('stable-in-hospital');
    expect(ruleFor('hospital', 'stable', 'partly', 'unsure')).toBe('stable-in-hospital');
    expect(config.rules.find((r) => r.id === 'stable-in-hospital')?.modes.map((m) => m.mode)).toEqual(['居家', '门诊']);
  });

  it('stable-in-facility: stable in a care home → care where they are, visits from the community', () => {
    expect(ruleFor('facility', 'stable', 'no', 'none')).toBe('stable-in-facility');
    expect(ruleFor('facility', 'stable', 'yes', 'doctor')).toBe('stable-in-facility');
    expect(config.rules.find((r) => r.id === 'stable-in-facility')?.modes.map((m) => m.mode)).toEqual(['居家', '门诊']);
  });

  it('stable-home-no-carer: stable at home, nobody to care → community, nursing home or hospice centre beds', () => {
    expect(ruleFor('home', 'stable', 'no', 'doctor')).toBe('stable-home-no-carer');
    expect(config.rules.find((r) => r.id === 'stable-home-no-carer')?.modes.map((m) => m.mode)).toEqual(['住院']);
  });

  it('stable-home-partly: stable at home, care stretched → home visits, inpatient when needed', () => {
    expect(ruleFor('home', 'stable', 'partly', 'none')).toBe('stable-home-partly');
    expect(ruleFor('home', 'stable', 'partly', 'doctor')).toBe('stable-home-partly');
    expect(config.rules.find((r) => r.id === 'stable-home-partly')?.modes.map((m) => m.mode)).toEqual(['居家', '住院']);
  });

  it('stable-home-supported: stable at home with a family doctor → home care, online', () => {
    expect(ruleFor('home', 'stable', 'yes', 'doctor')).toBe('stable-home-supported');
    expect(config.rules.find((r) => r.id === 'stable-home-supported')?.modes.map((m) => m.mode)).toEqual(['居家', '互联网']);
  });

  it('stable-home: stable at home, no family doctor yet → assessment first, then home care', () => {
    expect(ruleFor('home', 'stable', 'yes', 'none')).toBe('stable-home');
    expect(ruleFor('home', 'stable', 'yes', 'unsure')).toBe('stable-home');
    expect(config.rules.find((r) => r.id === 'stable-home')?.modes.map((m) => m.mode)).toEqual(['门诊', '居家']);
  });

  it('every rule is exercised above', () => {
    const tested = new Set<string>();
    for (const answers of completions(config.questions)) {
      const id = firstMatch(config.rules, answers)?.id;
      if (id) tested.add(id);
    }
    expect([...tested].sort()).toEqual(config.rules.map((r) => r.id).sort());
  });
});

describe('decide', () => {
  it('gives no advice before the answers settle it, and lists what is unanswered', () => {
    const d = decide(config, { place: 'home' });
    expect(d.rule).toBeUndefined();
    expect(d.unanswered).toEqual(['symptoms', 'care', 'support']);
    expect(decide(config, {}).rule).toBeUndefined();
  });

  it('advises as soon as the rest cannot change the outcome', () => {
    expect(decide(config, { place: 'hospital', symptoms: 'severe' }).rule?.id).toBe('severe-in-hospital');
    expect(decide(config, { place: 'home', symptoms: 'severe' }).rule?.id).toBe('severe');
    expect(decide(config, { symptoms: 'severe' }).rule).toBeUndefined();
    expect(decide(config, { place: 'facility', symptoms: 'stable' }).rule?.id).toBe('stable-in-facility');
    expect(decide(config, { place: 'home', symptoms: 'stable', care: 'yes' }).rule).toBeUndefined();
    expect(decide(config, { place: 'home', symptoms: 'stable', care: 'yes', support: 'unsure' }).rule?.id).toBe('stable-home');
  });

  it('ignores answers that are not options', () => {
    expect(decide(config, { place: 'moon', symptoms: 'severe' }).rule).toBeUndefined();
    expect(decide(config, { place: 'moon' }).unanswered).toContain('place');
  });
});

describe('rule helpers', () => {
  const small: Pick<PathwayRules, 'questions' | 'rules'> = {
    questions: [
      {
        id: 'a',
        question: 'A?',
        short: 'A',
        options: [
          { value: 'x', label: 'X', short: 'X' },
          { value: 'y', label: 'Y', short: 'Y' },
        ],
      },
      {
        id: 'b',
        question: 'B?',
        short: 'B',
        options: [
          { value: 'p', label: 'P', short: 'P' },
          { value: 'q', label: 'Q', short: 'Q' },
        ],
      },
    ],
    rules: [
      {
        id: 'one',
        when: { a: ['x'] },
        title: 't',
        places: ['p'],
        modes: [{ mode: '住院', why: 'w' }],
        next: ['n'],
        sources: [{ plan: 'beijing', clause: '二（三）1' }],
        urgent: false,
      },
      {
        id: 'two',
        when: { a: ['x'], b: ['p'] },
        title: 't',
        places: ['p'],
        modes: [{ mode: '门诊', why: 'w' }],
        next: ['n'],
        sources: [{ plan: 'beijing', clause: '二（三）1' }],
        urgent: false,
      },
    ],
  };

  it('ruleMatches needs every condition answered', () => {
    const [one, two] = small.rules;
    expect(one && ruleMatches(one, { a: 'x' })).toBe(true);
    expect(two && ruleMatches(two, { a: 'x' })).toBe(false);
    expect(two && ruleMatches(two, { a: 'x', b: 'p' })).toBe(true);
  });

  it('ruleProblems reports answers no rule covers and rules that can never win', () => {
    const problems = ruleProblems(small);
    expect(problems.filter((p) => p.startsWith('没有规则适用'))).toHaveLength(2);
    expect(problems).toContain('规则 two 永远不会被选中（前面的规则总是先匹配）');
  });

  it('conditionLabels gives the short labels, or null for any answer', () => {
    const [qa, qb] = small.questions;
    const two = small.rules[1];
    if (!qa || !qb || !two) throw new Error('fixture');
    expect(conditionLabels(qa, two)).toEqual(['X']);
    expect(conditionLabels(qb, small.rules[0] ?? two)).toBeNull();
  });

  it('the schema rejects conditions on unknown questions or options, and repeated modes', () => {
    const bad = JSON.parse(readFileSync('content/pathway-rules.json', 'utf8')) as {
      rules: { when: Record<string, string[]>; modes: { mode: string; why: string }[] }[];
    };
    const first = bad.rules[0];
    if (!first) throw new Error('no rules');
    first.when['weather'] = ['sunny'];
    first.when['place'] = ['moon'];
    first.modes.push({ mode: first.modes[0]?.mode ?? '住院', why: '重复' });
    const result = pathwayRulesSchema.safeParse(bad);
    expect(result.success).toBe(false);
    const messages = result.error?.issues.map((i) => i.message) ?? [];
    expect(messages).toContain('没有这个问题：weather');
    expect(messages).toContain('问题 place 没有选项 moon');
    expect(messages.some((m) => m.startsWith('服务方式重复'))).toBe(true);
  });
});

describe('finderHref', () => {
  it('sets the county and the mode with the finder’s parameter names', () => {
    const url = new URL(finderHref('330106', '住院'), 'http://x');
    expect(url.pathname).toBe('/services/');
    expect(url.searchParams.get('county')).toBe('330106');
    expect(url.searchParams.get('mode')).toBe('住院');
    expect(finderHref('110105', '居家')).toBe(`/services/?county=110105&mode=${encodeURIComponent('居家')}`);
  });

  it('leaves out a missing or malformed county', () => {
    expect(finderHref(undefined, '门诊')).toBe(`/services/?mode=${encodeURIComponent('门诊')}`);
    expect(finderHref('abc', '门诊')).toBe(`/services/?mode=${encodeURIComponent('门诊')}`);
    expect(finderHref(undefined)).toBe('/services/');
  });
});

import { describe, expect, it } from 'vitest';
import {
  canonicalize,
  findSynonymWords,
  highlightExcerpt,
  mergeRankings,
  normalizePhoneRun,
  normalizeQuery,
  planQuery,
  readSearchState,
  searchUrl,
  filtersFor,
  toSimplified,
  decodeEntities,
  nameScore,
  queryPieces,
  titleKey,
  pagefindTerm,
  MAX_QUERY_LENGTH,
  type SynonymTable,
} from '../../src/lib/search/query.ts';
import {
  buildShards,
  decodeNames,
  decodeShard,
  decodeSiteNames,
  encodeNames,
  encodeSiteNames,
  shardCount,
  shardOf,
  NAMES_PER_SHARD,
} from '../../src/lib/search/names.ts';
import { loadSynonymTable } from '../../src/lib/search/synonyms.ts';

const table = loadSynonymTable();

/** A tiny table so the rules can be read off the test. */
const tiny: SynonymTable = {
  groups: [
    ['安宁疗护', '临终关怀', '宁养'],
    ['老年大学', '老年学校'],
    ['老年', '老人'],
  ],
  traditional: [
    ['安寧療護', '安宁疗护'],
    ['臨終關懷', '临终关怀'],
    ['老年大學', '老年大学'],
  ],
};

describe('normalizeQuery', () => {
  it('trims and collapses blanks, including the full-width space', () => {
    expect(normalizeQuery('  疼痛\u3000\u3000居家 \n', tiny)).toBe('疼痛 居家');
  });

  it('strips quotes of every kind (Pagefind finds nothing for quoted Chinese)', () => {
    expect(normalizeQuery('"安宁疗护"', tiny)).toBe('安宁疗护');
    expect(normalizeQuery('“临终关怀” 「老年大学」『课程』《指南》', tiny)).toBe('临终关怀 老年大学 课程 指南');
    expect(normalizeQuery("'居家'", tiny)).toBe('居家');
  });

  it('turns full-width letters and digits into half-width', () => {
    expect(normalizeQuery('ＰＵＭＣ　１１０１０１', tiny)).toBe('PUMC 110101');
  });

  it('turns listed traditional spellings into simplified, and their characters elsewhere', () => {
    expect(normalizeQuery('安寧療護', tiny)).toBe('安宁疗护');
    expect(normalizeQuery('臨終關懷 老年大學', tiny)).toBe('临终关怀 老年大学');
    // 寧 and 療 come from the listed pairs, so 寧養 and 療護 convert too.
    expect(toSimplified('寧養 療護', tiny)).toBe('宁養 疗护');
  });

  it('converts the traditional spellings of every main term in the real synonyms file', () => {
    for (const [trad, simp] of [
      ['安寧療護', '安宁疗护'],
      ['臨終關懷', '临终关怀'],
      ['舒緩療護', '舒缓疗护'],
      ['緩和醫療', '缓和医疗'],
      ['姑息治療', '姑息治疗'],
      ['寧養', '宁养'],
      ['老年大學', '老年大学'],
      ['社區衛生服務中心', '社区卫生服务中心'],
      ['社區醫院', '社区医院'],
      ['上門', '上门'],
    ] as const) {
      expect(normalizeQuery(trad, table)).toBe(simp);
    }
  });

  it('keeps mixed Chinese, Latin and digits', () => {
    expect(normalizeQuery('北京 PUMC 协和 2026', tiny)).toBe('北京 PUMC 协和 2026');
  });

  it('leaves a 6-digit region code alone', () => {
    expect(normalizeQuery('110106', tiny)).toBe('110106');
    expect(normalizeQuery('330213 居家', tiny)).toBe('330213 居家');
  });

  it('puts phone numbers in the indexed form', () => {
    expect(normalizeQuery('01067891234', tiny)).toBe('010 67891234');
    expect(normalizeQuery('010-67891234', tiny)).toBe('010 67891234');
    expect(normalizeQuery('（０５７１）８７６５ ４３２１', tiny)).toBe('0571 87654321');
    expect(normalizeQuery('0571-87654321转8001', tiny)).toBe('0571 87654321 8001');
    expect(normalizeQuery('+86 571 8765 4321', tiny)).toBe('0571 87654321');
    expect(normalizeQuery('138 0013 8000', tiny)).toBe('13800138000');
    expect(normalizeQuery('朝阳区 010-6789 1234 电话', tiny)).toBe('朝阳区 010 67891234 电话');
  });

  it('does not glue numbers that are not phone numbers', () => {
    expect(normalizeQuery('2026 110106', tiny)).toBe('2026 110106');
    expect(normalizeQuery('2026-11-22', tiny)).toBe('2026-11-22');
  });

  it('cuts very long input', () => {
    expect([...normalizeQuery('疼'.repeat(500), tiny)].length).toBe(MAX_QUERY_LENGTH);
  });

  it('returns an empty string for blank or quote-only input', () => {
    expect(normalizeQuery('  “ ” ', tiny)).toBe('');
  });
});

describe('normalizePhoneRun', () => {
  it('splits landlines after a 3- or 4-digit area code', () => {
    expect(normalizePhoneRun('02112345678')).toBe('021 12345678');
    expect(normalizePhoneRun('057787654321')).toBe('0577 87654321');
  });
  it('leaves short numbers alone', () => {
    expect(normalizePhoneRun('120')).toBe('120');
    expect(normalizePhoneRun('12320')).toBe('12320');
  });
});

describe('synonyms', () => {
  it('finds the longest word at each position', () => {
    expect(findSynonymWords('老年大学 老人', tiny).map((m) => m.word)).toEqual(['老年大学', '老人']);
  });

  it('replaces variants with the canonical word', () => {
    expect(canonicalize('临终关怀 老人', tiny)).toBe('安宁疗护 老年');
    expect(canonicalize('老年学校 课程', tiny)).toBe('老年大学 课程');
    expect(canonicalize('老年大学', tiny)).toBe('老年大学');
  });

  it('plans the canonical search first, then the query as typed', () => {
    const plan = planQuery('“臨終關懷”', tiny);
    expect(plan.normalized).toBe('临终关怀');
    expect(plan.canonical).toBe('安宁疗护');
    expect(plan.searches).toEqual(['安宁疗护', '临终关怀']);
    expect(plan.highlight).toEqual(expect.arrayContaining(['安宁疗护', '临终关怀', '宁养']));
  });

  it('runs one search when the query has no synonyms', () => {
    expect(planQuery('疼痛', tiny).searches).toEqual(['疼痛']);
    expect(planQuery('  ', tiny).searches).toEqual([]);
  });

  it('covers the groups the site needs', () => {
    const canonical = (q: string) => planQuery(q, table).canonical;
    expect(canonical('临终关怀')).toBe('安宁疗护');
    expect(canonical('舒缓疗护')).toBe('安宁疗护');
    expect(canonical('缓和医疗')).toBe('安宁疗护');
    expect(canonical('姑息治疗')).toBe('安宁疗护');
    expect(canonical('宁养')).toBe('安宁疗护');
    expect(canonical('老年学校')).toBe('老年大学');
    expect(canonical('社区医院')).toBe('社区卫生服务中心');
    expect(canonical('上门')).toBe('居家');
    expect(canonical('家庭病床')).toBe('居家');
    expect(canonical('老人')).toBe('老年');
    expect(canonical('安寧療護')).toBe('安宁疗护');
  });
});

describe('highlightExcerpt', () => {
  const marked = (segments: { text: string; mark: boolean }[]) => segments.filter((s) => s.mark).map((s) => s.text);

  it('marks whole words instead of Pagefind’s single characters', () => {
    const html = '什么<mark>是安</mark>宁<mark>疗</mark><mark>护</mark>. <mark>安宁</mark><mark>疗</mark><mark>护</mark>不是放弃';
    const segments = highlightExcerpt(html, ['安宁疗护']);
    expect(segments.map((s) => s.text).join('')).toBe('什么是安宁疗护. 安宁疗护不是放弃');
    expect(marked(segments)).toEqual(['安宁疗护', '安宁疗护']);
  });

  it('marks synonyms of the query', () => {
    expect(marked(highlightExcerpt('较早的说法是临终关怀，现在叫安宁疗护', ['临终关怀', '安宁疗护']))).toEqual(['临终关怀', '安宁疗护']);
  });

  it('falls back to Pagefind’s marks, joined where they touch', () => {
    expect(marked(highlightExcerpt('北京市<mark>丰台</mark><mark>区</mark>蒲黄榆', ['丰台区社区']))).toEqual(['丰台区']);
  });

  it('decodes entities and never returns markup', () => {
    const segments = highlightExcerpt('A &amp; B &lt;script&gt; <mark>疼痛</mark>', ['疼痛']);
    expect(segments.map((s) => s.text).join('')).toBe('A & B <script> 疼痛');
    expect(marked(segments)).toEqual(['疼痛']);
  });

  it('ignores case for Latin words', () => {
    expect(marked(highlightExcerpt('Volunteer 志愿者', ['volunteer']))).toEqual(['Volunteer']);
  });

  it('decodes numeric entities', () => {
    expect(decodeEntities('&#39;&#x4e2d;&quot;')).toBe('\'中"');
  });
});

describe('mergeRankings', () => {
  it('adds normalised scores, so pages found by both searches rise', () => {
    const merged = mergeRankings([
      [
        { id: 'a', score: 10 },
        { id: 'b', score: 8 },
        { id: 'c', score: 6 },
      ],
      [{ id: 'c', score: 4 }],
    ]);
    expect(merged.map((r) => r.id)).toEqual(['c', 'a', 'b']);
  });

  it('keeps the first list’s order on ties and handles empty lists', () => {
    expect(
      mergeRankings([
        [
          { id: 'x', score: 1 },
          { id: 'y', score: 1 },
        ],
        [],
      ]).map((r) => r.id),
    ).toEqual(['x', 'y']);
    expect(mergeRankings([])).toEqual([]);
  });
});

describe('search state in the URL', () => {
  it('reads and writes q, type and city', () => {
    const state = readSearchState('?q=%E7%96%BC%E7%97%9B&type=%E6%9C%BA%E6%9E%84&city=%E6%9D%AD%E5%B7%9E%E5%B8%82');
    expect(state).toEqual({ q: '疼痛', type: '机构', city: '杭州市', province: '' });
    expect(searchUrl(state)).toBe('/search/?q=%E7%96%BC%E7%97%9B&type=%E6%9C%BA%E6%9E%84&city=%E6%9D%AD%E5%B7%9E%E5%B8%82');
    // Institutions are the pages with none of the other types (their type is not a filter value).
    expect(filtersFor(state)).toEqual({ type: { none: ['课程', '课时', '指南', '页面'] }, city: '杭州市' });
    expect(filtersFor({ ...state, type: '指南' })).toEqual({ type: '指南', city: '杭州市' });
  });

  it('ignores unknown types and leaves out empty parts', () => {
    expect(readSearchState('?q=a&type=nonsense').type).toBe('');
    expect(searchUrl({ q: ' ', type: '', city: '' })).toBe('/search/');
    expect(filtersFor({ q: 'x', type: '', city: '' })).toEqual({});
  });

  it('keeps a province only when it is a 6-digit province code', () => {
    expect(readSearchState('?q=a&province=330000').province).toBe('330000');
    expect(searchUrl({ q: '居家', type: '', city: '', province: '330000' })).toBe('/search/?q=%E5%B1%85%E5%AE%B6&province=330000');
    for (const bad of ['330100', '33', 'x', '000000', '3300000']) expect(readSearchState(`?q=a&province=${bad}`).province, bad).toBe('');
  });
});

describe('page names', () => {
  const plan = (q: string) => planQuery(q, table);

  it('compares titles without punctuation, blanks or the trailing 示例 badge', () => {
    expect(titleKey('上城区示例护理院（示例） 示例')).toBe('上城区示例护理院');
    expect(titleKey(' 北京协和医院 ')).toBe('北京协和医院');
    expect(titleKey('ＰＵＭＣ')).toBe('pumc');
  });

  it('splits long words into character pairs', () => {
    expect(queryPieces('杭州 安宁疗护中心')).toEqual(['杭州', '安宁', '宁疗', '疗护', '护中', '中心']);
    expect(queryPieces('疼')).toEqual(['疼']);
  });

  it('scores an exact name or alias 2, whatever the sample badge', () => {
    expect(nameScore(plan('上城区示例护理院（示例）'), { names: ['上城区示例护理院（示例） 示例'], facts: [] })).toBe(2);
    expect(nameScore(plan('协和医院'), { names: ['北京协和医院', '协和医院'], facts: ['机构'] })).toBe(2);
  });

  it('does not treat a fact equal to the query as the page’s name', () => {
    expect(nameScore(plan('护理院'), { names: ['南湖区示例护理院'], facts: ['护理院'] })).toBeLessThan(2);
  });

  it('counts query pieces found in names and facts', () => {
    const hospice = { names: ['拱墅区示例安宁疗护中心'], facts: ['机构', '安宁疗护中心', '杭州市', '拱墅区'] };
    const general = { names: ['杭州市示例综合医院'], facts: ['机构', '综合医院', '杭州市', '上城区'] };
    expect(nameScore(plan('杭州 安宁疗护中心'), hospice)).toBeGreaterThan(nameScore(plan('杭州 安宁疗护中心'), general));
    expect(nameScore(plan('疼痛'), general)).toBe(0);
  });

  it('prefers the title the query fills most', () => {
    const short = nameScore(plan('安宁疗护'), { names: ['认识安宁疗护'], facts: [] });
    const long = nameScore(plan('安宁疗护'), { names: ['安宁疗护志愿者做什么、不做什么'], facts: [] });
    expect(short).toBeGreaterThan(long);
  });

  it('counts canonical synonyms half, so the typed word decides', () => {
    const typed = nameScore(plan('社区医院'), { names: ['西城区示例社区卫生服务中心'], facts: ['社区卫生服务中心'] });
    expect(typed).toBeGreaterThan(0);
    expect(typed).toBeLessThanOrEqual(0.625);
  });

  it('round-trips the compact names file and skips malformed entries', () => {
    const encoded = encodeNames({
      a: { names: ['北京协和医院', '协和医院'], facts: ['机构', '北京市'] },
      b: { names: ['什么是安宁疗护'], facts: [] },
    });
    expect(encoded['a']).toEqual([2, '北京协和医院', '协和医院', '机构', '北京市']);
    const decoded = decodeNames({ ...JSON.parse(JSON.stringify(encoded)), bad: 'x', worse: ['y'] });
    expect(decoded).toEqual({
      a: { names: ['北京协和医院', '协和医院'], facts: ['机构', '北京市'] },
      b: { names: ['什么是安宁疗护'], facts: [] },
    });
    expect(decodeNames(null)).toEqual({});
  });

  it('sizes the exact-name shards so one stays small, and puts each name in the shard its key hashes to', () => {
    expect(shardCount(0)).toBe(1);
    expect(shardCount(NAMES_PER_SHARD)).toBe(1);
    expect(shardCount(NAMES_PER_SHARD + 1)).toBe(2);
    expect(shardCount(10_000)).toBe(128);
    const byId = {
      a: { names: ['北京协和医院', '协和医院'], facts: ['机构'] },
      b: { names: ['北京医院（示例）'], facts: [] },
      c: { names: ['北京医院'], facts: [] },
    };
    const shards = buildShards(byId, 8);
    expect(shards).toHaveLength(8);
    const lookup = (name: string) => decodeShard(JSON.parse(JSON.stringify(shards[shardOf(titleKey(name), 8)])))[titleKey(name)];
    expect(lookup('北京协和医院')).toEqual(['a']);
    expect(lookup('协和医院')).toEqual(['a']);
    // The 示例 badge is not part of a name: both pages are found by 北京医院.
    expect(lookup('北京医院')).toEqual(['b', 'c']);
    expect(lookup('北京肿瘤医院')).toBeUndefined();
    for (const key of ['北京医院', 'a', '']) expect(shardOf(key, 128)).toBeLessThan(128);
  });

  it('round-trips the site names file and survives a damaged one', () => {
    const site = { shards: 4, pages: { g: { names: ['什么是安宁疗护'], facts: ['指南'] } } };
    expect(decodeSiteNames(JSON.parse(JSON.stringify(encodeSiteNames(site))))).toEqual(site);
    expect(decodeSiteNames({ shards: 'x', pages: 3 })).toEqual({ shards: 0, pages: {} });
    expect(decodeShard({ k: ['a', 2], j: 'x' })).toEqual({ k: ['a'] });
  });

  it('asks Pagefind for the searchAs part of a canonical word, as a word of its own', () => {
    expect(table.searchAs).toContainEqual(['安宁疗护', '安宁']);
    expect(pagefindTerm('安宁疗护', table)).toBe('安宁');
    expect(pagefindTerm('杭州 安宁疗护中心', table)).toBe('杭州 安宁 中心');
    expect(pagefindTerm('安宁疗护 安宁疗护', table)).toBe('安宁');
    expect(pagefindTerm('临终关怀', table)).toBe('临终关怀');
    expect(pagefindTerm('安宁疗护', tiny)).toBe('安宁疗护');
  });
});

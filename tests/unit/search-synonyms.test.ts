import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseSynonyms, searchPageTable, toSynonymTable, loadSynonymTable } from '../../src/lib/search/synonyms.ts';

const raw: unknown = JSON.parse(readFileSync('content/search-synonyms.json', 'utf8'));

describe('content/search-synonyms.json', () => {
  it('is valid, with a source for every group', () => {
    const file = parseSynonyms(raw);
    expect(file.groups.length).toBeGreaterThan(4);
    for (const group of file.groups) expect(group.source.length).toBeGreaterThan(10);
  });

  it('holds the groups the issue asks for', () => {
    const table = loadSynonymTable();
    const groupOf = (word: string) => table.groups.find((g) => g.includes(word));
    expect(groupOf('临终关怀')).toEqual(expect.arrayContaining(['安宁疗护', '舒缓疗护', '缓和医疗', '姑息治疗', '宁养']));
    expect(groupOf('老年学校')?.[0]).toBe('老年大学');
    expect(groupOf('社区医院')?.[0]).toBe('社区卫生服务中心');
    expect(groupOf('上门')).toEqual(expect.arrayContaining(['居家', '家庭病床']));
    expect(groupOf('老人')?.[0]).toBe('老年');
    expect(Object.fromEntries(table.traditional)).toMatchObject({ 安寧療護: '安宁疗护', 臨終關懷: '临终关怀' });
  });

  it('maps the words families use to the words the guides use (issue #13 item 14)', () => {
    const table = loadSynonymTable();
    const canonicalOf = (word: string) => table.groups.find((g) => g.includes(word))?.[0];
    expect(canonicalOf('生前预嘱')).toBe('预立医疗照护计划');
    expect(canonicalOf('长护险')).toBe('长期护理保险');
    expect(canonicalOf('丧亲')).toBe('哀伤');
    expect(canonicalOf('走了')).toBe('离世');
    expect(canonicalOf('最后的日子')).toBe('临终');
    expect(canonicalOf('吗啡')).toBe('止痛药');
    expect(canonicalOf('止痛')).toBe('疼痛');
    expect(canonicalOf('多少钱')).toBe('费用');
  });
});

describe('parseSynonyms', () => {
  const group = {
    canonical: '安宁疗护',
    variants: ['临终关怀'],
    traditional: { 安寧療護: '安宁疗护' },
    source: '本站指南《什么是安宁疗护》',
  };

  it('names the file, the field and the problem', () => {
    expect(() => parseSynonyms({ _comment: 'x', groups: [{ ...group, source: '' }] }, 'f.json')).toThrow(
      /^f\.json: groups\[0\]\.source: /m,
    );
  });

  it('rejects a word in two groups', () => {
    expect(() => parseSynonyms({ _comment: 'x', groups: [group, { ...group, canonical: '舒缓疗护', traditional: {} }] })).toThrow(
      /临终关怀.*第 1 组和第 2 组/,
    );
  });

  it('rejects a traditional spelling that maps outside its group or changes length', () => {
    expect(() => parseSynonyms({ _comment: 'x', groups: [{ ...group, traditional: { 臨終關懷: '姑息治疗' } }] })).toThrow(/不是本组的词/);
    expect(() =>
      parseSynonyms({ _comment: 'x', groups: [{ ...group, variants: ['临终关怀', '宁养'], traditional: { 寧養院: '宁养' } }] }),
    ).toThrow(/字数不同/);
  });

  it('rejects spaces and quotes in words, and unknown fields', () => {
    expect(() => parseSynonyms({ _comment: 'x', groups: [{ ...group, variants: ['临终 关怀'] }] })).toThrow(/空格或引号/);
    expect(() => parseSynonyms({ _comment: 'x', groups: [{ ...group, note: 'x' }] })).toThrow(/note/);
  });

  it('compacts to groups of [canonical, ...variants]', () => {
    expect(toSynonymTable(parseSynonyms({ _comment: 'x', groups: [group] }))).toEqual({
      groups: [['安宁疗护', '临终关怀']],
      traditional: [['安寧療護', '安宁疗护']],
      searchAs: [],
    });
    expect(toSynonymTable(parseSynonyms({ _comment: 'x', groups: [{ ...group, searchAs: '安宁' }] })).searchAs).toEqual([
      ['安宁疗护', '安宁'],
    ]);
  });

  it('accepts as searchAs only a part of the canonical word of two characters or more', () => {
    for (const bad of ['安宁疗护', '安', '临终'])
      expect(() => parseSynonyms({ _comment: 'x', groups: [{ ...group, searchAs: bad }] })).toThrow(
        /groups\[0\]\.searchAs: .*至少两个字的一部分/,
      );
  });

  it('gives the search page searchAs keys only for a registry of 1000 institutions or more', () => {
    const table = loadSynonymTable();
    expect(searchPageTable(table, 134).searchAs).toEqual([]);
    expect(searchPageTable(table, 10_000).searchAs).toContainEqual(['安宁疗护', '安宁']);
  });
});

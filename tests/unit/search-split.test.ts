import { describe, expect, it } from 'vitest';
import { loadRegistry } from '../../src/lib/registry/load.ts';
import { searchSplitAbove, searchSplitFor } from '../../src/lib/search/split-setting.ts';
import { commonPlaceName, placeNames, provinceInQuery, provinceOfPage, SPLIT_ABOVE } from '../../src/lib/search/split.ts';

describe('site search split by province', () => {
  it('splits only a registry larger than the one the finder loads whole', () => {
    expect(searchSplitFor(SPLIT_ABOVE, {})).toBe(false);
    expect(searchSplitFor(SPLIT_ABOVE + 1, {})).toBe(true);
    // The shipped site keeps one index, as before.
    expect(searchSplitFor(loadRegistry().records.length, {})).toBe(false);
  });

  it("reads a page's province from its <main>, and nothing from other elements", () => {
    expect(provinceOfPage('<main id="main" data-pagefind-body="" data-search-province="330000">')).toBe('330000');
    expect(provinceOfPage('<main id="main" data-pagefind-body="">')).toBeUndefined();
    expect(provinceOfPage('<div data-search-province="330000"></div><main>')).toBeUndefined();
  });

  it('shortens place names as people type them', () => {
    expect(commonPlaceName('浙江省')).toBe('浙江');
    expect(commonPlaceName('杭州市')).toBe('杭州');
    expect(commonPlaceName('广西壮族自治区')).toBe('广西');
    expect(commonPlaceName('延边朝鲜族自治州')).toBe('延边');
    expect(commonPlaceName('香港特别行政区')).toBe('香港');
    expect(commonPlaceName('沙市')).toBe('沙市'); // one character left would say too little
  });

  it('finds the one province a query names, the longest name first', () => {
    const { regions } = loadRegistry();
    const places = placeNames(regions.all, new Set(['110000', '330000']));
    expect(provinceInQuery('杭州 居家', places)).toBe('330000');
    expect(provinceInQuery('宁波市安宁疗护', places)).toBe('330000');
    expect(provinceInQuery('北京 疼痛', places)).toBe('110000');
    expect(provinceInQuery('疼痛', places)).toBeUndefined();
    // Two provinces named: the person has to choose.
    expect(provinceInQuery('北京 杭州', places)).toBeUndefined();
    // Counties are not in the list (朝阳区 is in Beijing and in Changchun).
    expect(provinceInQuery('朝阳区', places)).toBeUndefined();
  });
});

describe('SEARCH_SPLIT_ABOVE', () => {
  it('lowers the size above which a build splits, and refuses what is not a count', () => {
    expect(searchSplitFor(400, {})).toBe(false);
    expect(searchSplitFor(400, { SEARCH_SPLIT_ABOVE: '0' })).toBe(true);
    expect(searchSplitAbove({ SEARCH_SPLIT_ABOVE: ' 5000 ' })).toBe(5000);
    expect(() => searchSplitAbove({ SEARCH_SPLIT_ABOVE: '-1' })).toThrow(/SEARCH_SPLIT_ABOVE 应为不小于 0 的整数/u);
    expect(() => searchSplitAbove({ SEARCH_SPLIT_ABOVE: 'all' })).toThrow(/「all」/u);
  });
});

import { describe, expect, it } from 'vitest';
import {
  EMPTY_STATE,
  activeFilterCount,
  clearFilters,
  finderParams,
  finderUrl,
  parseFinderParams,
  toggleIn,
  type FinderState,
} from '../../src/lib/finder/url.ts';
import { MODES } from '../../src/lib/finder/vocab.ts';

const full: FinderState = {
  city: null,
  county: '330106',
  near: false,
  q: '人民医院',
  modes: ['住院', '居家'],
  offers: ['疼痛及症状控制', '中医药'],
  pays: ['医保', '长护险'],
  kinds: ['综合医院', '社区卫生服务中心'],
  desigs: ['指导中心'],
  volunteers: true,
  visits: true,
  verified: true,
  accepting: true,
  map: true,
  tiles: 'none',
};

describe('finder URL state', () => {
  it('round-trips every field', () => {
    const url = finderUrl(full);
    expect(parseFinderParams(new URL(url, 'http://x').search)).toEqual(full);
  });

  it('round-trips the empty state as the bare path', () => {
    expect(finderUrl(EMPTY_STATE)).toBe('/services/');
    expect(parseFinderParams('')).toEqual(EMPTY_STATE);
  });

  it('round-trips random states', () => {
    let seed = 7;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const pick = <T>(list: readonly T[]) => list.filter(() => rand() < 0.4);
    for (let n = 0; n < 200; n++) {
      const state: FinderState = {
        ...EMPTY_STATE,
        county: rand() < 0.5 ? '110105' : null,
        city: rand() < 0.3 ? '330100' : null,
        near: rand() < 0.2,
        q: rand() < 0.3 ? '协和 医院' : '',
        modes: pick(MODES),
        verified: rand() < 0.5,
        accepting: rand() < 0.5,
        map: rand() < 0.5,
      };
      expect(parseFinderParams(finderParams(state))).toEqual(state);
    }
  });

  it('builds the links other pages use, e.g. the pathway helper', () => {
    expect(finderUrl({ county: '330106', modes: ['住院'] })).toBe('/services/?county=330106&mode=%E4%BD%8F%E9%99%A2');
    expect(finderUrl({ near: true })).toBe('/services/?near=me');
    expect(parseFinderParams('?county=330106&mode=住院')).toMatchObject({ county: '330106', modes: ['住院'] });
  });

  it('puts parameters in a fixed order regardless of the order chosen', () => {
    const a = finderUrl({ modes: ['居家', '住院'], offers: ['中医药', '疼痛及症状控制'] });
    const b = finderUrl({ modes: ['住院', '居家'], offers: ['疼痛及症状控制', '中医药'] });
    expect(a).toBe(b);
  });

  it('accepts synonyms, comma lists and drops unknown or malformed values', () => {
    const s = parseFinderParams(
      '?mode=家庭病床,线上咨询&mode=飞行&county=abc&city=3301&offer=中医药、不存在&verified=yes&vol=0&q=' + 'x'.repeat(100),
    );
    expect(s.modes).toEqual(['居家', '互联网']);
    expect(s.county).toBeNull();
    expect(s.city).toBeNull();
    expect(s.offers).toEqual(['中医药']);
    expect(s.verified).toBe(true);
    expect(s.volunteers).toBe(false);
    expect(s.q).toHaveLength(60);
  });

  it('keeps "现在可接收" in the address as accepting=1, like the other yes/no filters', () => {
    expect(finderUrl({ county: '110105', accepting: true })).toBe('/services/?county=110105&accepting=1');
    expect(parseFinderParams('?accepting=1').accepting).toBe(true);
    expect(parseFinderParams('?accepting=0').accepting).toBe(false);
    expect(clearFilters({ ...EMPTY_STATE, accepting: true }).accepting).toBe(false);
  });

  it('treats ?map=none as "show the map without tiles"', () => {
    expect(parseFinderParams('?map=none')).toMatchObject({ map: true, tiles: 'none' });
    expect(parseFinderParams('?map=1')).toMatchObject({ map: true, tiles: null });
  });

  it('counts and clears filters', () => {
    expect(activeFilterCount(full)).toBe(2 + 2 + 2 + 2 + 1 + 4);
    const cleared = clearFilters(full);
    expect(activeFilterCount(cleared)).toBe(0);
    expect(cleared.county).toBe('330106');
    expect(cleared.q).toBe('人民医院');
    expect(clearFilters(full, true).q).toBe('');
  });

  it('toggles list values in vocabulary order', () => {
    expect(toggleIn(MODES, ['居家'], '住院')).toEqual(['住院', '居家']);
    expect(toggleIn(MODES, ['住院', '居家'], '住院')).toEqual(['居家']);
  });
});

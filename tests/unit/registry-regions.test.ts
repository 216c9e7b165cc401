import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { isInBounds, parseRegions } from '../../src/lib/registry/regions.ts';
import { regions } from './registry-helpers.ts';

describe('content/regions.json', () => {
  it('in the shipped scope: Beijing 16 districts, Zhejiang 11 cities and 90 counties, plus 2 provinces', () => {
    const r = regions();
    expect(r.provinces.map((p) => p.name)).toEqual(['北京市', '浙江省']);
    expect(r.children('110000').filter((c) => c.level === 'county')).toHaveLength(16);
    expect(r.children('110000').filter((c) => c.level === 'city')).toHaveLength(0);
    const cities = r.children('330000');
    expect(cities).toHaveLength(11);
    expect(cities.every((c) => c.level === 'city')).toBe(true);
    expect(cities.flatMap((c) => r.children(c.code))).toHaveLength(90);
    expect(r.all).toHaveLength(2 + 16 + 11 + 90);
  });

  it('every county centre lies inside its province box', () => {
    for (const county of regions().counties) {
      const province = regions().provinceOf(county.code);
      const bounds = province?.bounds;
      expect(bounds && isInBounds(bounds, county.centre.lat, county.centre.lng), county.name).toBe(true);
    }
  });

  it('walks lineage, cities and names', () => {
    const r = regions();
    expect(r.fullName('330106')).toBe('浙江省杭州市西湖区');
    expect(r.fullName('110101')).toBe('北京市东城区');
    expect(r.cityOf('330106')?.code).toBe('330100');
    expect(r.cityOf('110101')).toBeUndefined();
    expect(r.provinceOf('331127')?.name).toBe('浙江省');
    expect(r.countiesNamed('西湖区').map((c) => c.code)).toEqual(['330106']);
    expect(r.byCode.get('999999')).toBeUndefined();
  });
});

describe('content/regions.json, the whole country', () => {
  const all = parseRegions(JSON.parse(readFileSync('content/regions.json', 'utf8')));
  const byCode = new Map(all.map((r) => [r.code, r]));

  it('has all 31 provincial divisions of the mainland, each with its cities and counties', () => {
    const provinces = all.filter((r) => r.level === 'province');
    expect(provinces).toHaveLength(31);
    expect(provinces.map((p) => p.name)).toEqual(expect.arrayContaining(['上海市', '广东省', '新疆维吾尔自治区', '西藏自治区', '重庆市']));
    for (const p of provinces) {
      const counties = all.filter((r) => r.level === 'county' && (r.parent === p.code || byCode.get(r.parent ?? '')?.parent === p.code));
      expect(counties.length, p.name).toBeGreaterThanOrEqual(p.code === '460000' ? 10 : 16);
    }
    expect(all.filter((r) => r.level === 'county').length).toBeGreaterThan(2800);
    expect(all.filter((r) => r.level === 'city').length).toBeGreaterThan(320);
  });

  it('gives every province a box that holds the centre of each of its regions', () => {
    for (const r of all) {
      let province = r;
      while (province.parent !== null) province = byCode.get(province.parent) ?? province;
      expect(province.bounds, r.name).toBeDefined();
      if (province.bounds) expect(isInBounds(province.bounds, r.centre.lat, r.centre.lng), `${r.code} ${r.name}`).toBe(true);
    }
  });

  it('knows a few places where they are (codes, names, rough centres)', () => {
    expect(byCode.get('440106')).toMatchObject({ name: '天河区', parent: '440100' });
    expect(byCode.get('310115')).toMatchObject({ name: '浦东新区', parent: '310000', level: 'county' });
    expect(byCode.get('441900')).toMatchObject({ name: '东莞市', parent: '440000', level: 'county' });
    const tianhe = byCode.get('440106')?.centre;
    expect(Math.abs((tianhe?.lat ?? 0) - 23.12)).toBeLessThan(0.2);
    expect(Math.abs((tianhe?.lng ?? 0) - 113.36)).toBeLessThan(0.2);
    const urumqi = byCode.get('650100')?.centre;
    expect(Math.abs((urumqi?.lat ?? 0) - 43.8)).toBeLessThan(0.5);
    expect(all.some((r) => r.code[4] === '7' && r.level === 'county')).toBe(false);
  });
});

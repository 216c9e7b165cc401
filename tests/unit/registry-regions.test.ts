import { describe, expect, it } from 'vitest';
import { PROVINCE_BOUNDS, isInBounds } from '../../src/lib/registry/regions.ts';
import { regions } from './registry-helpers.ts';

describe('content/regions.json', () => {
  it('has Beijing 16 districts, Zhejiang 11 cities and 90 counties, plus 2 provinces', () => {
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
      const bounds = province && PROVINCE_BOUNDS[province.code];
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

import { describe, expect, it } from 'vitest';
import { isInBounds } from '../../src/lib/registry/regions.ts';
import { generateSyntheticRegistry, registryRelativePath } from '../../scripts/lib/synthetic-registry.ts';
import { validateRegistry } from '../../src/lib/registry/validate.ts';
import { TODAY, regions } from './registry-helpers.ts';

describe('synthetic registry', () => {
  const records = generateSyntheticRegistry({ count: 600, seed: 42, regions: regions(), today: TODAY });

  it('passes validateRegistry', () => {
    const entries = records.map((r) => ({ file: `bench/tmp/registry-600/${registryRelativePath(r, regions())}`, data: r }));
    const result = validateRegistry(entries, regions(), { today: TODAY });
    expect(result.errors).toEqual([]);
    expect(result.records).toHaveLength(600);
  });

  it('is all sample data, spread over every county of both provinces', () => {
    expect(records.every((r) => r.provenance.kind === 'sample' && r.name.includes('示例') && r.contact?.phones === undefined)).toBe(true);
    const counties = new Set(records.map((r) => r.regionCode));
    expect(counties.size).toBe(regions().counties.length);
    expect(records.some((r) => r.regionCode.startsWith('11'))).toBe(true);
    expect(records.some((r) => r.regionCode.startsWith('33'))).toBe(true);
  });

  it('keeps coordinates near the county centre and inside the province box', () => {
    for (const r of records) {
      const county = regions().byCode.get(r.regionCode);
      const province = regions().provinceOf(r.regionCode);
      const bounds = province?.bounds;
      expect(bounds && isInBounds(bounds, r.location.lat, r.location.lng)).toBe(true);
      expect(Math.abs(r.location.lat - (county?.centre.lat ?? 0))).toBeLessThan(0.05);
      expect(Math.abs(r.location.lng - (county?.centre.lng ?? 0))).toBeLessThan(0.05);
    }
  });

  it('is deterministic per seed', () => {
    expect(generateSyntheticRegistry({ count: 50, seed: 42, regions: regions(), today: TODAY })).toEqual(records.slice(0, 50));
    expect(generateSyntheticRegistry({ count: 50, seed: 43, regions: regions(), today: TODAY })).not.toEqual(records.slice(0, 50));
  });
});

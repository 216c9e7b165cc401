/**
 * The finder's data split by place (src/lib/finder/index-build.ts buildFinderParts,
 * src/lib/finder/parts.ts): a province's part holds its records only, the merge of the
 * parts is the whole index, ids and places lead to the right part, and "near me" by a
 * border loads the province across it.
 */
import { describe, expect, it } from 'vitest';
import { generateSyntheticRegistry } from '../../scripts/lib/synthetic-registry.ts';
import { buildFinderIndex, buildFinderParts } from '../../src/lib/finder/index-build.ts';
import { decodeFinderIndex } from '../../src/lib/finder/index-data.ts';
import type { FinderPartJson } from '../../src/lib/finder/index-format.ts';
import { mergeParts, provinceOfCode, provinceOfId, provincesNear } from '../../src/lib/finder/parts.ts';
import { loadRegions, loadRegistry } from '../../src/lib/registry/load.ts';
import { TODAY } from './registry-helpers.ts';

const registry = loadRegistry({ today: TODAY, samples: true });
const built = buildFinderParts(registry.records, registry.regions, (name) => `/data/finder/${name}.json?v=x`);
const part = (p: string): FinderPartJson => JSON.parse(built.parts.get(p) ?? 'null') as FinderPartJson;

describe('finder data split by province', () => {
  it('gives each province in scope a part with its own records only, and the overview every region', () => {
    expect(built.overview.parts.map((p) => p.p)).toEqual(['110000', '330000']);
    expect(built.overview.n).toBe(registry.records.length);
    expect(built.overview.regions.c).toHaveLength(registry.regions.all.length);
    for (const info of built.overview.parts) {
      const json = part(info.p);
      expect(json.id).toHaveLength(info.n);
      for (const rg of json.rg) expect(provinceOfCode(built.overview.regions.c[rg] ?? '')).toBe(info.p);
    }
    expect(built.overview.pre).toEqual({ 'bj-': '110000', 'zj-': '330000' });
  });

  it('merges the parts back into the whole index', () => {
    const merged = decodeFinderIndex(mergeParts(built.overview, [part('110000'), part('330000')]));
    const whole = decodeFinderIndex(buildFinderIndex(registry.records, registry.regions));
    expect(merged.count).toBe(whole.count);
    expect([...merged.ids].sort()).toEqual([...whole.ids].sort());
    const i = merged.idIndex.get('zj-zhejiang-hospital') ?? -1;
    const j = whole.idIndex.get('zj-zhejiang-hospital') ?? -1;
    expect(merged.lat[i]).toBe(whole.lat[j]);
    expect(merged.regions[merged.county[i] ?? 0]?.code).toBe('330106');
    const zhejiangOnly = decodeFinderIndex(mergeParts(built.overview, [part('330000')]));
    expect(zhejiangOnly.ids.every((id) => !id.startsWith('bj-'))).toBe(true);
    expect(zhejiangOnly.regions).toHaveLength(merged.regions.length);
  });

  it('finds the part of a saved id and of a place', () => {
    expect(provinceOfId(built.overview, 'bj-pumch')).toBe('110000');
    expect(provinceOfId(built.overview, 'sample-330106-2')).toBe('330000');
    expect(provinceOfId(built.overview, 'xx-unknown')).toBeUndefined();
    expect(provinceOfCode('330106')).toBe('330000');
  });

  it('after "use my location" near a border, loads the province across it too', () => {
    const national = loadRegions('content/regions.json', 'bench/scope-national.json');
    const records = generateSyntheticRegistry({ count: 400, seed: 3, regions: national, today: TODAY });
    const { overview } = buildFinderParts(records, national, (name) => name);
    expect(overview.parts).toHaveLength(31);
    // 河北 廊坊 北三河 (燕郊), a few km east of Beijing's 通州: Hebei and Beijing.
    expect(provincesNear(overview, { lat: 39.95, lng: 116.82 })).toEqual(expect.arrayContaining(['110000', '130000']));
    // 乌鲁木齐: Xinjiang alone.
    expect(provincesNear(overview, { lat: 43.83, lng: 87.62 })).toEqual(['650000']);
  });
});

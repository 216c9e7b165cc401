/**
 * The finder's data split by place (src/lib/finder/index-build.ts buildFinderParts,
 * src/lib/finder/parts.ts): a province's part holds its records only, the merge of the
 * parts is the whole index, ids and places lead to the right part, and "near me" by a
 * border loads the province across it (the overview lists provinces and cities only; the
 * counties come with their province's part).
 */
import { describe, expect, it } from 'vitest';
import { generateSyntheticRegistry } from '../../scripts/lib/synthetic-registry.ts';
import { buildFinderIndex, buildFinderParts } from '../../src/lib/finder/index-build.ts';
import { decodeFinderIndex, pickableCities } from '../../src/lib/finder/index-data.ts';
import type { FinderPartJson } from '../../src/lib/finder/index-format.ts';
import {
  ACROSS_BORDER_KM,
  mergeParts,
  provinceOfCode,
  provinceOfId,
  provincesMaybeNear,
  provincesNear,
} from '../../src/lib/finder/parts.ts';
import { distanceKm } from '../../src/lib/geo.ts';
import { loadRegions, loadRegistry } from '../../src/lib/registry/load.ts';
import { TODAY } from './registry-helpers.ts';

const registry = loadRegistry({ today: TODAY, samples: true });
const built = buildFinderParts(registry.records, registry.regions, (name) => `/data/finder/${name}.json?v=x`);
const part = (p: string): FinderPartJson => JSON.parse(built.parts.get(p) ?? 'null') as FinderPartJson;

describe('finder data split by province', () => {
  it('gives each province in scope a part with its own counties and records only, and the overview the provinces and cities', () => {
    expect(built.overview.parts.map((p) => p.p)).toEqual(['110000', '330000']);
    expect(built.overview.n).toBe(registry.records.length);
    const upper = registry.regions.all.filter((r) => r.level !== 'county');
    expect(built.overview.regions.c).toHaveLength(upper.length);
    expect(built.overview.regions.l.every((l) => l !== 2)).toBe(true);
    expect(built.overview.rd).toHaveLength(upper.length);
    const counties: string[] = [];
    for (const info of built.overview.parts) {
      const json = part(info.p);
      expect(json.id).toHaveLength(info.n);
      for (const c of json.cr.c) expect(provinceOfCode(c)).toBe(info.p);
      for (const rg of json.rg) expect(json.cr.c[rg]).toBeDefined();
      counties.push(...json.cr.c);
    }
    expect(counties.sort()).toEqual(registry.regions.counties.map((r) => r.code).sort());
    expect(built.overview.pre).toEqual({ 'bj-': '110000', 'zj-': '330000' });
  });

  it('merges the parts back into the whole index, regions and all', () => {
    const merged = decodeFinderIndex(mergeParts(built.overview, [part('110000'), part('330000')]));
    const whole = decodeFinderIndex(buildFinderIndex(registry.records, registry.regions));
    expect(merged.count).toBe(whole.count);
    expect(merged.regions).toEqual(whole.regions);
    expect([...merged.ids].sort()).toEqual([...whole.ids].sort());
    for (const id of ['zj-zhejiang-hospital', ...whole.ids.slice(0, 40)]) {
      const i = merged.idIndex.get(id) ?? -1;
      const j = whole.idIndex.get(id) ?? -1;
      expect(merged.lat[i]).toBe(whole.lat[j]);
      expect(merged.county[i]).toBe(whole.county[j]);
      expect(merged.coverage[i]).toEqual(whole.coverage[j]);
    }
    const i = merged.idIndex.get('zj-zhejiang-hospital') ?? -1;
    expect(merged.regions[merged.county[i] ?? 0]?.code).toBe('330106');
    const zhejiangOnly = decodeFinderIndex(mergeParts(built.overview, [part('330000')]));
    expect(zhejiangOnly.ids.every((id) => !id.startsWith('bj-'))).toBe(true);
    // Zhejiang's counties, and every province and city (the city picker needs no part).
    expect(zhejiangOnly.regions.filter((r) => r.level === 2).every((r) => r.code.startsWith('33'))).toBe(true);
    expect(zhejiangOnly.regions.filter((r) => r.level < 2)).toHaveLength(built.overview.regions.c.length);
    const none = decodeFinderIndex(mergeParts(built.overview, []));
    expect(none.count).toBe(0);
    expect(none.regions.find((r) => r.code === '330100')?.children).toEqual([]);
  });

  it('keeps home-care counties across a border as codes, and drops those of provinces not loaded', () => {
    const national = loadRegions('content/regions.json', 'bench/scope-national.json');
    const records = generateSyntheticRegistry({ count: 200, seed: 5, regions: national, today: TODAY });
    const home = records.findIndex(
      (r) => r.regionCode.startsWith('11') && r.services.some((s) => s.mode === '居家' && s.homeCare?.coverage),
    );
    expect(home).toBeGreaterThanOrEqual(0);
    const record = records[home];
    const service = record?.services.find((s) => s.mode === '居家');
    if (record === undefined || service?.homeCare?.coverage === undefined) throw new Error('no home care record');
    // Beijing's home care that also visits 三河市 (Hebei).
    const crossing = { ...record, services: [{ ...service, homeCare: { ...service.homeCare, coverage: ['110105', '131082'] } }] };
    const all = [...records.slice(0, home), crossing, ...records.slice(home + 1)];
    const split = buildFinderParts(all, national, (name) => name);
    const partOf = (p: string) => JSON.parse(split.parts.get(p) ?? 'null') as FinderPartJson;
    const beijing = partOf('110000');
    expect(beijing.hc[beijing.id.indexOf(record.id)]).toEqual([110105, 131082]);
    const both = decodeFinderIndex(mergeParts(split.overview, [partOf('110000'), partOf('130000')]));
    const covered = both.coverage[both.idIndex.get(record.id) ?? -1];
    expect(covered === 0 || covered === undefined ? [] : covered.map((at) => both.regions[at]?.code)).toEqual(['110105', '131082']);
    const alone = decodeFinderIndex(mergeParts(split.overview, [partOf('110000')]));
    const coveredAlone = alone.coverage[alone.idIndex.get(record.id) ?? -1];
    expect(coveredAlone === 0 || coveredAlone === undefined ? [] : coveredAlone.map((at) => alone.regions[at]?.code)).toEqual(['110105']);
  });

  it('finds the part of a saved id and of a place', () => {
    expect(provinceOfId(built.overview, 'bj-pumch')).toBe('110000');
    expect(provinceOfId(built.overview, 'sample-330106-2')).toBe('330000');
    expect(provinceOfId(built.overview, 'xx-unknown')).toBeUndefined();
    expect(provinceOfCode('330106')).toBe('330000');
  });

  describe('"use my location" near a border', () => {
    const national = loadRegions('content/regions.json', 'bench/scope-national.json');
    const records = generateSyntheticRegistry({ count: 400, seed: 3, regions: national, today: TODAY });
    const split = buildFinderParts(records, national, (name) => name);
    const partOf = (p: string) => JSON.parse(split.parts.get(p) ?? 'null') as FinderPartJson;
    /** What the finder does: the parts that may be near, then their counties decide. */
    const near = (point: { lat: number; lng: number }) =>
      provincesNear(provincesMaybeNear(split.overview, point).map(partOf), point).sort();
    /** The rule itself, over every county of the country (what the overview listed before version 2). */
    const byEveryCounty = (point: { lat: number; lng: number }) => {
      const km = national.counties
        .map((c) => ({
          p: provinceOfCode(c.code),
          km: distanceKm(point, { lat: Math.round(c.centre.lat * 1e4) / 1e4, lng: Math.round(c.centre.lng * 1e4) / 1e4 }),
        }))
        .sort((a, b) => a.km - b.km);
      const nearest = km[0]?.km ?? 0;
      return [...new Set(km.filter((k) => k.km <= nearest + ACROSS_BORDER_KM).map((k) => k.p))].sort();
    };

    it('offers every pickable city before any part is loaded, provinces with counties directly under them included', () => {
      const none = decodeFinderIndex(mergeParts(split.overview, []));
      const all = decodeFinderIndex(
        mergeParts(
          split.overview,
          split.overview.parts.map((info) => partOf(info.p)),
        ),
      );
      const codes = (data: typeof none) => pickableCities(data).map((r) => r.code);
      expect(codes(none)).toEqual(codes(all));
      // Beijing's districts; the counties Hainan and Xinjiang govern directly, beside their cities.
      expect(codes(none)).toEqual(expect.arrayContaining(['110000', '460000', '650000', '460100']));
    });

    it('loads the province across it too', () => {
      expect(split.overview.parts).toHaveLength(31);
      // 河北 廊坊 北三河 (燕郊), a few km east of Beijing's 通州: Hebei and Beijing.
      expect(near({ lat: 39.95, lng: 116.82 })).toEqual(expect.arrayContaining(['110000', '130000']));
      // 乌鲁木齐: Xinjiang alone.
      expect(near({ lat: 43.83, lng: 87.62 })).toEqual(['650000']);
    });

    it('finds the same provinces as every county of the country would, fetching few parts', () => {
      let fetched = 0;
      let points = 0;
      // A grid over the country and beyond its borders (offshore, Mongolia, Kazakhstan).
      for (let lat = 18; lat <= 53; lat += 1.7) {
        for (let lng = 74; lng <= 134; lng += 2.3) {
          const point = { lat, lng };
          expect(near(point), `${lat},${lng}`).toEqual(byEveryCounty(point));
          fetched += provincesMaybeNear(split.overview, point).length;
          points++;
        }
      }
      // On average a few parts per location, not the country.
      expect(fetched / points).toBeLessThan(4);
    });
  });
});

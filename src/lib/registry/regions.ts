/**
 * Regions: index content/regions.json by code, walk parents and children, and
 * know each province's rough bounding box and registry folder. Pure: reading
 * the file is done by load.ts, so this module also works in the browser.
 */
import { regionsFileSchema, type Region } from '../../schemas/region.ts';
import { parseJson } from '../read-json.ts';

export interface Bounds {
  readonly minLat: number;
  readonly maxLat: number;
  readonly minLng: number;
  readonly maxLng: number;
}

/** Rough bounding boxes of the provinces covered (generous by a few km). */
export const PROVINCE_BOUNDS: Readonly<Record<string, Bounds>> = {
  '110000': { minLat: 39.4, maxLat: 41.1, minLng: 115.4, maxLng: 117.6 },
  '330000': { minLat: 27.0, maxLat: 31.2, minLng: 118.0, maxLng: 123.2 },
};

/** Folder under content/institutions/ for each province. */
export const PROVINCE_FOLDERS: Readonly<Record<string, string>> = {
  '110000': 'beijing',
  '330000': 'zhejiang',
};

/** Id prefix of sourced records in each province (samples use sample-). */
export const PROVINCE_ID_PREFIXES: Readonly<Record<string, string>> = {
  '110000': 'bj-',
  '330000': 'zj-',
};

export interface RegionIndex {
  /** All regions in file order. */
  readonly all: readonly Region[];
  /** Region by six-digit code. */
  readonly byCode: ReadonlyMap<string, Region>;
  /** County-level regions (the ones records and coverage may use), in code order. */
  readonly counties: readonly Region[];
  /** Provinces, in code order. */
  readonly provinces: readonly Region[];
  /** Direct children of a region, in code order. */
  children(code: string): readonly Region[];
  /** The region itself and its ancestors, outermost first (province, city?, county). */
  lineage(code: string): readonly Region[];
  /** Province enclosing (or equal to) a code. */
  provinceOf(code: string): Region | undefined;
  /** City enclosing (or equal to) a code; undefined for Beijing's districts, which sit directly under the province. */
  cityOf(code: string): Region | undefined;
  /** Full name, e.g. 浙江省杭州市西湖区 / 北京市东城区; undefined for unknown codes. */
  fullName(code: string): string | undefined;
  /** Counties whose name is exactly `name` (usually one). */
  countiesNamed(name: string): readonly Region[];
}

export function isInBounds(bounds: Bounds, lat: number, lng: number): boolean {
  return lat >= bounds.minLat && lat <= bounds.maxLat && lng >= bounds.minLng && lng <= bounds.maxLng;
}

export function formatBounds(bounds: Bounds): string {
  return `纬度 ${bounds.minLat}–${bounds.maxLat}、经度 ${bounds.minLng}–${bounds.maxLng}`;
}

/** Validate raw regions data; throws an Error listing every problem, one per line. */
export function parseRegions(data: unknown, file = 'content/regions.json'): Region[] {
  const regions = parseJson(regionsFileSchema, data, file);
  const problems: string[] = [];
  const codes = new Set<string>();
  for (const region of regions) {
    if (codes.has(region.code)) problems.push(`${file}: ${region.code}: code: 重复的区划代码`);
    codes.add(region.code);
  }
  for (const region of regions) {
    if (region.level === 'province' && region.parent !== null)
      problems.push(`${file}: ${region.code}: parent: 省级区划的 parent 应为 null`);
    if (region.level !== 'province' && (region.parent === null || !codes.has(region.parent))) {
      problems.push(`${file}: ${region.code}: parent: 找不到上级区划 ${String(region.parent)}`);
    }
  }
  if (problems.length > 0) throw new Error(problems.join('\n'));
  return regions;
}

/** Build the lookup index over a validated list of regions. */
export function indexRegions(regions: readonly Region[]): RegionIndex {
  const byCode = new Map<string, Region>();
  const childMap = new Map<string, Region[]>();
  const byName = new Map<string, Region[]>();
  for (const region of regions) byCode.set(region.code, region);
  const sorted = [...regions].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  for (const region of sorted) {
    if (region.parent !== null) {
      const list = childMap.get(region.parent) ?? [];
      list.push(region);
      childMap.set(region.parent, list);
    }
    if (region.level === 'county') {
      const list = byName.get(region.name) ?? [];
      list.push(region);
      byName.set(region.name, list);
    }
  }
  const lineage = (code: string): Region[] => {
    const chain: Region[] = [];
    let current = byCode.get(code);
    while (current !== undefined && chain.length < 5) {
      chain.unshift(current);
      current = current.parent === null ? undefined : byCode.get(current.parent);
    }
    return chain;
  };
  return {
    all: regions,
    byCode,
    counties: sorted.filter((r) => r.level === 'county'),
    provinces: sorted.filter((r) => r.level === 'province'),
    children: (code) => childMap.get(code) ?? [],
    lineage,
    provinceOf: (code) => lineage(code).find((r) => r.level === 'province'),
    cityOf: (code) => lineage(code).find((r) => r.level === 'city'),
    fullName: (code) => {
      const chain = lineage(code);
      return chain.length === 0 ? undefined : chain.map((r) => r.name).join('');
    },
    countiesNamed: (name) => byName.get(name) ?? [],
  };
}

/**
 * Regions: index content/regions.json by code, walk parents and children, and
 * know each presented province's rough bounding box, registry folder and id
 * prefix (content/site-scope.json). Pure: reading the files is done by load.ts,
 * so this module also works in the browser.
 */
import { regionsFileSchema, type Region } from '../../schemas/region.ts';
import { siteScopeSchema, type ProvinceSetup, type SiteScope } from '../../schemas/site-scope.ts';
import { parseJson } from '../read-json.ts';

export type Bounds = NonNullable<Region['bounds']>;

/** What the site knows about a province it presents (content/site-scope.json + the province's box). */
export interface ProvinceScope extends ProvinceSetup {
  /** The province's rough box from content/regions.json; undefined when the file has none. */
  readonly bounds: Bounds | undefined;
}

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
  /** Folder, id prefix and box of a presented province; undefined outside the site's scope. */
  scopeOf(provinceCode: string): ProvinceScope | undefined;
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
  for (const region of regions) {
    if (region.level !== 'province' && region.bounds !== undefined) problems.push(`${file}: ${region.code}: bounds: 只有省级区划有范围`);
  }
  if (problems.length > 0) throw new Error(problems.join('\n'));
  return regions;
}

/** Validate raw site-scope data; throws an Error listing every problem, one per line. */
export function parseSiteScope(data: unknown, file = 'content/site-scope.json'): SiteScope {
  const scope = parseJson(siteScopeSchema, data, file);
  const problems: string[] = [];
  const seen = { code: new Set<string>(), folder: new Set<string>(), idPrefix: new Set<string>() };
  for (const p of scope.provinces) {
    for (const key of ['code', 'folder', 'idPrefix'] as const) {
      if (seen[key].has(p[key])) problems.push(`${file}: ${p.code}: ${key}: 重复的 ${p[key]}`);
      seen[key].add(p[key]);
    }
  }
  if (problems.length > 0) throw new Error(problems.join('\n'));
  return scope;
}

/**
 * The regions of the provinces in scope (each province, its cities and
 * counties), in file order; throws when the scope names a province the regions
 * file does not have. Regions outside the scope get no pages, no finder entries
 * and no form choices.
 */
export function regionsInScope(regions: readonly Region[], scope: SiteScope, file = 'content/site-scope.json'): Region[] {
  const byCode = new Map(regions.map((r) => [r.code, r]));
  const wanted = new Set<string>();
  const problems: string[] = [];
  for (const p of scope.provinces) {
    if (byCode.get(p.code)?.level !== 'province') problems.push(`${file}: ${p.code}: 区划文件中没有这个省级区划`);
    wanted.add(p.code);
  }
  if (problems.length > 0) throw new Error(problems.join('\n'));
  const provinceOf = (region: Region): string => {
    let current: Region | undefined = region;
    for (let depth = 0; current !== undefined && current.parent !== null && depth < 5; depth += 1) current = byCode.get(current.parent);
    return current?.code ?? '';
  };
  return regions.filter((r) => wanted.has(provinceOf(r)));
}

/**
 * Build the lookup index over a validated list of regions (usually those in
 * scope, regionsInScope); `scope` gives the presented provinces' folders and
 * prefixes (none without it).
 */
export function indexRegions(regions: readonly Region[], scope?: SiteScope): RegionIndex {
  const scopes = new Map<string, ProvinceScope>();
  for (const p of scope?.provinces ?? []) {
    scopes.set(p.code, { ...p, bounds: regions.find((r) => r.code === p.code)?.bounds });
  }
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
    scopeOf: (code) => scopes.get(code),
  };
}

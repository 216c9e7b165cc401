/**
 * The finder index decoded for fast filtering in the browser: typed arrays and
 * per-record bitmasks, computed once when the index arrives.
 */
import {
  COORD_SCALE,
  DESIG_SHIFT,
  FINDER_INDEX_VERSION,
  FLAG_EXACT,
  FLAG_SAMPLE,
  FLAG_VOLUNTEERS,
  KIND_SHIFT,
  type FinderIndexJson,
  type IndexBeds,
} from './index-format.ts';

export interface RegionLite {
  /** Position in FinderData.regions. */
  readonly index: number;
  readonly code: string;
  readonly name: string;
  /** 0 province, 1 city, 2 county. */
  readonly level: number;
  /** Parent's position, -1 for provinces. */
  readonly parent: number;
  readonly lat: number;
  readonly lng: number;
  /** Positions of the direct children, in code order. */
  readonly children: readonly number[];
  /** Counties sit directly under it (loaded or not: a province's counties come with its part). */
  readonly direct: boolean;
}

export interface FinderData {
  readonly count: number;
  readonly regions: readonly RegionLite[];
  readonly regionByCode: ReadonlyMap<string, number>;
  readonly ids: readonly string[];
  readonly idIndex: ReadonlyMap<string, number>;
  readonly names: readonly string[];
  readonly aliases: readonly (string | 0)[];
  readonly addresses: readonly (string | 0)[];
  /** County position in `regions`. */
  readonly county: Uint16Array;
  readonly lat: Float64Array;
  readonly lng: Float64Array;
  /** FLAG_* bits (sample, exact, volunteers). */
  readonly flags: Uint8Array;
  /** Position in KIND_LIST. */
  readonly kind: Uint8Array;
  /** Bitmask over DESIGNATION_LIST. */
  readonly desig: Uint8Array;
  /** Services of record i are svc[svcStart[i]] … svc[svcStart[i + 1] - 1]. */
  readonly svcStart: Uint32Array;
  readonly svc: Uint32Array;
  /** Bitmask over MODES of every service of the record. */
  readonly modeMask: Uint8Array;
  readonly coverage: readonly (readonly number[] | 0)[];
  readonly beds: readonly (IndexBeds | 0)[];
  readonly phones: readonly (readonly (readonly [string, string])[] | 0)[];
  readonly website: readonly (string | 0)[];
  /** Day numbers (days since 1970-01-01). */
  readonly verified: readonly number[];
  /** Lower-case text the text filter searches: name, aliases, address. */
  readonly search: readonly string[];
}

/** Normalise text for matching: full-width to half-width, lower case. */
export function foldText(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

/** Decode the JSON index; throws when it is not a version this code understands. */
export function decodeFinderIndex(json: FinderIndexJson): FinderData {
  if (json.v !== FINDER_INDEX_VERSION) throw new Error(`finder index: version ${String(json.v)}, expected ${String(FINDER_INDEX_VERSION)}`);
  const n = json.n;
  for (const key of ['id', 'nm', 'al', 'ad', 'rg', 'la', 'ln', 'f', 's', 'hc', 'bd', 'ph', 'w', 'vd'] as const) {
    if (json[key].length !== n) throw new Error(`finder index: column ${key} has ${json[key].length} entries, expected ${n}`);
  }

  const rc = json.regions;
  const children: number[][] = rc.c.map(() => []);
  rc.p.forEach((parent, i) => {
    if (parent >= 0) children[parent]?.push(i);
  });
  const regions: RegionLite[] = rc.c.map((code, i) => ({
    index: i,
    code,
    name: rc.n[i] ?? code,
    level: rc.l[i] ?? 2,
    parent: rc.p[i] ?? -1,
    lat: (rc.la[i] ?? 0) / COORD_SCALE,
    lng: (rc.ln[i] ?? 0) / COORD_SCALE,
    children: children[i] ?? [],
    direct: rc.d?.[i] === 1 || (children[i] ?? []).some((c) => rc.l[c] === 2),
  }));

  const county = new Uint16Array(n);
  const lat = new Float64Array(n);
  const lng = new Float64Array(n);
  const flags = new Uint8Array(n);
  const kind = new Uint8Array(n);
  const desig = new Uint8Array(n);
  const modeMask = new Uint8Array(n);
  const svcStart = new Uint32Array(n + 1);
  let total = 0;
  for (let i = 0; i < n; i++) total += json.s[i]?.length ?? 0;
  const svc = new Uint32Array(total);
  const search: string[] = new Array<string>(n);

  let k = 0;
  for (let i = 0; i < n; i++) {
    const rg = json.rg[i] ?? 0;
    const centre = rc.la[rg] ?? 0;
    county[i] = rg;
    lat[i] = (centre + (json.la[i] ?? 0)) / COORD_SCALE;
    lng[i] = ((rc.ln[rg] ?? 0) + (json.ln[i] ?? 0)) / COORD_SCALE;
    const f = json.f[i] ?? 0;
    flags[i] = f & (FLAG_SAMPLE | FLAG_EXACT | FLAG_VOLUNTEERS);
    kind[i] = (f >> KIND_SHIFT) & 7;
    desig[i] = (f >> DESIG_SHIFT) & 31;
    svcStart[i] = k;
    let modes = 0;
    for (const packed of json.s[i] ?? []) {
      svc[k++] = packed;
      modes |= 1 << (packed & 7);
    }
    modeMask[i] = modes;
    const al = json.al[i];
    const ad = json.ad[i];
    search[i] = foldText(`${json.nm[i] ?? ''}\n${al === 0 || al === undefined ? '' : al}\n${ad === 0 || ad === undefined ? '' : ad}`);
  }
  svcStart[n] = k;

  return {
    count: n,
    regions,
    regionByCode: new Map(regions.map((r) => [r.code, r.index])),
    ids: json.id,
    idIndex: new Map(json.id.map((id, i) => [id, i])),
    names: json.nm,
    aliases: json.al,
    addresses: json.ad,
    county,
    lat,
    lng,
    flags,
    kind,
    desig,
    svcStart,
    svc,
    modeMask,
    coverage: json.hc,
    beds: json.bd,
    phones: json.ph,
    website: json.w,
    verified: json.vd,
    search,
  };
}

/** True for sample (demonstration) records. */
export const isSample = (data: FinderData, i: number): boolean => ((data.flags[i] ?? 0) & FLAG_SAMPLE) !== 0;

/** True when the record's position is its own, not only the county centre. */
export const isExact = (data: FinderData, i: number): boolean => ((data.flags[i] ?? 0) & FLAG_EXACT) !== 0;

/** Care modes (positions in MODES) of record i, in registry order. */
export function modesOf(data: FinderData, i: number): number[] {
  const out: number[] = [];
  for (let k = data.svcStart[i] ?? 0; k < (data.svcStart[i + 1] ?? 0); k++) out.push((data.svc[k] ?? 0) & 7);
  return out;
}

/**
 * Regions a person can pick as "city": a province's cities (Zhejiang's), and the province
 * itself when counties sit directly under it (Beijing's districts; in Hainan or Guangdong,
 * the counties the province governs directly, next to its cities).
 */
export function pickableCities(data: FinderData): RegionLite[] {
  const out: RegionLite[] = [];
  for (const r of data.regions) {
    if (r.level !== 0) continue;
    const children = r.children.map((c) => data.regions[c]).filter((c): c is RegionLite => c !== undefined);
    const cities = children.filter((c) => c.level === 1);
    out.push(...cities);
    if (cities.length === 0 || r.direct) out.push(r);
  }
  return out;
}

/** Counties under a pickable city (or under Beijing). */
export function countiesOf(data: FinderData, cityIndex: number): RegionLite[] {
  const city = data.regions[cityIndex];
  if (city === undefined) return [];
  return city.children.map((c) => data.regions[c]).filter((c): c is RegionLite => c !== undefined && c.level === 2);
}

/** The pickable city a county belongs to. */
export function cityOfCounty(data: FinderData, countyIndex: number): RegionLite | undefined {
  const county = data.regions[countyIndex];
  return county === undefined ? undefined : data.regions[county.parent];
}

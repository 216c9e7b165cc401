/**
 * Build the finder index from the registry (at build time; see index-format.ts for the
 * layout and index-data.ts for the browser side).
 */
import type { Institution } from '../../schemas/institution.ts';
import type { Region } from '../../schemas/region.ts';
import type { RegionIndex } from '../registry/regions.ts';
import { distanceKm } from '../geo.ts';
import {
  COORD_SCALE,
  DESIG_SHIFT,
  FINDER_INDEX_VERSION,
  FINDER_PARTS_VERSION,
  FLAG_EXACT,
  FLAG_SAMPLE,
  FLAG_VOLUNTEERS,
  KIND_SHIFT,
  SVC_HOME_SHIFT,
  SVC_OFFER_SHIFT,
  SVC_PAY_SHIFT,
  dayNumber,
  type FinderIndexJson,
  type FinderIndexRegions,
  type FinderOverviewJson,
  type FinderPartCounties,
  type FinderPartInfo,
  type FinderPartJson,
  type IndexBeds,
} from './index-format.ts';
import { DESIGNATION_LIST, HOME_CARE_TYPE_LIST, KIND_LIST, MODES, OFFER_LIST, PAYMENT_LIST, indexIn } from './vocab.ts';

const LEVELS = { province: 0, city: 1, county: 2 } as const;

/** Bitmask of the positions of `values` in `list`. */
function mask(list: readonly string[], values: readonly string[] | undefined): number {
  let bits = 0;
  for (const value of values ?? []) {
    const i = list.indexOf(value);
    if (i < 0) throw new Error(`finder index: unknown value ${value}`);
    bits |= 1 << i;
  }
  return bits;
}

const scaled = (degrees: number) => Math.round(degrees * COORD_SCALE);

/** Every region, in code order, and a code's position in that order. */
function regionTable(regions: RegionIndex): { list: Region[]; at: (code: string) => number } {
  const list = [...regions.all].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  const position = new Map(list.map((r, i) => [r.code, i]));
  const at = (code: string): number => {
    const i = position.get(code);
    if (i === undefined) throw new Error(`finder index: unknown region ${code}`);
    return i;
  };
  return { list, at };
}

function encodeRegions(list: readonly Region[], at: (code: string) => number): FinderIndexRegions {
  return {
    c: list.map((r) => r.code),
    n: list.map((r) => r.name),
    p: list.map((r) => (r.parent === null ? -1 : at(r.parent))),
    l: list.map((r) => LEVELS[r.level]),
    la: list.map((r) => scaled(r.centre.lat)),
    ln: list.map((r) => scaled(r.centre.lng)),
  };
}

/** Encode every record (in the given order) and every region into the compact index. */
export function buildFinderIndex(records: readonly Institution[], regions: RegionIndex): FinderIndexJson {
  const { list, at } = regionTable(regions);
  return { v: FINDER_INDEX_VERSION, n: records.length, regions: encodeRegions(list, at), ...encodeRecords(records, regions, at) };
}

/**
 * The finder's data split by place: the overview (provinces and cities) and one part per
 * province in scope (its counties, and its records in the given order). `url(name, text)`
 * gives the address a part is served at (the caller adds the content hash).
 */
export function buildFinderParts(
  records: readonly Institution[],
  regions: RegionIndex,
  url: (name: string, text: string) => string,
): { overview: FinderOverviewJson; parts: ReadonlyMap<string, string> } {
  const { list } = regionTable(regions);
  const upper = list.filter((r) => r.level !== 'county');
  const upperAt = new Map(upper.map((r, i) => [r.code, i]));
  const at = (code: string): number => {
    const i = upperAt.get(code);
    if (i === undefined) throw new Error(`finder index: unknown region ${code}`);
    return i;
  };
  const byProvince = new Map<string, Institution[]>(regions.provinces.map((p) => [p.code, []]));
  for (const r of records) {
    const province = regions.provinceOf(r.regionCode);
    if (province === undefined) throw new Error(`finder index: ${r.id}: unknown region ${r.regionCode}`);
    byProvince.get(province.code)?.push(r);
  }
  // The farthest county directly under each province or city, from its centre, as the browser
  // will compute it (centres to 1/COORD_SCALE degree), rounded up and 1 km more: a safe bound.
  const asShipped = (r: Region) => ({ lat: scaled(r.centre.lat) / COORD_SCALE, lng: scaled(r.centre.lng) / COORD_SCALE });
  const rd = upper.map((r) => {
    let km = -1;
    for (const c of regions.children(r.code))
      if (c.level === 'county') km = Math.max(km, Math.ceil(distanceKm(asShipped(r), asShipped(c))) + 1);
    return km;
  });
  const parts = new Map<string, string>();
  const info: FinderPartInfo[] = [];
  for (const [p, inPart] of byProvince) {
    const counties = list.filter((r) => r.level === 'county' && regions.provinceOf(r.code)?.code === p);
    const local = new Map(counties.map((r, i) => [r.code, i]));
    const cr: FinderPartCounties = {
      c: counties.map((r) => r.code),
      n: counties.map((r) => r.name),
      p: counties.map((r) => at(r.parent ?? '')),
      la: counties.map((r) => scaled(r.centre.lat)),
      ln: counties.map((r) => scaled(r.centre.lng)),
    };
    const columns = encodeRecords(
      inPart,
      regions,
      (code) => {
        const i = local.get(code);
        if (i === undefined) throw new Error(`finder index: county ${code} is not in province ${p}`);
        return i;
      },
      (codes) => codes.map(Number),
    );
    const part: FinderPartJson = { v: FINDER_PARTS_VERSION, p, n: inPart.length, cr, ...columns };
    const text = JSON.stringify(part);
    parts.set(p, text);
    info.push({ p, n: inPart.length, u: url(p, text) });
  }
  const pre: Record<string, string> = {};
  for (const p of regions.provinces) {
    const prefix = regions.scopeOf(p.code)?.idPrefix;
    if (prefix !== undefined) pre[prefix] = p.code;
  }
  return {
    overview: { v: FINDER_PARTS_VERSION, n: records.length, regions: encodeRegions(upper, at), rd, parts: info, pre },
    parts,
  };
}

/** Counties the record's home-care service visits (codes), if it says. */
const homeCoverage = (r: Institution): readonly string[] | undefined => r.services.find((s) => s.mode === '居家')?.homeCare?.coverage;

/** The record columns of the index: counties given by `at`, home-care coverage by `coverageOf` (positions by `at` unless given). */
function encodeRecords(
  records: readonly Institution[],
  regions: RegionIndex,
  at: (code: string) => number,
  coverageOf: (codes: readonly string[]) => number[] = (codes) => codes.map(at),
): Omit<FinderIndexJson, 'v' | 'n' | 'regions'> {
  const out = {
    id: [] as string[],
    nm: [] as string[],
    al: [] as (string | 0)[],
    ad: [] as (string | 0)[],
    rg: [] as number[],
    la: [] as number[],
    ln: [] as number[],
    f: [] as number[],
    s: [] as number[][],
    hc: [] as (number[] | 0)[],
    bd: [] as (IndexBeds | 0)[],
    ph: [] as ([string, string][] | 0)[],
    w: [] as (string | 0)[],
    vd: [] as number[],
  };

  for (const r of records) {
    const county = regions.byCode.get(r.regionCode);
    if (county === undefined) throw new Error(`finder index: ${r.id}: unknown region ${r.regionCode}`);
    const kind = indexIn(KIND_LIST, r.kind);
    out.id.push(r.id);
    out.nm.push(r.name);
    out.al.push(r.aliases?.join('、') ?? 0);
    out.ad.push(r.address ?? 0);
    out.rg.push(at(r.regionCode));
    out.la.push(scaled(r.location.lat) - scaled(county.centre.lat));
    out.ln.push(scaled(r.location.lng) - scaled(county.centre.lng));
    out.f.push(
      (r.provenance.kind === 'sample' ? FLAG_SAMPLE : 0) |
        (r.location.precision === 'exact' ? FLAG_EXACT : 0) |
        (r.volunteers?.accepts === true ? FLAG_VOLUNTEERS : 0) |
        (kind << KIND_SHIFT) |
        (mask(
          DESIGNATION_LIST,
          r.designations?.map((d) => d.type),
        ) <<
          DESIG_SHIFT),
    );
    out.s.push(
      r.services.map(
        (s) =>
          indexIn(MODES, s.mode) |
          (mask(OFFER_LIST, s.offers) << SVC_OFFER_SHIFT) |
          (mask(PAYMENT_LIST, s.payment) << SVC_PAY_SHIFT) |
          (mask(HOME_CARE_TYPE_LIST, s.homeCare?.types) << SVC_HOME_SHIFT),
      ),
    );
    const coverage = homeCoverage(r);
    out.hc.push(coverage === undefined ? 0 : coverageOf(coverage));
    const beds = r.beds;
    out.bd.push(
      beds === undefined
        ? 0
        : beds.availability === undefined
          ? [beds.hospice]
          : [beds.hospice, beds.availability.free, dayNumber(beds.availability.asOf)],
    );
    const phones = r.contact?.phones;
    out.ph.push(phones === undefined ? 0 : phones.map((p) => [p.label ?? '', p.number]));
    out.w.push(phones === undefined ? (r.contact?.website ?? 0) : 0);
    out.vd.push(dayNumber(r.provenance.verifiedAt));
  }

  return out;
}

/**
 * Server side: which registry records belong to which region page.
 */
import type { Institution } from '../../schemas/institution.ts';
import type { RegionIndex } from '../registry/regions.ts';

/** Institutions per county page (/regions/<code>/, /regions/<code>/2/ …). */
export const PAGE_SIZE = 30;
/** Provinces and cities with at most this many institutions list them all on their own page. */
export const INLINE_MAX = 30;
/** Home-care visitors listed by name on a county page. */
export const VISITORS_MAX = 20;

export interface RegionListing {
  /** Records located in each county, in registry order (sourced first). */
  readonly byCounty: ReadonlyMap<string, readonly Institution[]>;
  /** Number of records located in each region (county, city, province). */
  readonly counts: ReadonlyMap<string, number>;
  /** Records whose home care visits each county, located elsewhere. */
  readonly visiting: ReadonlyMap<string, readonly Institution[]>;
}

const sourcedFirst = (a: Institution, b: Institution) => Number(a.provenance.kind === 'sample') - Number(b.provenance.kind === 'sample');

const memo = new WeakMap<readonly Institution[], WeakMap<RegionIndex, RegionListing>>();

/**
 * The listing of a loaded registry, computed once: every region page asks for it, and
 * computing it per page made the region pages cost regions × records (at 50 000
 * institutions and 3 215 regions, most of a build; issue #20).
 */
export function regionListing(records: readonly Institution[], regions: RegionIndex): RegionListing {
  const known = memo.get(records)?.get(regions);
  if (known !== undefined) return known;
  const byCounty = new Map<string, Institution[]>();
  const counts = new Map<string, number>();
  const visiting = new Map<string, Institution[]>();
  const add = (map: Map<string, Institution[]>, code: string, r: Institution) => {
    const list = map.get(code);
    if (list === undefined) map.set(code, [r]);
    else list.push(r);
  };
  for (const r of records) {
    add(byCounty, r.regionCode, r);
    for (const region of regions.lineage(r.regionCode)) counts.set(region.code, (counts.get(region.code) ?? 0) + 1);
    for (const code of r.services.find((s) => s.mode === '居家')?.homeCare?.coverage ?? []) {
      if (code !== r.regionCode) add(visiting, code, r);
    }
  }
  for (const list of byCounty.values()) list.sort(sourcedFirst);
  for (const list of visiting.values()) list.sort(sourcedFirst);
  const listing = { byCounty, counts, visiting };
  const forRecords = memo.get(records) ?? new WeakMap<RegionIndex, RegionListing>();
  forRecords.set(regions, listing);
  memo.set(records, forRecords);
  return listing;
}

/** Every record located in a region (a county, or all counties under a city or province). */
export function recordsIn(listing: RegionListing, regions: RegionIndex, code: string): Institution[] {
  const region = regions.byCode.get(code);
  if (region === undefined) return [];
  if (region.level === 'county') return [...(listing.byCounty.get(code) ?? [])];
  return regions.children(code).flatMap((child) => recordsIn(listing, regions, child.code));
}

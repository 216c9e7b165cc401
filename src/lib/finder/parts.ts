/**
 * The finder's data split by place (issue #20), browser side: which provinces' parts a
 * person needs for where they are looking, and the merge of those parts into one index
 * (decodeFinderIndex then works as it did on the whole index). Pure.
 */
import { distanceKm, type LatLng } from '../geo.ts';
import { COORD_SCALE, FINDER_INDEX_VERSION, type FinderIndexJson, type FinderOverviewJson, type FinderPartJson } from './index-format.ts';

/**
 * With no place chosen, every part loads when the whole registry is at most this many
 * records (the shipped site: every institution listed, as before the split); beyond it the
 * finder asks for a place first.
 */
export const ALL_AT_ONCE = 2_000;

/**
 * After "use my location": besides the nearest county's province, load every province with
 * a county centre within this many km more than the nearest one, so a family near a
 * border sees the hospital across it.
 */
export const ACROSS_BORDER_KM = 60;

/** Province of a GB/T 2260 code (its first two digits). */
export const provinceOfCode = (code: string): string => `${code.slice(0, 2)}0000`;

/** Province of a record id: samples carry their county (sample-<code>-…), sourced records their province's prefix. */
export function provinceOfId(overview: FinderOverviewJson, id: string): string | undefined {
  const sample = /^sample-(\d{6})-/.exec(id);
  if (sample?.[1] !== undefined) return provinceOfCode(sample[1]);
  for (const [prefix, province] of Object.entries(overview.pre)) if (id.startsWith(prefix)) return province;
  return undefined;
}

/** Provinces with a county centre within ACROSS_BORDER_KM of the nearest one to `point`, nearest first. */
export function provincesNear(overview: FinderOverviewJson, point: LatLng): string[] {
  const r = overview.regions;
  const km: { p: string; km: number }[] = [];
  for (let i = 0; i < r.c.length; i++) {
    if (r.l[i] !== 2) continue;
    km.push({
      p: provinceOfCode(r.c[i] ?? ''),
      km: distanceKm(point, { lat: (r.la[i] ?? 0) / COORD_SCALE, lng: (r.ln[i] ?? 0) / COORD_SCALE }),
    });
  }
  km.sort((a, b) => a.km - b.km);
  const nearest = km[0]?.km ?? 0;
  const out: string[] = [];
  for (const k of km) {
    if (k.km > nearest + ACROSS_BORDER_KM) break;
    if (!out.includes(k.p)) out.push(k.p);
  }
  return out;
}

/** Provinces in scope, in code order (the parts the overview lists). */
export const allProvinces = (overview: FinderOverviewJson): string[] => overview.parts.map((p) => p.p);

/** One index over the given parts (in the order given), with the overview's regions. */
export function mergeParts(overview: FinderOverviewJson, parts: readonly FinderPartJson[]): FinderIndexJson {
  const cols = {
    id: [] as FinderIndexJson['id'][number][],
    nm: [] as FinderIndexJson['nm'][number][],
    al: [] as FinderIndexJson['al'][number][],
    ad: [] as FinderIndexJson['ad'][number][],
    rg: [] as FinderIndexJson['rg'][number][],
    la: [] as FinderIndexJson['la'][number][],
    ln: [] as FinderIndexJson['ln'][number][],
    f: [] as FinderIndexJson['f'][number][],
    s: [] as FinderIndexJson['s'][number][],
    hc: [] as FinderIndexJson['hc'][number][],
    bd: [] as FinderIndexJson['bd'][number][],
    ph: [] as FinderIndexJson['ph'][number][],
    w: [] as FinderIndexJson['w'][number][],
    vd: [] as FinderIndexJson['vd'][number][],
  };
  let n = 0;
  for (const part of parts) {
    if (part.v !== FINDER_INDEX_VERSION) throw new Error(`finder part ${part.p}: version ${String(part.v)}`);
    n += part.n;
    for (const key of Object.keys(cols) as (keyof typeof cols)[]) {
      const into = cols[key] as unknown[];
      for (const value of part[key] as readonly unknown[]) into.push(value);
    }
  }
  return { v: FINDER_INDEX_VERSION, n, regions: overview.regions, ...cols };
}

/**
 * The finder's data split by place (issue #20), browser side: which provinces' parts a
 * person needs for where they are looking, and the merge of those parts into one index
 * (decodeFinderIndex then works as it did on the whole index). Pure.
 */
import { distanceKm, type LatLng } from '../geo.ts';
import {
  COORD_SCALE,
  FINDER_INDEX_VERSION,
  FINDER_PARTS_VERSION,
  type FinderIndexJson,
  type FinderOverviewJson,
  type FinderPartJson,
} from './index-format.ts';

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

const centre = (la: number | undefined, ln: number | undefined): LatLng => ({ lat: (la ?? 0) / COORD_SCALE, lng: (ln ?? 0) / COORD_SCALE });

/**
 * The provinces that may have a county centre within ACROSS_BORDER_KM of the nearest one to
 * `point`, from the overview alone (it lists no counties): every county lies within `rd` km
 * of the centre of the city (or province) it is directly under, so the nearest county is at
 * most min(distance + rd) away and a city's counties at least distance − rd. A superset of
 * provincesNear's answer (usually the same provinces), in code order: the parts to fetch
 * before provincesNear can decide.
 */
export function provincesMaybeNear(overview: FinderOverviewJson, point: LatLng): string[] {
  const r = overview.regions;
  const bounds: { p: string; low: number }[] = [];
  let nearestAtMost = Infinity;
  for (let i = 0; i < r.c.length; i++) {
    const rd = overview.rd[i] ?? -1;
    if (rd < 0) continue;
    const km = distanceKm(point, centre(r.la[i], r.ln[i]));
    nearestAtMost = Math.min(nearestAtMost, km + rd);
    bounds.push({ p: provinceOfCode(r.c[i] ?? ''), low: km - rd });
  }
  const out = new Set<string>();
  for (const b of bounds) if (b.low <= nearestAtMost + ACROSS_BORDER_KM) out.add(b.p);
  return [...out].sort();
}

/**
 * Provinces with a county centre within ACROSS_BORDER_KM of the nearest one to `point`,
 * nearest first, from the counties of the given parts (those of provincesMaybeNear, or more).
 */
export function provincesNear(parts: readonly FinderPartJson[], point: LatLng): string[] {
  const km: { p: string; km: number }[] = [];
  for (const part of parts) {
    const cr = part.cr;
    for (let i = 0; i < cr.c.length; i++) km.push({ p: part.p, km: distanceKm(point, centre(cr.la[i], cr.ln[i])) });
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

/**
 * One index over the given parts (records in the order given): the overview's provinces and
 * cities and the parts' counties in one region table in code order (so with every part it is
 * the table of the whole index), the records' counties and home-care counties as positions in it
 * (home-care counties of provinces not loaded are left out: no place there can be chosen).
 */
export function mergeParts(overview: FinderOverviewJson, parts: readonly FinderPartJson[]): FinderIndexJson {
  if (overview.v !== FINDER_PARTS_VERSION) throw new Error(`finder overview: version ${String(overview.v)}`);
  const o = overview.regions;
  // Every region: [code, source, position in source]; source -1 is the overview.
  const all: [string, number, number][] = o.c.map((c, i) => [c, -1, i]);
  parts.forEach((part, k) => {
    if (part.v !== FINDER_PARTS_VERSION) throw new Error(`finder part ${part.p}: version ${String(part.v)}`);
    part.cr.c.forEach((c, i) => all.push([c, k, i]));
  });
  all.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const fromOverview = new Array<number>(o.c.length).fill(-1);
  const fromPart = parts.map((part) => new Array<number>(part.cr.c.length).fill(-1));
  all.forEach(([, k, i], at) => {
    if (k < 0) fromOverview[i] = at;
    else (fromPart[k] as number[])[i] = at;
  });
  const regions = {
    c: [] as string[],
    n: [] as string[],
    p: [] as number[],
    l: [] as number[],
    la: [] as number[],
    ln: [] as number[],
    d: [] as number[],
  };
  for (const [code, k, i] of all) {
    const part = k < 0 ? undefined : parts[k];
    const src = part === undefined ? o : part.cr;
    regions.c.push(code);
    regions.n.push(src.n[i] ?? code);
    const parent = src.p[i] ?? -1;
    regions.p.push(parent < 0 ? -1 : (fromOverview[parent] ?? -1));
    regions.l.push(part === undefined ? (o.l[i] ?? 0) : 2);
    regions.la.push(src.la[i] ?? 0);
    regions.ln.push(src.ln[i] ?? 0);
    regions.d.push(part === undefined && (overview.rd[i] ?? -1) >= 0 ? 1 : 0);
  }
  const byCode = new Map(regions.c.map((c, at) => [Number(c), at]));

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
  parts.forEach((part, k) => {
    n += part.n;
    const local = fromPart[k] ?? [];
    for (const rg of part.rg) cols.rg.push(local[rg] ?? 0);
    for (const hc of part.hc) cols.hc.push(hc === 0 ? 0 : hc.flatMap((code) => byCode.get(code) ?? []));
    for (const key of ['id', 'nm', 'al', 'ad', 'la', 'ln', 'f', 's', 'bd', 'ph', 'w', 'vd'] as const) {
      const into = cols[key] as unknown[];
      for (const value of part[key] as readonly unknown[]) into.push(value);
    }
  });
  return { v: FINDER_INDEX_VERSION, n, regions, ...cols };
}

/**
 * Build the finder index from the registry (at build time; see index-format.ts for the
 * layout and index-data.ts for the browser side).
 */
import type { Institution } from '../../schemas/institution.ts';
import type { RegionIndex } from '../registry/regions.ts';
import {
  COORD_SCALE,
  DESIG_SHIFT,
  FINDER_INDEX_VERSION,
  FLAG_EXACT,
  FLAG_SAMPLE,
  FLAG_VOLUNTEERS,
  KIND_SHIFT,
  SVC_HOME_SHIFT,
  SVC_OFFER_SHIFT,
  SVC_PAY_SHIFT,
  dayNumber,
  type FinderIndexJson,
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

/** Encode every record (in the given order) and every region into the compact index. */
export function buildFinderIndex(records: readonly Institution[], regions: RegionIndex): FinderIndexJson {
  const regionList = [...regions.all].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  const position = new Map(regionList.map((r, i) => [r.code, i]));
  const at = (code: string): number => {
    const i = position.get(code);
    if (i === undefined) throw new Error(`finder index: unknown region ${code}`);
    return i;
  };

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
    const coverage = r.services.find((s) => s.mode === '居家')?.homeCare?.coverage;
    out.hc.push(coverage === undefined ? 0 : coverage.map(at));
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

  return {
    v: FINDER_INDEX_VERSION,
    n: records.length,
    regions: {
      c: regionList.map((r) => r.code),
      n: regionList.map((r) => r.name),
      p: regionList.map((r) => (r.parent === null ? -1 : at(r.parent))),
      l: regionList.map((r) => LEVELS[r.level]),
      la: regionList.map((r) => scaled(r.centre.lat)),
      ln: regionList.map((r) => scaled(r.centre.lng)),
    },
    ...out,
  };
}

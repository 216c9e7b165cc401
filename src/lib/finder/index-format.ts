/**
 * The finder index: everything the finder list, its filters, the map and the shortlist
 * card need, and nothing else, in a compact columnar form (served split by place, see
 * FinderOverviewJson below). Column i of every record array belongs to record i.
 * Missing values are 0 so the arrays stay dense and gzip well. docs/finder.md
 * describes the format for people.
 */

/** Bump when the layout changes; the finder refuses an index it does not understand. */
export const FINDER_INDEX_VERSION = 1;

/** Coordinates are stored as integers of 1/10 000 degree (about 11 m). */
export const COORD_SCALE = 10_000;

/** Flag bits in `f`. Kind and designations share the same number. */
export const FLAG_SAMPLE = 1;
export const FLAG_EXACT = 2;
export const FLAG_VOLUNTEERS = 4;
export const KIND_SHIFT = 3; // 3 bits: index into KIND_LIST
export const DESIG_SHIFT = 6; // 5 bits: one per DESIGNATION_LIST entry

/** Bit layout of one packed service in `s`. */
export const SVC_MODE_BITS = 3; // index into MODES
export const SVC_OFFER_SHIFT = 3; // 10 bits: OFFER_LIST
export const SVC_PAY_SHIFT = 13; // 5 bits: PAYMENT_LIST
export const SVC_HOME_SHIFT = 18; // 2 bits: HOME_CARE_TYPE_LIST

export interface FinderIndexRegions {
  /** Six-digit codes. */
  readonly c: readonly string[];
  /** Names. */
  readonly n: readonly string[];
  /** Parent's position in these arrays, -1 for provinces. */
  readonly p: readonly number[];
  /** Level: 0 province, 1 city, 2 county. */
  readonly l: readonly number[];
  /** Centre latitude × COORD_SCALE. */
  readonly la: readonly number[];
  /** Centre longitude × COORD_SCALE. */
  readonly ln: readonly number[];
}

/** Beds: [hospice or null] or [hospice or null, free, asOf as day number]. */
export type IndexBeds = readonly [number | null] | readonly [number | null, number, number];

export interface FinderIndexJson {
  readonly v: typeof FINDER_INDEX_VERSION;
  /** Number of records. */
  readonly n: number;
  readonly regions: FinderIndexRegions;
  /** Record ids (pages at /services/<id>/). */
  readonly id: readonly string[];
  /** Names. */
  readonly nm: readonly string[];
  /** Aliases joined with '、', or 0. */
  readonly al: readonly (string | 0)[];
  /** Street address, or 0 when unknown. */
  readonly ad: readonly (string | 0)[];
  /** County: position in `regions`. */
  readonly rg: readonly number[];
  /** Latitude/longitude × COORD_SCALE, as offsets from the county centre (small numbers gzip better). */
  readonly la: readonly number[];
  readonly ln: readonly number[];
  /** Flags, kind and designations (FLAG_*, KIND_SHIFT, DESIG_SHIFT). */
  readonly f: readonly number[];
  /** Services, one packed number each (SVC_*). */
  readonly s: readonly (readonly number[])[];
  /** Counties (positions in `regions`) the home-care service visits, or 0. */
  readonly hc: readonly (readonly number[] | 0)[];
  /** Beds, or 0 when the record says nothing about beds. */
  readonly bd: readonly (IndexBeds | 0)[];
  /** Phones as [label ('' when none), number], or 0. */
  readonly ph: readonly (readonly (readonly [string, string])[] | 0)[];
  /** Website, only for records without a phone, else 0. */
  readonly w: readonly (string | 0)[];
  /** Date last verified, as days since 1970-01-01. */
  readonly vd: readonly number[];
}

const DAY_MS = 86_400_000;

/** 'YYYY-MM-DD' → whole days since 1970-01-01 (UTC). */
export function dayNumber(date: string): number {
  return Math.round(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
}

/** Whole days since 1970-01-01 → 'YYYY-MM-DD'. */
export function dayString(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/**
 * Split by place (issue #20): the finder fetches the overview (every region of the site's
 * scope, with centres, and what each province's part holds) and only the parts of the
 * provinces a person is looking in. A part is a FinderIndexJson without `regions`: its
 * `rg` and `hc` are positions in the overview's regions.
 */
export const FINDER_PARTS_VERSION = 1;

export interface FinderPartInfo {
  /** Province code. */
  readonly p: string;
  /** Records in the part. */
  readonly n: number;
  /** Address of the part, with its content hash as version. */
  readonly u: string;
}

export interface FinderOverviewJson {
  readonly v: typeof FINDER_PARTS_VERSION;
  /** Records in all parts. */
  readonly n: number;
  readonly regions: FinderIndexRegions;
  /** One entry per province in scope, in code order (a province without records has n 0). */
  readonly parts: readonly FinderPartInfo[];
  /** Id prefix of sourced records → province code (a shortlist knows its ids, not their places). */
  readonly pre: Readonly<Record<string, string>>;
}

export type FinderPartJson = Omit<FinderIndexJson, 'regions'> & { readonly p: string };

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
  /**
   * 1 when counties sit directly under the region (Beijing's districts; the counties Hainan or
   * Xinjiang governs directly, beside its cities), whether or not they are loaded yet; only
   * in a merge of parts (mergeParts), where a province's counties may not be there.
   */
  readonly d?: readonly number[];
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
 * Split by place (issue #20): the finder fetches the overview (the provinces and cities of
 * the site's scope, with centres, and what each province's part holds) and only the parts of
 * the provinces a person is looking in. A part holds its province's counties and its records:
 * a FinderIndexJson whose `regions` are its counties (`cr`), `rg` positions in `cr`, and `hc`
 * county codes (home care may cross a border). mergeParts (parts.ts) puts the overview's
 * regions and the parts' counties back into one table in code order.
 *
 * Version 2 moved the counties out of the overview into the parts (version 1 listed all
 * 2 854 of the country in the overview, 142 KB to fetch and parse before a city could be offered).
 */
export const FINDER_PARTS_VERSION = 2;

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
  /** Provinces and cities (levels 0 and 1) only, in code order; `p` positions in these arrays. */
  readonly regions: FinderIndexRegions;
  /**
   * Per region of `regions`: how far (km, rounded up) its farthest county directly under it
   * lies from its centre, or -1 when no county is directly under it. With the centres this
   * bounds the distance to any county of the country without listing them ("near me"
   * across borders, provincesMaybeNear in parts.ts).
   */
  readonly rd: readonly number[];
  /** One entry per province in scope, in code order (a province without records has n 0). */
  readonly parts: readonly FinderPartInfo[];
  /** Id prefix of sourced records → province code (a shortlist knows its ids, not their places). */
  readonly pre: Readonly<Record<string, string>>;
}

/** A province's counties in its part (all at level 2, code order). */
export interface FinderPartCounties {
  readonly c: readonly string[];
  readonly n: readonly string[];
  /** Parent (a city, or the province for counties directly under it): position in the overview's regions. */
  readonly p: readonly number[];
  readonly la: readonly number[];
  readonly ln: readonly number[];
}

export type FinderPartJson = Omit<FinderIndexJson, 'v' | 'regions' | 'hc'> & {
  readonly v: typeof FINDER_PARTS_VERSION;
  /** Province code. */
  readonly p: string;
  /** The province's counties; the records' `rg` are positions in these. */
  readonly cr: FinderPartCounties;
  /** Counties the home-care service visits, as six-digit codes (numbers), or 0. */
  readonly hc: readonly (readonly number[] | 0)[];
};

/**
 * What each kind of page tells the search index (through <SearchMeta {...props} />):
 * its content type, the filters (city, audience, format), the metadata shown with a result
 * (kind, county, verified date, sample flag), key facts that rank like a heading (county,
 * care modes) and extra searchable words that are not on the page as such (region codes,
 * aliases, phone numbers in every typed form).
 *
 * Only what the search page filters, counts or ranks by is a Pagefind filter: the browser loads
 * every filter's page list before the first query, and at 10 000 institutions a county or
 * care-mode filter would cost 20–40 KB each for nothing.
 */
import type { Course } from '../../schemas/course.ts';
import type { Institution } from '../../schemas/institution.ts';
import type { RegionIndex } from '../registry/regions.ts';
import { SEARCH_TYPES, type SearchType } from './query.ts';

export interface SearchMetaProps {
  /** Content type (the `type` filter): 机构 | 课程 | 课时 | 指南 | 页面. */
  readonly type: SearchType;
  /** Filters, e.g. { city: '杭州市' }; empty values are left out. */
  readonly filters?: Readonly<Record<string, string | readonly string[] | undefined>>;
  /** Metadata shown with the result, e.g. { kind: '护理院', verified: '2026-11-22' }. */
  readonly meta?: Readonly<Record<string, string | undefined>>;
  /** Key facts that are neither filters nor the kind (county, care modes): indexed with a heading's weight. */
  readonly facts?: readonly (string | undefined)[];
  /** Extra words to index (hidden on the page): codes, aliases, phone numbers. */
  readonly keywords?: readonly (string | undefined)[];
}

/** Filter and metadata names: Pagefind uses ':' and ',' as separators, so plain words only. */
export const SEARCH_KEY = /^[a-z][a-zA-Z0-9]*$/u;

/** Pagefind weight of a page's key facts (h1 is 7, h2 6, body text 1). */
export const FACTS_WEIGHT = 5;

/** Meta value marking sample (invented) records; the search page shows the 示例 badge. */
export const SAMPLE_META = 'true';

/**
 * Filter set (to SAMPLE_META) on sample records only, so that a search can tell them apart
 * without fetching each result's fragment and rank them after every real page (engine.ts).
 * Its page list is loaded before the first query and grows with the number of samples
 * (none on a site whose operator has turned samples off). Not a key fact: its value is
 * not a word anyone searches for.
 */
export const SAMPLE_FILTER = 'sample';

/**
 * `data-pagefind-ignore` for a field whose value is unknown: the "source does not say"
 * placeholder is the same on thousands of institution pages, and indexing it would only
 * make every query for 来源 or 核实 download and rank all of them.
 */
export function ignoreUnless(known: unknown): '' | undefined {
  return known ? undefined : '';
}

/** Throws a clear error for props Pagefind would silently misread. */
export function checkSearchMetaProps(props: SearchMetaProps, where: string): void {
  if (!(SEARCH_TYPES as readonly string[]).includes(props.type)) {
    throw new Error(`SearchMeta on ${where}: type must be one of ${SEARCH_TYPES.join(', ')}, got "${String(props.type)}"`);
  }
  for (const key of [...Object.keys(props.filters ?? {}), ...Object.keys(props.meta ?? {})]) {
    if (!SEARCH_KEY.test(key))
      throw new Error(`SearchMeta on ${where}: "${key}" is not a valid filter or meta name (letters and digits, starting lowercase)`);
  }
  if (props.filters && 'type' in props.filters)
    throw new Error(`SearchMeta on ${where}: set the content type with the type prop, not filters.type`);
}

/**
 * The city a region lies in, for the city filter: the prefecture-level city (杭州市), or
 * the province itself where counties sit directly under it (北京市); none for a province
 * with cities (浙江省).
 */
export function cityName(code: string, regions: RegionIndex): string | undefined {
  const city = regions.cityOf(code);
  if (city) return city.name;
  const province = regions.provinceOf(code);
  if (!province || regions.children(province.code).some((c) => c.level === 'city')) return undefined;
  return province.name;
}

/** The digits-only form of a phone number, and the number as printed. */
function phoneForms(number: string): string[] {
  const digits = number.split('转')[0]?.replace(/\D/gu, '') ?? '';
  return [number, digits];
}

/** Institution pages (/services/<id>/). */
export function institutionSearchMeta(record: Institution, regions: RegionIndex): SearchMetaProps {
  const county = regions.byCode.get(record.regionCode);
  return {
    type: '机构',
    filters: { city: cityName(record.regionCode, regions), [SAMPLE_FILTER]: record.provenance.kind === 'sample' ? SAMPLE_META : undefined },
    facts: [county?.name, ...new Set(record.services.flatMap((s) => [s.mode, ...(s.homeCare?.types ?? [])]))],
    meta: {
      kind: record.kind,
      county: county?.name,
      verified: record.provenance.verifiedAt,
      sample: record.provenance.kind === 'sample' ? SAMPLE_META : undefined,
      region: regions.fullName(record.regionCode),
      aliases: record.aliases?.join('、'),
    },
    keywords: [
      record.regionCode,
      regions.cityOf(record.regionCode)?.code,
      regions.fullName(record.regionCode),
      ...(record.aliases ?? []),
      ...(record.contact?.phones ?? []).flatMap((p) => phoneForms(p.number)),
    ],
  };
}

/** Course pages (/courses/<slug>/). */
export function courseSearchMeta(course: Pick<Course, 'audience' | 'format'>): SearchMetaProps {
  return { type: '课程', filters: { audience: course.audience, format: course.format }, meta: { audience: course.audience.join('、') } };
}

/** Lesson pages (/courses/<slug>/<lesson>/): the course's audience, and the course title to show with the result. */
export function lessonSearchMeta(course: Pick<Course, 'audience' | 'title'>): SearchMetaProps {
  return { type: '课时', filters: { audience: course.audience }, meta: { course: course.title } };
}

/** Guide pages (/guides/<slug>/). */
export function guideSearchMeta(): SearchMetaProps {
  return { type: '指南' };
}

/** Region pages (/regions/<code>/): a 页面 with the city it covers, so the city filter finds it. */
export function regionSearchMeta(code: string, regions: RegionIndex): SearchMetaProps {
  return { type: '页面', filters: { city: cityName(code, regions) }, keywords: [code] };
}

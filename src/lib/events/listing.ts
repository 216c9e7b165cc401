/**
 * Events as the pages show them: where (city, county), who organises, upcoming or past, and
 * the facets the filters use. Pure apart from its inputs ("now" is a parameter).
 */
import { EVENT_AUDIENCE_SLUGS, EVENT_KIND_SLUGS, type EventAudience, type EventKind, type EventRecord } from '../../schemas/event.ts';
import type { Institution } from '../../schemas/institution.ts';
import type { RegionIndex } from '../registry/regions.ts';
import { chinaInstant, isPast, wallMonth } from './dates.ts';

/** An event with what its lists and pages need to know about place and organiser. */
export interface EventView {
  readonly event: EventRecord;
  /** The city the event counts under: a Zhejiang city, or Beijing (110000) for its districts. */
  readonly cityCode: string;
  readonly cityName: string;
  readonly countyName: string;
  /** 浙江省杭州市西湖区 / 北京市海淀区 */
  readonly placeName: string;
  readonly organiserName: string;
  /** The organiser's registry id, when it is an institution. */
  readonly organiserId: string | undefined;
  readonly month: string;
  readonly past: boolean;
}

/** The city an event counts under: the county's city, or its province for Beijing's districts. */
export function cityOf(county: string, regions: RegionIndex): { code: string; name: string } {
  const city = regions.cityOf(county) ?? regions.provinceOf(county);
  return city === undefined ? { code: county, name: county } : { code: city.code, name: city.name };
}

export function viewEvents(
  events: readonly EventRecord[],
  institutions: readonly Pick<Institution, 'id' | 'name'>[],
  regions: RegionIndex,
  now: Date,
): EventView[] {
  const names = new Map(institutions.map((r) => [r.id, r.name]));
  return events.map((event) => {
    const city = cityOf(event.place.county, regions);
    const organiserId = 'institution' in event.organiser ? event.organiser.institution : undefined;
    return {
      event,
      cityCode: city.code,
      cityName: city.name,
      countyName: regions.byCode.get(event.place.county)?.name ?? event.place.county,
      placeName: regions.fullName(event.place.county) ?? event.place.county,
      organiserName:
        organiserId === undefined ? ('name' in event.organiser ? event.organiser.name : '') : (names.get(organiserId) ?? organiserId),
      organiserId,
      month: wallMonth(event.start),
      past: isPast(event, now),
    };
  });
}

/** Upcoming (and ongoing) events, soonest first. */
export function upcoming(views: readonly EventView[]): EventView[] {
  return views.filter((v) => !v.past).sort((a, b) => start(a) - start(b));
}

/** Past events, most recent first. */
export function past(views: readonly EventView[]): EventView[] {
  return views.filter((v) => v.past).sort((a, b) => start(b) - start(a));
}

function start(v: EventView): number {
  return chinaInstant(v.event.start).getTime();
}

/** A filter dimension of the no-JavaScript pages and of the form. */
export interface Facet {
  readonly key: string;
  readonly label: string;
  readonly count: number;
}

function countBy(views: readonly EventView[], keys: (v: EventView) => readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const v of views) for (const k of keys(v)) counts.set(k, (counts.get(k) ?? 0) + 1);
  return counts;
}

/** Cities and counties with events (upcoming and past), in code order. */
export function placeFacets(views: readonly EventView[]): { cities: Facet[]; counties: (Facet & { readonly city: string })[] } {
  const cityCounts = countBy(views, (v) => [v.cityCode]);
  const countyCounts = countBy(views, (v) => [v.event.place.county]);
  const cityNames = new Map(views.map((v) => [v.cityCode, v.cityName]));
  const countyInfo = new Map(views.map((v) => [v.event.place.county, { name: v.countyName, city: v.cityCode }]));
  return {
    cities: [...cityCounts]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([key, count]) => ({ key, label: cityNames.get(key) ?? key, count })),
    counties: [...countyCounts]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([key, count]) => ({ key, label: countyInfo.get(key)?.name ?? key, city: countyInfo.get(key)?.city ?? '', count })),
  };
}

/** Months with events, in order. */
export function months(views: readonly EventView[]): string[] {
  return [...new Set(views.map((v) => v.month))].sort();
}

export const kindSlug = (kind: EventKind): string => EVENT_KIND_SLUGS[kind];
export const audienceSlug = (audience: EventAudience): string => EVENT_AUDIENCE_SLUGS[audience];

/** The data-* attributes the in-page filter reads (EventFilter.astro). */
export function filterData(v: EventView): Record<string, string> {
  return {
    'data-city': v.cityCode,
    'data-county': v.event.place.county,
    'data-kind': kindSlug(v.event.kind),
    'data-audience': v.event.audience.map(audienceSlug).join(' '),
    'data-month': v.month,
  };
}

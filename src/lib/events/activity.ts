/**
 * 生命教育 activities held, per county and quarter, by 进机构 / 进社区 / 进家庭: what the plans
 * ask to be counted (浙江 十二, 北京 三（三）). Only events that have ended by `now`, were not
 * cancelled and are not samples count; samples are tallied separately so the page can say
 * honestly that they were left out.
 */
import { EVENT_REACHES, type EventReach, type EventRecord } from '../../schemas/event.ts';
import type { RegionIndex } from '../registry/regions.ts';
import { isPast, wallQuarter } from './dates.ts';
import { cityOf } from './listing.ts';

export interface ActivityRow {
  readonly county: string;
  readonly countyName: string;
  readonly cityName: string;
  /** 2026-Q4 */
  readonly quarter: string;
  readonly counts: Readonly<Record<EventReach, number>>;
  readonly total: number;
}

export interface ActivityCounts {
  /** By county code, then quarter (newest first). */
  readonly rows: readonly ActivityRow[];
  /** Events counted. */
  readonly counted: number;
  /** Past sample events left out. */
  readonly samplesLeftOut: number;
  /** Past events left out because they were cancelled. */
  readonly cancelledLeftOut: number;
}

export function activityCounts(events: readonly EventRecord[], regions: RegionIndex, now: Date): ActivityCounts {
  const rows = new Map<string, { county: string; quarter: string; counts: Record<EventReach, number> }>();
  let counted = 0;
  let samplesLeftOut = 0;
  let cancelledLeftOut = 0;
  for (const event of events) {
    if (!isPast(event, now)) continue;
    if (event.sample) {
      samplesLeftOut++;
      continue;
    }
    if (event.status === '已取消') {
      cancelledLeftOut++;
      continue;
    }
    const quarter = wallQuarter(event.start);
    const key = `${event.place.county}|${quarter}`;
    const row = rows.get(key) ?? { county: event.place.county, quarter, counts: { 进机构: 0, 进社区: 0, 进家庭: 0 } };
    row.counts[event.reach]++;
    rows.set(key, row);
    counted++;
  }
  return {
    rows: [...rows.values()]
      .sort((a, b) => a.county.localeCompare(b.county) || b.quarter.localeCompare(a.quarter))
      .map((r) => ({
        ...r,
        countyName: regions.byCode.get(r.county)?.name ?? r.county,
        cityName: cityOf(r.county, regions).name,
        total: EVENT_REACHES.reduce((sum, reach) => sum + r.counts[reach], 0),
      })),
    counted,
    samplesLeftOut,
    cancelledLeftOut,
  };
}

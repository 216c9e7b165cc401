/**
 * iCalendar (RFC 5545) for events: one file per event ("加入日历") and subscribable feeds
 * (all events, one city's). Made with ical-generator; times are written as Asia/Shanghai
 * wall times (DTSTART;TZID=Asia/Shanghai:…) with the VTIMEZONE the RFC requires.
 *
 * Two details of ical-generator decide how it is called:
 * - With a time zone set, it formats a plain Date by the *machine's* local clock, so the times
 *   are passed as TZDate (@date-fns/tz, supported by ical-generator), whose wall time is
 *   China's whatever TZ the build runs in.
 * - A calendar-level time zone would also write DTSTAMP/LAST-MODIFIED in local time without
 *   "Z", which RFC 5545 forbids for DTSTAMP; so the zone is set per event and the calendar
 *   only carries the VTIMEZONE generator (name null).
 */
import { TZDate } from '@date-fns/tz';
import { ICalCalendar, ICalEventStatus } from 'ical-generator';
import type { EventRecord } from '../../schemas/event.ts';
import { chinaInstant } from './dates.ts';
import type { EventView } from './listing.ts';

export const CHINA_TZ = 'Asia/Shanghai';

/**
 * Asia/Shanghai as a VTIMEZONE: UTC+8 all year, no daylight saving since 1991, so one
 * STANDARD block covers every event this site lists.
 */
export const SHANGHAI_VTIMEZONE = [
  'BEGIN:VTIMEZONE',
  'TZID:Asia/Shanghai',
  'X-LIC-LOCATION:Asia/Shanghai',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0800',
  'TZOFFSETTO:+0800',
  'TZNAME:CST',
  'DTSTART:19700101T000000',
  'END:STANDARD',
  'END:VTIMEZONE',
].join('\r\n');

function vtimezone(tz: string): string | null {
  return tz === CHINA_TZ ? SHANGHAI_VTIMEZONE : null;
}

const STATUS: Record<EventRecord['status'], ICalEventStatus> = {
  如期举行: ICalEventStatus.CONFIRMED,
  已取消: ICalEventStatus.CANCELLED,
  延期: ICalEventStatus.TENTATIVE,
};

export interface CalendarOptions {
  /** Calendar name shown by the phone, e.g. 安宁疗护服务网·杭州市活动. */
  readonly name: string;
  /** Site origin, e.g. https://example.org (event URLs and UIDs). */
  readonly site: string;
  /** How often subscribers should refresh, in seconds (REFRESH-INTERVAL, X-PUBLISHED-TTL). */
  readonly ttlSeconds?: number;
  /** Path builder of an event page. */
  readonly eventPath: (id: string) => string;
  /** Text added to sample events' descriptions (示例…). */
  readonly sampleNote: string;
  /** Text for the place of an online event. */
  readonly onlineLabel: string;
}

function location(view: EventView, onlineLabel: string): string {
  const { place } = view.event;
  if (place.online) return `${onlineLabel}（${view.placeName}）`;
  return place.address === undefined ? view.placeName : `${view.placeName}${place.address}`;
}

function description(view: EventView, options: CalendarOptions, url: string): string {
  const { event } = view;
  const parts = [event.summary, `主办：${view.organiserName}`, `费用：${event.cost}`];
  const take = event.takePart;
  if ('contact' in take) parts.push(`参加方式：${take.contact}`);
  else if ('open' in take) parts.push(`参加方式：${take.open}`);
  else parts.push('参加方式：在本站报名');
  if (event.accessibility !== undefined) parts.push(`无障碍：${event.accessibility}`);
  if (event.sample) parts.push(options.sampleNote);
  parts.push(url);
  return parts.join('\n');
}

/** One VCALENDAR holding `views`, as text (CRLF line ends, folded lines). */
export function eventsCalendar(views: readonly EventView[], options: CalendarOptions): string {
  const host = new URL(options.site).host;
  const cal = new ICalCalendar({ name: options.name, prodId: { company: host, product: 'events', language: 'ZH' } });
  cal.timezone({ name: null, generator: vtimezone });
  if (options.ttlSeconds !== undefined) cal.ttl(options.ttlSeconds);
  // Calendar apps that show a subscribed calendar in one zone (Google, Outlook) read this; every time also carries its TZID.
  cal.x('X-WR-TIMEZONE', CHINA_TZ);
  for (const view of views) {
    const { event } = view;
    const url = new URL(options.eventPath(event.id), options.site).href;
    const updated = chinaInstant(`${event.updatedAt}T00:00`);
    cal.createEvent({
      id: `${event.id}@${host}`,
      sequence: event.sequence,
      start: new TZDate(chinaInstant(event.start).getTime(), CHINA_TZ),
      end: new TZDate(chinaInstant(event.end).getTime(), CHINA_TZ),
      timezone: CHINA_TZ,
      // DTSTAMP is when this object was last revised (RFC 5545 3.8.7.2): the file's date, so
      // a rebuild without changes gives the same bytes.
      stamp: updated,
      lastModified: updated,
      summary: event.title,
      description: description(view, options, url),
      location: location(view, options.onlineLabel),
      url,
      status: STATUS[event.status],
      categories: [{ name: event.kind }, { name: event.reach }],
    });
  }
  const text = cal.toString();
  // RFC 5545 wants at least one component in a calendar; a feed with no events yet (a city
  // without any, a site with samples hidden) still carries its time zone, so it stays valid.
  return views.length > 0 ? text : text.replace('END:VCALENDAR', `${SHANGHAI_VTIMEZONE}\r\nEND:VCALENDAR`);
}

/**
 * schema.org Event JSON-LD for an event page: status (EventScheduled, EventCancelled,
 * EventPostponed), attendance mode (offline or online), times with their +08:00 offset,
 * place and organiser. Sample events get none (null), as sample institutions do: a search
 * engine must never list a demonstration event as a real one.
 */
import type { EventRecord } from '../../schemas/event.ts';
import type { EventView } from './listing.ts';

const STATUS: Record<EventRecord['status'], string> = {
  如期举行: 'https://schema.org/EventScheduled',
  已取消: 'https://schema.org/EventCancelled',
  延期: 'https://schema.org/EventPostponed',
};

/** 2027-10-09T09:30 (China time) → 2027-10-09T09:30:00+08:00 */
const withOffset = (wall: string): string => `${wall}:00+08:00`;

export function eventJsonLd(view: EventView, pageUrl: string, organiserUrl: string | undefined): Record<string, unknown> | null {
  const { event } = view;
  if (event.sample) return null;
  const place = event.place.online
    ? { '@type': 'VirtualLocation', url: pageUrl }
    : {
        '@type': 'Place',
        name: view.placeName,
        address: { '@type': 'PostalAddress', streetAddress: event.place.address, addressLocality: view.placeName, addressCountry: 'CN' },
        ...(event.place.location === undefined
          ? {}
          : { geo: { '@type': 'GeoCoordinates', latitude: event.place.location.lat, longitude: event.place.location.lng } }),
      };
  return {
    '@context': 'https://schema.org',
    '@type': 'Event',
    name: event.title,
    description: event.summary,
    url: pageUrl,
    startDate: withOffset(event.start),
    endDate: withOffset(event.end),
    eventStatus: STATUS[event.status],
    eventAttendanceMode: event.place.online
      ? 'https://schema.org/OnlineEventAttendanceMode'
      : 'https://schema.org/OfflineEventAttendanceMode',
    location: place,
    organizer: { '@type': 'Organization', name: view.organiserName, ...(organiserUrl === undefined ? {} : { url: organiserUrl }) },
    inLanguage: 'zh-CN',
  };
}

/**
 * The calendar files the site serves, built from this build's events: one per event, all
 * events, one per city. Shared by the .ics routes so they word calendars the same way.
 */
import { t } from '../../i18n/index.ts';
import { event as eventPath } from '../routes.ts';
import { eventsCalendar } from './ics.ts';
import type { EventView } from './listing.ts';

/** Subscribers are asked to refresh twice a day (Google refreshes every 6–12 h whatever we say). */
const TTL_SECONDS = 12 * 60 * 60;

export function calendarFile(views: readonly EventView[], name: string, site: URL | string | undefined): Response {
  const body = eventsCalendar(views, {
    name,
    site: String(site ?? 'http://localhost:4321'),
    ttlSeconds: TTL_SECONDS,
    eventPath,
    sampleNote: t('events.ics.sampleNote'),
    onlineLabel: t('events.event.online'),
  });
  return new Response(body, { headers: { 'Content-Type': 'text/calendar; charset=utf-8' } });
}

export function calendarName(scope?: string): string {
  return scope === undefined
    ? t('events.ics.nameAll', { site: t('site.name') })
    : t('events.ics.nameCity', { site: t('site.name'), city: scope });
}

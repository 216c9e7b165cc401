/** /events/calendar.ics: every event, to subscribe to. */
import type { APIRoute } from 'astro';
import { calendarFile, calendarName } from '../../lib/events/calendar-files.ts';
import { siteEvents } from '../../lib/events/site.ts';

export const GET: APIRoute = ({ site }) => calendarFile(siteEvents(), calendarName(), site);

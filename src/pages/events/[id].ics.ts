/** /events/<id>.ics: one event as an iCalendar file, for 加入日历. */
import type { APIRoute, GetStaticPaths } from 'astro';
import { calendarFile } from '../../lib/events/calendar-files.ts';
import type { EventView } from '../../lib/events/listing.ts';
import { siteEvents } from '../../lib/events/site.ts';

export const getStaticPaths = (() =>
  siteEvents().map((view) => ({ params: { id: view.event.id }, props: { view } }))) satisfies GetStaticPaths;

export const GET: APIRoute<{ view: EventView }> = ({ props, site }) => calendarFile([props.view], props.view.event.title, site);

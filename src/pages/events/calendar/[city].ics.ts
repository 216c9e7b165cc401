/** /events/calendar/<city>.ics: one city's events (Beijing: 110000), to subscribe to. */
import type { APIRoute, GetStaticPaths } from 'astro';
import { calendarFile, calendarName } from '../../../lib/events/calendar-files.ts';
import { placeFacets } from '../../../lib/events/listing.ts';
import { siteEvents } from '../../../lib/events/site.ts';

export const getStaticPaths = (() =>
  placeFacets(siteEvents()).cities.map((c) => ({ params: { city: c.key }, props: { name: c.label } }))) satisfies GetStaticPaths;

export const GET: APIRoute<{ name: string }> = ({ params, props, site }) =>
  calendarFile(
    siteEvents().filter((v) => v.cityCode === params['city']),
    calendarName(props.name),
    site,
  );

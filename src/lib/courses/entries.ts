/**
 * The courses collection as the pages (build) and the enrolment API (run time) read it:
 * without sample sessions on a site that hides samples (src/lib/samples.ts). Filtered here
 * rather than in the collection's schema because Astro caches parsed entries across
 * builds, and this depends on the environment of each build and server.
 */
import { getCollection, type CollectionEntry } from 'astro:content';
import { showSamples } from '../samples.ts';

export async function courseEntries(show: boolean = showSamples()): Promise<CollectionEntry<'courses'>[]> {
  const entries = await getCollection('courses');
  return show
    ? entries
    : entries.map((entry) => ({ ...entry, data: { ...entry.data, sessions: entry.data.sessions.filter((s) => !s.sample) } }));
}

/**
 * Course sessions as the server sees them at run time: the courses collection from the
 * build (astro:content), indexed by course and session id; no sample sessions on a site
 * that hides samples (src/lib/samples.ts).
 */
import { courseEntries } from '../lib/courses/entries.ts';
import type { CourseSession } from '../schemas/course.ts';
import type { SeatsLookup } from './submissions/seats.ts';

export interface KnownSession {
  readonly course: string;
  readonly courseTitle: string;
  readonly session: CourseSession;
}

let memo: Promise<ReadonlyMap<string, KnownSession>> | undefined;

const key = (course: string, session: string) => `${course}\u0000${session}`;

function sessions(): Promise<ReadonlyMap<string, KnownSession>> {
  memo ??= courseEntries().then((courses) => {
    const map = new Map<string, KnownSession>();
    for (const course of courses) {
      for (const session of course.data.sessions)
        map.set(key(course.id, session.id), { course: course.id, courseTitle: course.data.title, session });
    }
    return map;
  });
  return memo;
}

/** The session `session` of course `course`, or undefined. */
export async function findSession(course: string, session: string): Promise<KnownSession | undefined> {
  return (await sessions()).get(key(course, session));
}

/** Seats per session, for moving people up from the waitlist. */
export async function seatsLookup(): Promise<SeatsLookup> {
  const map = await sessions();
  return (course, session) => map.get(key(course, session))?.session.seats;
}

/** Every session with the institution that hosts it (undefined: held at a plain address), for staff scopes. */
export async function sessionPlaces(): Promise<{ course: string; session: string; institution: string | undefined }[]> {
  return [...(await sessions()).values()].map((k) => ({
    course: k.course,
    session: k.session.id,
    institution: 'institution' in k.session.place ? k.session.place.institution : undefined,
  }));
}

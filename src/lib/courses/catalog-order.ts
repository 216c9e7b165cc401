/** The order courses are listed in the catalog. */
import { AUDIENCES, type Audience } from '../../schemas/course.ts';
import { compareSessions, nextSession, type SessionTiming } from './sessions.ts';

/** Audiences whose courses with upcoming sessions come first in the catalog. */
export const SESSION_FIRST_AUDIENCES: readonly Audience[] = ['老年大学', '社区居民'];

/** What catalog ordering needs to know about a course. */
export interface CatalogFacts {
  readonly title: string;
  readonly audience: readonly Audience[];
  readonly sessions: readonly SessionTiming[];
}

/** Position of a course's first-listed audience in AUDIENCES (school first, volunteers last). */
const audienceRank = (audience: readonly Audience[]) => Math.min(...audience.map((a) => AUDIENCES.indexOf(a)));

/**
 * Catalog order: elder-university and community courses with an upcoming session first,
 * soonest first; then every other course by audience (AUDIENCES order), then title.
 */
export function sortCatalog<C extends CatalogFacts>(courses: readonly C[], today: string): C[] {
  const soonest = new Map<C, SessionTiming | undefined>();
  for (const c of courses) {
    soonest.set(c, c.audience.some((a) => SESSION_FIRST_AUDIENCES.includes(a)) ? nextSession(c.sessions, today) : undefined);
  }
  return [...courses].sort((a, b) => {
    const sa = soonest.get(a);
    const sb = soonest.get(b);
    if (sa && sb) return compareSessions(sa, sb) || a.title.localeCompare(b.title, 'zh-CN');
    if (sa) return -1;
    if (sb) return 1;
    return audienceRank(a.audience) - audienceRank(b.audience) || a.title.localeCompare(b.title, 'zh-CN');
  });
}

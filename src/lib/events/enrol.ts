/**
 * Events that take places through the site's enrolment flow point at a course session
 * (takePart.enrol). The courses are an Astro collection, so this check runs where the
 * catalog is loaded (the events pages) and fails the build with the registry's one-line
 * format when a session is missing or on another day.
 */
import type { EventRecord } from '../../schemas/event.ts';
import type { Problem } from '../registry/errors.ts';
import { wallDate } from './dates.ts';

/** A course's sessions: id → date (YYYY-MM-DD). */
export type SessionDates = ReadonlyMap<string, ReadonlyMap<string, string>>;

export function enrolProblems(events: readonly EventRecord[], sessions: SessionDates, dir = 'content/events'): Problem[] {
  const problems: Problem[] = [];
  events.forEach((event, entry) => {
    if (!('enrol' in event.takePart)) return;
    const { course, session } = event.takePart.enrol;
    const at = (field: string, message: string) =>
      problems.push({
        file: `${dir}/${event.id}.json`,
        id: event.id,
        path: `takePart.enrol.${field}`,
        pathParts: ['takePart', 'enrol', field],
        message,
        entry,
      });
    const courseSessions = sessions.get(course);
    const date = courseSessions?.get(session);
    if (courseSessions === undefined) at('course', `找不到课程 ${course}（content/courses/）`);
    else if (date === undefined) at('session', `课程 ${course} 没有编号为 ${session} 的场次`);
    else if (date !== wallDate(event.start)) at('session', `场次 ${session} 在 ${date}，活动却在 ${wallDate(event.start)}；请核对`);
  });
  return problems;
}

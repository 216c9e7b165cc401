/** When a course's sessions are: calendar dates, start times, and which sessions are still to come. */
import type { CourseSession } from '../../schemas/course.ts';

/** A calendar date as YYYY-MM-DD. Content dates are parsed as UTC midnight, so UTC is read back. */
export function dateKey(date: Date): string {
  if (Number.isNaN(date.getTime())) throw new RangeError('dateKey(): invalid date');
  return date.toISOString().slice(0, 10);
}

/** Minutes after midnight of a session's start ("9:30-11:00" → 570). */
export function startMinutes(time: string): number {
  const m = /^(\d{1,2}):(\d{2})/.exec(time);
  if (!m) throw new RangeError(`startMinutes(): not a time range: ${time}`);
  return Number(m[1]) * 60 + Number(m[2]);
}

export type SessionTiming = Pick<CourseSession, 'date' | 'time'>;

/** Earlier session first: by date, then start time. */
export function compareSessions(a: SessionTiming, b: SessionTiming): number {
  return a.date.getTime() - b.date.getTime() || startMinutes(a.time) - startMinutes(b.time);
}

/** Sessions on or after `today` (YYYY-MM-DD, in China), soonest first. */
export function upcomingSessions<S extends SessionTiming>(sessions: readonly S[], today: string): S[] {
  return sessions.filter((s) => dateKey(s.date) >= today).sort(compareSessions);
}

/** The soonest session on or after `today`, if any. */
export function nextSession<S extends SessionTiming>(sessions: readonly S[], today: string): S | undefined {
  return upcomingSessions(sessions, today)[0];
}

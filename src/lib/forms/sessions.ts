/**
 * Whether a course session takes enrolments, and how to describe it. Pure: used by the
 * enrolment component at build time and by the server on every enrolment.
 */
import type { CourseSession } from '../../schemas/course.ts';

/**
 * open: takes enrolments; closed: enrolment: closed; past: the day has gone (China time);
 * sample: an invented session, which never takes enrolments (nobody would hold the seat).
 */
export type SessionState = 'open' | 'closed' | 'past' | 'sample';

/** YYYY-MM-DD of a session date (dates in course files are calendar days, parsed as UTC). */
export function sessionDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** The state of `session` on `today` (YYYY-MM-DD in China). Enrolment stays open on the day itself. */
export function sessionState(session: Pick<CourseSession, 'date' | 'enrolment' | 'sample'>, today: string): SessionState {
  if (sessionDay(session.date) < today) return 'past';
  if (session.sample) return 'sample';
  return session.enrolment === 'open' ? 'open' : 'closed';
}

const SESSION_DATE = new Intl.DateTimeFormat('zh-CN', { timeZone: 'UTC', year: 'numeric', month: 'long', day: 'numeric', weekday: 'long' });

/** 2026年12月10日（星期四） */
export function formatSessionDate(date: Date): string {
  return SESSION_DATE.format(date);
}

/**
 * Pure helpers for the life-education courses: the build-time checks that tie a course to
 * its lessons, session dates, and catalog order. No astro:content here, so the unit tests
 * and any script can use them; src/lib/courses-data.ts applies them to the collections.
 */
import { AUDIENCES, SCHOOL_AUDIENCES, type Audience, type CourseSession, type TeacherGuide } from '../schemas/course.ts';

/** Audiences whose courses with upcoming sessions come first in the catalog. */
export const SESSION_FIRST_AUDIENCES: readonly Audience[] = ['老年大学', '社区居民'];

/** True when a course is taught in schools (its audience includes 小学, 初中 or 高中). */
export function isSchoolCourse(audience: readonly Audience[]): boolean {
  return audience.some((a) => SCHOOL_AUDIENCES.includes(a));
}

/** What the course/lesson checks need to know about one lesson file. */
export interface LessonFacts {
  /** Path of the lesson file, as shown in messages (content/courses/<slug>/lessons/NN-name.mdx). */
  readonly file: string;
  /** The lesson's `order`. */
  readonly order: number;
  /** Whether the lesson has a `teacher` section. */
  readonly hasTeacher: boolean;
}

/** The last path segment, e.g. 01-seasons-of-life.mdx. */
const baseName = (file: string) => file.split('/').pop() ?? file;

/**
 * Problems that must stop the build, one line each, naming the file:
 * a school course's lesson without a `teacher` section, and `order` values that are not
 * exactly 1, 2 … n.
 */
export function courseLessonProblems(
  course: { readonly id: string; readonly audience: readonly Audience[] },
  lessons: readonly LessonFacts[],
): string[] {
  const problems: string[] = [];
  if (isSchoolCourse(course.audience)) {
    for (const lesson of lessons) {
      if (!lesson.hasTeacher) {
        problems.push(
          `${lesson.file}: 课程「${course.id}」面向${course.audience.filter((a) => SCHOOL_AUDIENCES.includes(a)).join('、')}，每节课都必须有 teacher（教师部分：goals、preparation、process、questions、bereavement、parentLetter），这一节没有`,
        );
      }
    }
  }
  const sorted = [...lessons].sort((a, b) => a.order - b.order || (a.file < b.file ? -1 : 1));
  const n = sorted.length;
  const counts = new Map<number, number>();
  for (const lesson of lessons) counts.set(lesson.order, (counts.get(lesson.order) ?? 0) + 1);
  const wrong = sorted.filter((l) => l.order > n || (counts.get(l.order) ?? 0) > 1);
  const missing = Array.from({ length: n }, (_, i) => i + 1).filter((k) => !counts.has(k));
  if (wrong.length > 0 || missing.length > 0) {
    const listed = sorted.map((l) => `${baseName(l.file)}=${l.order}`).join('，');
    const culprits = wrong.length > 0 ? wrong : sorted;
    problems.push(
      `${culprits.map((l) => l.file).join('、')}: 课程「${course.id}」共 ${n} 节课，order 必须正好是 1 到 ${n} 各一次` +
        `${missing.length > 0 ? `（缺少 ${missing.join('、')}）` : ''}；现在是：${listed}`,
    );
  }
  return problems;
}

/** Total minutes of a teacher's lesson plan. */
export function teacherMinutes(teacher: Pick<TeacherGuide, 'process'>): number {
  return teacher.process.reduce((sum, step) => sum + step.minutes, 0);
}

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

type SessionTiming = Pick<CourseSession, 'date' | 'time'>;

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

const dateFormat = new Intl.DateTimeFormat('zh-CN', { timeZone: 'UTC', year: 'numeric', month: 'long', day: 'numeric' });
const weekdayFormat = new Intl.DateTimeFormat('zh-CN', { timeZone: 'UTC', weekday: 'short' });

/** A content date for people: 2026年12月10日（周四）, or without the weekday. */
export function formatDate(date: Date, withWeekday = true): string {
  const day = dateFormat.format(date);
  return withWeekday ? `${day}（${weekdayFormat.format(date)}）` : day;
}

/** A session time for people: "14:30-16:00" → "14:30–16:00" (en dash). */
export function formatTimeRange(time: string): string {
  return time.replace('-', '–');
}

/** The lesson part of a lesson id: "life-cycle-primary/01-seasons-of-life" → "01-seasons-of-life". */
export function lessonSlug(lessonId: string): string {
  const slash = lessonId.indexOf('/');
  if (slash < 1 || slash === lessonId.length - 1) throw new Error(`lessonSlug(): lesson id must be "<course>/<lesson>", got "${lessonId}"`);
  return lessonId.slice(slash + 1);
}

/** The course part of a lesson id. */
export function lessonCourse(lessonId: string): string {
  const slash = lessonId.indexOf('/');
  if (slash < 1) throw new Error(`lessonCourse(): lesson id must be "<course>/<lesson>", got "${lessonId}"`);
  return lessonId.slice(0, slash);
}

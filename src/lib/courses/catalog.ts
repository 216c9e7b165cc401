/**
 * The course catalog as the pages see it: each course with its lessons in order, checked
 * against each other (school lessons need a teacher's section, orders run 1..n). A problem
 * fails the build with one line per lesson file. Build-time only (astro:content).
 */
import { getCollection, type CollectionEntry } from 'astro:content';
import type { Institution } from '../../schemas/institution.ts';
import { loadRegistry, todayInChina } from '../registry/load.ts';
import { sortCatalog } from './catalog-order.ts';
import { courseEntries as loadCourseEntries } from './entries.ts';
import { lessonCourse } from './lesson-id.ts';
import { courseLessonProblems, teacherMinutes } from './lesson-rules.ts';
import { upcomingSessions } from './sessions.ts';

export type CourseEntry = CollectionEntry<'courses'>;
export type LessonEntry = CollectionEntry<'lessons'>;
export type Session = CourseEntry['data']['sessions'][number];

export interface CatalogCourse {
  readonly id: string;
  readonly entry: CourseEntry;
  /** Lessons sorted by `order`. */
  readonly lessons: readonly LessonEntry[];
  /** Sessions from today on, soonest first. */
  readonly upcoming: readonly Session[];
  /** The soonest upcoming session, if any. */
  readonly next: Session | undefined;
}

export interface Catalog {
  /** Courses in catalog order (see sortCatalog). */
  readonly courses: readonly CatalogCourse[];
  /** Course by id. */
  readonly byId: ReadonlyMap<string, CatalogCourse>;
  /** Registry record by id, for session places. */
  readonly institutions: ReadonlyMap<string, Institution>;
  /** All registry records (for "services nearby"). */
  readonly records: readonly Institution[];
  /** Today in China, YYYY-MM-DD: what "upcoming" is measured from. */
  readonly today: string;
  /** Where a session takes place, resolved against the registry. */
  place(session: Session): SessionPlace;
}

/** A session's place: a registry institution (with its area name) or a plain address. */
export type SessionPlace =
  | { readonly kind: 'institution'; readonly record: Institution; readonly area: string | undefined }
  | { readonly kind: 'address'; readonly address: string };

/** The course `courseId` and its lesson number `index` (as getStaticPaths passed them); a build error when either is unknown. */
export async function lessonAt(courseId: string, index: number, page: string): Promise<{ course: CatalogCourse; lesson: LessonEntry }> {
  const course = (await loadCatalog()).byId.get(courseId);
  const lesson = course?.lessons[index];
  if (!course || !lesson) throw new Error(`${page}: unknown lesson ${courseId} #${index}`);
  return { course, lesson };
}

let memo: Promise<Catalog> | undefined;

/** Loads and checks the catalog once per build (every time in dev, so edits show up). */
export function loadCatalog(): Promise<Catalog> {
  if (import.meta.env.DEV) return buildCatalog();
  memo ??= buildCatalog();
  return memo;
}

const fileOf = (entry: { readonly id: string; readonly filePath?: string | undefined }, fallback: string) => entry.filePath ?? fallback;

async function buildCatalog(): Promise<Catalog> {
  const [courseEntries, lessonEntries] = await Promise.all([loadCourseEntries(), getCollection('lessons')]);
  const today = todayInChina();
  const { records, regions } = loadRegistry();
  const institutions = new Map(records.map((r) => [r.id, r]));
  const courseIds = new Set(courseEntries.map((c) => c.id));

  const problems: string[] = [];
  const lessonsByCourse = new Map<string, LessonEntry[]>();
  for (const lesson of lessonEntries) {
    const course = lessonCourse(lesson.id);
    if (!courseIds.has(course)) {
      problems.push(`${fileOf(lesson, lesson.id)}: 找不到所属课程 content/courses/${course}/index.mdx`);
      continue;
    }
    lessonsByCourse.set(course, [...(lessonsByCourse.get(course) ?? []), lesson]);
  }

  const courses: CatalogCourse[] = [];
  for (const entry of courseEntries) {
    const lessons = (lessonsByCourse.get(entry.id) ?? []).sort((a, b) => a.data.order - b.data.order);
    problems.push(
      ...courseLessonProblems(
        { id: entry.id, audience: entry.data.audience },
        lessons.map((l) => ({
          file: fileOf(l, `content/courses/${l.id}.mdx`),
          order: l.data.order,
          hasTeacher: l.data.teacher !== undefined,
        })),
      ),
    );
    for (const lesson of lessons) {
      const teacher = lesson.data.teacher;
      if (teacher && teacherMinutes(teacher) !== lesson.data.minutes) {
        console.warn(
          `[courses] ${fileOf(lesson, lesson.id)}: 教学过程合计 ${teacherMinutes(teacher)} 分钟，与 minutes: ${lesson.data.minutes} 不一致`,
        );
      }
    }
    if (lessons.length === 0) {
      // A course without lessons would be an empty page; leave it out until its lessons exist.
      console.warn(`[courses] ${fileOf(entry, entry.id)}: 还没有课时（lessons/*.mdx），暂不发布这门课`);
      continue;
    }
    const upcoming = upcomingSessions(entry.data.sessions, today);
    courses.push({ id: entry.id, entry, lessons, upcoming, next: upcoming[0] });
  }
  if (problems.length > 0) {
    throw new Error(`生命教育课程内容有 ${problems.length} 个问题：\n${problems.join('\n')}`);
  }

  const sorted = sortCatalog(
    courses.map((c) => ({ course: c, title: c.entry.data.title, audience: c.entry.data.audience, sessions: c.upcoming })),
    today,
  ).map((x) => x.course);
  return {
    courses: sorted,
    byId: new Map(sorted.map((c) => [c.id, c])),
    institutions,
    records,
    today,
    place(session) {
      if ('address' in session.place) return { kind: 'address', address: session.place.address };
      const record = institutions.get(session.place.institution);
      // The course schema already rejects unknown ids; this guards against a stale registry.
      if (!record) throw new Error(`课程场次 ${session.id} 的机构编号 ${session.place.institution} 不在机构名录中`);
      return { kind: 'institution', record, area: regions.fullName(record.regionCode) };
    },
  };
}

/**
 * What a course's lessons must be, checked at build time: a school course's lessons each
 * have a teacher's section, and lesson `order` runs exactly 1, 2 … n. Pure (no
 * astro:content), so the unit tests and any script can use it; src/lib/courses/catalog.ts
 * applies it to the collections.
 */
import { SCHOOL_AUDIENCES, type Audience, type TeacherGuide } from '../../schemas/course.ts';

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

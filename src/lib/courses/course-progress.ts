/**
 * Self-study progress kept on the learner's own device (localStorage), never sent anywhere.
 * Stored as JSON: { "<course id>": ["<lesson slug>", …] }. Pure functions over that value,
 * so the lesson and course pages' scripts and the unit tests share them.
 */

/** localStorage key of the progress record. */
export const COURSE_PROGRESS_KEY = 'anning.course-progress';

/** Lessons marked done, by course id. */
export type Progress = Readonly<Record<string, readonly string[]>>;

/** Parses the stored value; anything unreadable or oddly shaped counts as no progress. */
export function parseProgress(raw: string | null | undefined): Progress {
  if (!raw) return {};
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return {};
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return {};
  const progress: Record<string, string[]> = {};
  for (const [course, lessons] of Object.entries(data)) {
    if (Array.isArray(lessons)) progress[course] = [...new Set(lessons.filter((l): l is string => typeof l === 'string'))];
  }
  return progress;
}

/** Whether a lesson is marked done. */
export function isDone(progress: Progress, course: string, lesson: string): boolean {
  return progress[course]?.includes(lesson) ?? false;
}

/** A copy of `progress` with the lesson marked done or not done. */
export function setDone(progress: Progress, course: string, lesson: string, done: boolean): Progress {
  const others = (progress[course] ?? []).filter((l) => l !== lesson);
  const lessons = done ? [...others, lesson] : others;
  const next: Record<string, readonly string[]> = { ...progress };
  if (lessons.length > 0) next[course] = lessons;
  else delete next[course];
  return next;
}

/** How many of `lessons` (the course's current lessons) are done; stale entries are ignored. */
export function countDone(progress: Progress, course: string, lessons: readonly string[]): number {
  const done = new Set(progress[course] ?? []);
  return lessons.filter((l) => done.has(l)).length;
}

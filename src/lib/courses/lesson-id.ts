/** Lesson ids ("<course>/<lesson>") taken apart. */

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

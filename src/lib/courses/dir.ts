/**
 * The folder the courses and their lessons are read from (src/content.config.ts):
 * content/courses, or another one named by COURSES_DIR for tests and benchmarks
 * (tests/fixtures/courses holds a course whose session is not a sample, so enrolment can
 * be exercised while every real-content session is a sample).
 *
 * Another folder is allowed only for a build into .builds/ (DIST_DIR), so a test course
 * can never end up in the shipped `dist`.
 */
import path from 'node:path';

export const DEFAULT_COURSES_DIR = './content/courses';

export function coursesDir(env: NodeJS.ProcessEnv = process.env, root: string = process.cwd()): string {
  const chosen = env['COURSES_DIR']?.trim();
  if (chosen === undefined || chosen === '' || path.resolve(root, chosen) === path.resolve(root, DEFAULT_COURSES_DIR))
    return DEFAULT_COURSES_DIR;
  const builds = path.resolve(root, '.builds');
  const dist = path.resolve(root, env['DIST_DIR'] ?? 'dist');
  if (!dist.startsWith(`${builds}${path.sep}`)) {
    throw new Error(
      `COURSES_DIR=${chosen} 只用于测试和压测的构建：请同时把 DIST_DIR 设在 .builds/ 下（现在是 ${path.relative(root, dist) || '.'}），以免测试课程进入要发布的网站`,
    );
  }
  return chosen;
}

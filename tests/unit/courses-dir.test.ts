import { describe, expect, it } from 'vitest';
import { coursesDir, DEFAULT_COURSES_DIR } from '../../src/lib/courses/dir.ts';

const root = '/project';

describe('COURSES_DIR (test courses for enrolment tests and benchmarks)', () => {
  it('reads content/courses unless told otherwise', () => {
    expect(coursesDir({}, root)).toBe(DEFAULT_COURSES_DIR);
    expect(coursesDir({ COURSES_DIR: ' ' }, root)).toBe(DEFAULT_COURSES_DIR);
    expect(coursesDir({ COURSES_DIR: 'content/courses' }, root)).toBe(DEFAULT_COURSES_DIR);
  });

  it('reads the test courses for a build into .builds/', () => {
    expect(coursesDir({ COURSES_DIR: 'tests/fixtures/courses', DIST_DIR: '.builds/e2e-fixture' }, root)).toBe('tests/fixtures/courses');
    expect(coursesDir({ COURSES_DIR: 'tests/fixtures/courses', DIST_DIR: `${root}/.builds/bench` }, root)).toBe('tests/fixtures/courses');
  });

  it('refuses them for a build that could be shipped, saying why', () => {
    for (const DIST_DIR of [undefined, 'dist', './dist', '.builds', '.builds-x/a', '.builds/../dist']) {
      expect(
        () => coursesDir({ COURSES_DIR: 'tests/fixtures/courses', ...(DIST_DIR === undefined ? {} : { DIST_DIR }) }, root),
        String(DIST_DIR),
      ).toThrow(/只用于测试和压测的构建/);
    }
  });
});

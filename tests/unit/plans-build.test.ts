/**
 * A course or guide naming a plan that content/plans.json does not have stops the real build
 * while the content is loaded, with one line naming file, record and field. Runs `astro build`
 * on a copy of the courses (COURSES_DIR) in which one course cites plan "shanghai"; it fails
 * within seconds, before any page.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';

const COURSE = 'elder-life-wisdom';
// Inside .builds/: COURSES_DIR is refused for a build whose DIST_DIR is not under .builds/.
const dir = `.builds/plans-bad-${process.pid}`;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('a course citing an unknown plan fails the build naming file, course and field, on one line', { timeout: 120_000 }, () => {
  cpSync('content/courses', join(dir, 'courses'), { recursive: true });
  const file = join(dir, 'courses', COURSE, 'index.mdx');
  const text = readFileSync(file, 'utf8');
  expect(text).toContain('  - plan: zhejiang\n');
  writeFileSync(file, text.replace('  - plan: zhejiang\n', '  - plan: shanghai\n'));
  const run = spawnSync(process.execPath, ['node_modules/astro/bin/astro.mjs', 'build'], {
    encoding: 'utf8',
    env: { ...process.env, COURSES_DIR: join(dir, 'courses'), ASTRO_CACHE_DIR: join(dir, 'cache'), DIST_DIR: join(dir, 'dist') },
  });
  expect(run.status).not.toBe(0);
  const output = `${run.stdout}\n${run.stderr}`;
  const line = output.split('\n').find((l) => l.startsWith(`${file}: ${COURSE}: sources[`));
  expect(line, output.slice(0, 2000)).toBeDefined();
  expect(line).toMatch(/: sources\[\d+\]\.plan: 没有这个规划：shanghai（content\/plans\.json 里有：zhejiang、beijing）$/);
  expect(output).toContain('规划编号有 1 处错误');
});

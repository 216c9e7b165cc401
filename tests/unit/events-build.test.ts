/**
 * A bad event file stops the real build at its start (src/content.config.ts loads the events),
 * with the one-line message naming file, event and field. Runs `astro build` on a folder with
 * one broken copy of a shipped event (EVENTS_DIR); it fails within seconds, before any page.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';

const ID = '2027-10-09-hangzhou-hospice-day-open-day';
const dir = mkdtempSync(join(tmpdir(), 'events-bad-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('a bad event file fails the build naming file and field, in Chinese, on one line', { timeout: 120_000 }, () => {
  const event = JSON.parse(readFileSync(`content/events/${ID}.json`, 'utf8')) as Record<string, unknown>;
  writeFileSync(join(dir, `${ID}.json`), JSON.stringify({ ...event, start: '2027-10-09 09:30' }, null, 2));
  const run = spawnSync(process.execPath, ['node_modules/astro/bin/astro.mjs', 'build'], {
    encoding: 'utf8',
    env: { ...process.env, EVENTS_DIR: dir, ASTRO_CACHE_DIR: join(dir, 'cache'), DIST_DIR: '.builds/events-bad-file' },
  });
  rmSync('.builds/events-bad-file', { recursive: true, force: true });
  expect(run.status).not.toBe(0);
  const output = `${run.stdout}\n${run.stderr}`;
  const line = output.split('\n').find((l) => l.includes(`${ID}.json: ${ID}: start:`));
  expect(line, output.slice(0, 2000)).toBeDefined();
  expect(line).toContain('应为北京时间，格式 YYYY-MM-DDTHH:MM');
  expect(output).toContain('活动文件有 1 处错误');
});

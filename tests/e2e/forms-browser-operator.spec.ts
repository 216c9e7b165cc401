/**
 * Issue #14 item 7, the other way round: a site whose operator is configured
 * (PRIVACY_CONTROLLER_NAME and PRIVACY_CONTACT set, SHOW_SAMPLES unset) shows no sample
 * institutions, sessions or events anywhere: not in any built page (finder, region pages,
 * targets, search index input), not in the open data, not in the forms or their API; and
 * its forms carry no demonstration notice.
 *
 * Runs on the shared second build (scripts/lib/fixture-build.ts: operator configured, the
 * test courses of tests/fixtures/courses), built once per change of the sources, and a
 * second server on it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { FIXTURE_COURSE, FIXTURE_DIST_DIR } from '../../scripts/lib/fixture-build.ts';
import { useFixtureServer } from './fixture-server.ts';

const root = path.resolve(import.meta.dirname, '../..');
const distDir = FIXTURE_DIST_DIR;

test.describe.configure({ mode: 'serial' });

/** An absolute URL on this worker's server on the fixture build. */
const serverUrl = useFixtureServer();

/** Every built file a person or a program reads (pages, open data), without scripts and the search index's binary files. */
function builtFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.(html|json|csv|geojson|xml|txt)$/.test(f) && !f.startsWith('pagefind'))
    .map((f) => path.join(dir, f));
}

test('no built page or open-data file mentions a sample record', () => {
  const client = path.join(root, distDir, 'client');
  const files = builtFiles(client);
  expect(files.length).toBeGreaterThan(50);
  // A sample record shows up by its id (links, options, data) or its provenance; a page may
  // still say that the registry holds 0 samples.
  const offending = files
    .filter((f) => /\/services\/sample-|"sample-[a-z0-9-]+"|"kind":\s*"sample"/.test(readFileSync(f, 'utf8')))
    .map((f) => path.relative(client, f));
  expect(offending).toEqual([]);
  const open = JSON.parse(readFileSync(path.join(client, 'data/institutions.json'), 'utf8')) as unknown;
  expect(JSON.stringify(open)).not.toContain('sample-');
  expect(JSON.stringify(open).length, 'the real records are still there').toBeGreaterThan(1000);
});

test('the finder, a region page and the targets show real records only', async ({ page }) => {
  const url = serverUrl();
  for (const p of ['/services/', '/regions/330106/', '/targets/']) {
    await page.goto(`${url}${p}`);
    await expect(page.locator('.badge-sample'), p).toHaveCount(0);
    await expect(page.locator('a[href^="/services/sample-"]'), p).toHaveCount(0);
  }
});

test('the forms: no demonstration notice, no sample institution, no sample session', async ({ page, request }) => {
  const url = serverUrl();
  await page.goto(`${url}/report/`);
  await expect(page.getByRole('form', { name: '报告信息有误' })).toBeVisible();
  await expect(page.getByRole('note', { name: /这是演示网站/ })).toHaveCount(0);
  await expect(page.locator('select[name="institution"] option', { hasText: '示例' })).toHaveCount(0);
  await page.goto(`${url}/volunteer/`);
  await expect(page.getByRole('note', { name: /这是演示网站/ })).toHaveCount(0);
  await expect(page.locator('select[name="institution"] option[value^="sample-"]')).toHaveCount(0);

  const volunteer = await request.post(`${url}/api/volunteers`, {
    data: {
      name: '运营测试',
      phone: '13500135321',
      county: '330106',
      ageGroup: '18+',
      availability: ['weekend'],
      roles: ['companion'],
      institution: 'sample-330106',
      consent: true,
    },
  });
  expect(volunteer.status()).toBe(400);
  // The test course has an open sample session next to the real one: hidden, refused.
  const { course, sampleSession } = FIXTURE_COURSE;
  const enrol = await request.post(`${url}/api/enrollments`, {
    data: { course, session: sampleSession, name: '运营测试', phone: '13500135322', consent: true },
  });
  expect(enrol.status()).toBe(400);
  expect((await request.get(`${url}/courses/${course}/enrol/${sampleSession}/`)).status()).toBe(404);
  expect(await (await request.get(`${url}/courses/${course}/`)).text()).not.toContain(sampleSession);
});

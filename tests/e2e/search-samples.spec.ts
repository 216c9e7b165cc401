/**
 * Sample (invented) institutions never outrank real pages in site search: wherever both
 * match, real institutions and guides come first (issue #14 item 4). A sample still comes
 * first for its own exact name.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { test, expect } from '@playwright/test';
import { records } from './search-quality-cases.ts';
import { rankAll, searchPage } from './search-ranking.ts';

/** Sample events and stories are samples too: the search marks them like sample institutions. */
const samplePages = new Set([
  ...readdirSync('content/events')
    .filter((n) => (JSON.parse(readFileSync(`content/events/${n}`, 'utf8')) as { sample: boolean }).sample)
    .map((n) => `/events/${n.replace(/\.json$/, '')}/`),
  ...readdirSync('content/stories')
    .filter((n) => /^sample: true$/m.test(readFileSync(`content/stories/${n}`, 'utf8')))
    .map((n) => `/stories/${n.replace(/\.md$/, '')}/`),
]);
const isSample = (url: string) => url.startsWith('/services/sample-') || samplePages.has(url);

// What families type when real pages and samples both match: care needs, payment words, places.
const QUERIES = ['止痛', '疼痛', '长护险', '医保', '居家', '上门', '心理支持', '西湖区', '海淀区', '杭州', '安宁疗护中心', '住院'];

test('real institutions and guides come before sample records wherever both match', async ({ page }) => {
  test.setTimeout(120_000);
  await searchPage(page);
  const ranked = await rankAll(page, QUERIES, 60);
  const misplaced = QUERIES.flatMap((q, i) => {
    const urls = ranked[i] ?? [];
    const firstSample = urls.findIndex(isSample);
    const lateReal = firstSample === -1 ? [] : urls.slice(firstSample).filter((u) => !isSample(u));
    return lateReal.length > 0 ? [`「${q}」：${lateReal.join(' ')} 排在示例 ${urls[firstSample]} 之后`] : [];
  });
  // The check means something only if samples and real pages do meet in these results.
  expect(ranked.filter((urls) => urls.some(isSample) && urls.some((u) => !isSample(u))).length).toBeGreaterThan(5);
  expect(misplaced).toEqual([]);
});

test('a sample record still comes first for its own exact name', async ({ page }) => {
  await searchPage(page);
  const samples = records.filter((r) => r.provenance.kind === 'sample').slice(0, 5);
  const ranked = await rankAll(
    page,
    samples.map((r) => r.name),
    1,
  );
  expect(ranked.map((urls) => urls[0])).toEqual(samples.map((r) => `/services/${r.id}/`));
});

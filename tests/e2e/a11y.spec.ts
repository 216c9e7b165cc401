/**
 * Accessibility sweep: axe (WCAG 2.2 AA) in standard, large-text and largest-text with high
 * contrast (特大 + 高对比, what an elder with weak sight sets) on a sample of the
 * built sitemap that covers every kind of page (page-kinds.ts: the page file that builds it,
 * and the layout variants of region and institution pages), plus the 404 page.
 *
 * The sample is seeded, so a run is repeatable: A11Y_SEED (default 1) picks up to
 * A11Y_PER_KIND pages (default 3; "all" checks every page) of each kind. Both are printed at
 * the start; a failure found with another seed is replayed with that seed.
 *
 * Each worker loads every page into one long-lived page per text mode (a worker fixture)
 * rather than a fresh browser context per test: the pages are only read, never changed.
 */
import { test as base, expect, type BrowserContext, type Page } from '@playwright/test';
import { sitemapPaths, presetDisplay, seededRandom } from './utils.ts';
import { axeViolations } from './axe.ts';
import { pageRoutes, samplePages } from './page-kinds.ts';

const seed = Number(process.env.A11Y_SEED ?? 1);
const perKindSetting = process.env.A11Y_PER_KIND ?? '3';
const perKind = perKindSetting === 'all' ? Infinity : Number(perKindSetting);
if (!Number.isInteger(seed)) throw new Error(`A11Y_SEED 应是整数，现在是 ${process.env.A11Y_SEED}`);
if (perKind !== Infinity && !(Number.isInteger(perKind) && perKind > 0))
  throw new Error(`A11Y_PER_KIND 应是正整数或 all，现在是 ${perKindSetting}`);

const sample = samplePages(sitemapPaths(), pageRoutes(), perKind, seededRandom(seed));
const paths = [...[...sample.values()].flat(), '/404.html'].sort();
// Printed once, by the runner (workers load this file too and have TEST_WORKER_INDEX set).
if (process.env.TEST_WORKER_INDEX === undefined) {
  console.log(
    `axe：${paths.length} 个页面（${sample.size} 种页面各最多 ${perKindSetting} 个，加 404）× 3 种显示设置；` +
      `抽样种子 A11Y_SEED=${seed}，A11Y_PER_KIND=${perKindSetting}（用同样的设置可重现）`,
  );
}

type Mode = 'standard' | 'large' | 'xlarge-contrast';

const DISPLAY: Record<Mode, Parameters<typeof presetDisplay>[1] | null> = {
  standard: null,
  large: { size: 'large' },
  'xlarge-contrast': { size: 'xlarge', contrast: true },
};

/** One page per text mode for the whole worker, opened when first needed. */
const test = base.extend<object, { sweepPage: (mode: Mode) => Promise<Page> }>({
  sweepPage: [
    async ({ browser }, use, workerInfo) => {
      const { baseURL, locale, timezoneId } = workerInfo.project.use;
      const open = new Map<Mode, { context: BrowserContext; page: Page }>();
      await use(async (mode) => {
        const existing = open.get(mode);
        if (existing !== undefined && !existing.page.isClosed()) return existing.page;
        const context = await browser.newContext({
          ...(baseURL === undefined ? {} : { baseURL }),
          ...(locale === undefined ? {} : { locale }),
          ...(timezoneId === undefined ? {} : { timezoneId }),
        });
        const page = await context.newPage();
        const display = DISPLAY[mode];
        if (display !== null) await presetDisplay(page, display);
        open.set(mode, { context, page });
        return page;
      });
      for (const { context } of open.values()) await context.close();
    },
    { scope: 'worker' },
  ],
});

for (const mode of ['standard', 'large', 'xlarge-contrast'] as const) {
  test.describe(`axe ${mode}`, () => {
    for (const p of paths) {
      test(`${p} has no WCAG 2.2 AA violations (${mode})`, async ({ sweepPage }) => {
        const page = await sweepPage(mode);
        await page.goto(p);
        // The setting really applied (else this would be the standard sweep again).
        const display = DISPLAY[mode];
        if (display?.size !== undefined) await expect(page.locator('html')).toHaveAttribute('data-text-size', display.size);
        if (display?.contrast === true) await expect(page.locator('html')).toHaveAttribute('data-contrast', 'high');
        expect(await axeViolations(page), `axe violations on ${p} (A11Y_SEED=${seed})`).toEqual([]);
      });
    }
  });
}

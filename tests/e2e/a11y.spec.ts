/**
 * Accessibility sweep: axe (WCAG 2.2 AA) on every page in the built sitemap, in standard
 * and large-text modes. With many pages, every kind of page (first path segment) is still
 * covered: up to A11Y_PER_KIND pages per kind, picked by a seeded shuffle printed below.
 */
import { test, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { sitemapPaths, presetDisplay, seededRandom } from './utils.ts';

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const PER_KIND = Number(process.env.A11Y_PER_KIND ?? 40);
// playwright.config.ts fixes A11Y_SEED once per run, so every worker samples the same pages.
const seed = Number(process.env.A11Y_SEED ?? 1);

function pagesToCheck(): string[] {
  const random = seededRandom(seed);
  const byKind = new Map<string, string[]>();
  for (const p of sitemapPaths()) {
    // A kind of page is its section and depth: /services/<id>/ pages are one kind.
    const segments = p.split('/').filter(Boolean);
    const kind = segments.length === 0 ? 'home' : `${segments[0]}:${segments.length}`;
    byKind.set(kind, [...(byKind.get(kind) ?? []), p]);
  }
  const chosen: string[] = [];
  for (const paths of byKind.values()) {
    const shuffled = [...paths].sort(() => random() - 0.5);
    chosen.push(...shuffled.slice(0, PER_KIND));
  }
  return [...chosen, '/404.html'].sort();
}

const paths = pagesToCheck();
console.log(`axe：${paths.length} 个页面 × 2 种文字大小（抽样种子 A11Y_SEED=${seed}）`);

for (const mode of ['standard', 'large'] as const) {
  test.describe(`axe ${mode}`, () => {
    for (const p of paths) {
      test(`${p} has no WCAG 2.2 AA violations (${mode})`, async ({ page }) => {
        if (mode === 'large') await presetDisplay(page, { size: 'large' });
        await page.goto(p);
        const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
        const summary = results.violations.map(
          (v) =>
            `${v.id}: ${v.help} → ${v.nodes
              .map((n) => n.target.join(' '))
              .slice(0, 3)
              .join(', ')}`,
        );
        expect(summary, `axe violations on ${p}`).toEqual([]);
      });
    }
  });
}

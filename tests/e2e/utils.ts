import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { DISPLAY_PREFS_KEY } from '../../src/lib/display-prefs.ts';

export const clientDir = path.join(path.resolve(import.meta.dirname, '../..', process.env.DIST_DIR ?? 'dist'), 'client');

/** Paths of every page in the built sitemap, e.g. "/services/". */
export function sitemapPaths(): string[] {
  const xml = readFileSync(path.join(clientDir, 'sitemap-0.xml'), 'utf8');
  return [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1] ?? '/').pathname);
}

/** Sets the elder-mode display preferences before any page script runs. */
export async function presetDisplay(page: Page, prefs: { size?: 'large' | 'xlarge'; contrast?: boolean }) {
  await page.addInitScript(([key, value]) => localStorage.setItem(key, value), [DISPLAY_PREFS_KEY, JSON.stringify(prefs)] as const);
}

/** Seeded PRNG, so a sampled sweep can be replayed from its printed seed. */
export { mulberry32 as seededRandom } from '../../scripts/lib/seeded-random.ts';

/**
 * Posts a plain HTML form from the page, as a browser without JavaScript sends one: the
 * page navigates to the answer. Reaches the pages a no-JavaScript post gets back.
 */
export async function postPlainForm(page: Page, action: string, fields: Readonly<Record<string, string>>): Promise<void> {
  await page.evaluate(
    ({ action, fields }) => {
      const form = document.createElement('form');
      form.method = 'post';
      form.action = action;
      for (const [name, value] of Object.entries(fields)) {
        const input = document.createElement('input');
        input.type = 'hidden';
        input.name = name;
        input.value = value;
        form.append(input);
      }
      document.body.append(form);
      form.submit();
    },
    { action, fields },
  );
}

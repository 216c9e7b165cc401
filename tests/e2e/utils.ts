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

/** Small seeded PRNG (mulberry32) so a sampled sweep can be replayed from its printed seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Drives /search/ through the page's own ranking function, for the search-quality and sample-order tests. */
import type { Page } from '@playwright/test';

/** Opens /search/ and waits for the search element (Pagefind loads on the first query). */
export async function searchPage(page: Page): Promise<void> {
  await page.goto('/search/');
  await page.waitForFunction(() => customElements.get('anning-search') !== undefined);
}

/** Ranked URLs for many queries, in one page, through the page's own search function. */
export function rankAll(page: Page, queries: readonly string[], limit: number): Promise<string[][]> {
  return page.evaluate(
    async ({ queries, limit }) => {
      const el = document.querySelector('anning-search') as (Element & { topUrls(q: string, n: number): Promise<string[]> }) | null;
      if (!el) throw new Error('no <anning-search> on /search/');
      const out: string[][] = [];
      for (const q of queries) out.push(await el.topUrls(q, limit));
      return out;
    },
    { queries, limit },
  );
}

/**
 * The browser tests' one axe check. WCAG_TAGS: the rule sets every check runs, WCAG 2.0, 2.1
 * and 2.2 at levels A and AA, so no spec quietly checks less than the others.
 * axeViolations: what axe finds on the page as it is now, one line per rule
 * ("rule: help → first three elements"), so `expect(...).toEqual([])` prints what to fix.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';

export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

export async function axeViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  return results.violations.map(
    (v) =>
      `${v.id}: ${v.help} → ${v.nodes
        .map((n) => n.target.join(' '))
        .slice(0, 3)
        .join(', ')}`,
  );
}

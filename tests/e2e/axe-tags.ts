/**
 * The WCAG rule sets every axe check in the browser tests runs: WCAG 2.0, 2.1 and 2.2 at
 * levels A and AA. One list, so no spec quietly checks less than the others.
 */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

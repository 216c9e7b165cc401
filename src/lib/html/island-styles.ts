/**
 * Astro writes `<style>astro-island,…{display:contents}</style>` into <body>, right before
 * the first island of a page. The W3C Nu validator allows a <style> in <body> only as the
 * first child of its parent, and the first island rarely is (issue #13 item 11). The style
 * is the same on every page and its CSP hash is already allowed, so it moves into <head>.
 */

/** Astro's island style (astro/dist/runtime/server/astro-island-styles.js), as it renders it. */
export const ISLAND_STYLE_TAG = '<style>astro-island,astro-slot,astro-static-slot{display:contents}</style>';

/** The page with Astro's island style once at the end of <head> and nowhere in <body>. */
export function hoistIslandStyles(html: string): string {
  const bodyStart = html.search(/<body[\s>]/u);
  const headEnd = html.indexOf('</head>');
  if (bodyStart === -1 || headEnd === -1 || headEnd > bodyStart) return html;
  const body = html.slice(bodyStart);
  if (!body.includes(ISLAND_STYLE_TAG)) return html;
  const head = html.slice(0, bodyStart);
  const newHead = head.includes(ISLAND_STYLE_TAG) ? head : `${head.slice(0, headEnd)}${ISLAND_STYLE_TAG}${head.slice(headEnd)}`;
  return newHead + body.split(ISLAND_STYLE_TAG).join('');
}

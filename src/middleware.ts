/**
 * Runs for every page: at build time for static pages, per request for on-demand ones.
 * Add further steps with sequence() from astro:middleware.
 */
import { defineMiddleware } from 'astro:middleware';
import { pruneCspMeta, prunePolicy } from './lib/html/csp-hashes.ts';
import { hoistIslandStyles } from './lib/html/island-styles.ts';
import { rewriteHtml } from './lib/html/rewrite.ts';

/**
 * Hoist first: the moved island style keeps its hash when the policy is pruned. A static
 * page carries its policy in a <meta>; a page rendered on demand in the header.
 */
function finishPage(body: string, headers: Headers): string {
  const html = pruneCspMeta(hoistIslandStyles(body));
  const header = headers.get('content-security-policy');
  if (header !== null) headers.set('content-security-policy', prunePolicy(header, html, '; '));
  return html;
}

export const onRequest = defineMiddleware(async (_context, next) => rewriteHtml(await next(), finishPage));

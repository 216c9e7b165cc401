/**
 * Runs for every page: at build time for static pages, per request for on-demand ones.
 * Add further steps with sequence() from astro:middleware.
 */
import { defineMiddleware } from 'astro:middleware';
import { pruneCspMeta } from './lib/html/csp-hashes.ts';
import { hoistIslandStyles } from './lib/html/island-styles.ts';
import { rewriteHtml } from './lib/html/rewrite.ts';

// Hoist first: the moved island style keeps its hash when the policy is pruned.
const finishPage = (html: string) => pruneCspMeta(hoistIslandStyles(html));

export const onRequest = defineMiddleware(async (_context, next) => rewriteHtml(await next(), finishPage));

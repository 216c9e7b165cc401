/**
 * Runs for every page: at build time for static pages, per request for on-demand ones.
 * Add further steps with sequence() from astro:middleware.
 */
import { defineMiddleware } from 'astro:middleware';
import { hoistIslandStylesIn } from './lib/html/island-styles.ts';

export const onRequest = defineMiddleware(async (_context, next) => hoistIslandStylesIn(await next()));

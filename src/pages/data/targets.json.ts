/**
 * /data/targets.json: progress against the plans' targets, computed at build time by the
 * same functions as /targets/ (src/lib/targets/), so the page and the file agree.
 */
import type { APIRoute } from 'astro';
import { targetsJson } from '../../lib/targets/data.ts';

export const prerender = true;

export const GET: APIRoute = () =>
  new Response(`${JSON.stringify(targetsJson(), null, 2)}\n`, {
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  });

/**
 * /data/finder-index.json: the compact index the service finder fetches (format:
 * src/lib/finder/index-format.ts, docs/finder.md). Built with the site.
 */
import type { APIRoute } from 'astro';
import { finderIndexFile } from '../../lib/finder/index-file.ts';

export const GET: APIRoute = () =>
  new Response(finderIndexFile().text, { headers: { 'Content-Type': 'application/json; charset=utf-8' } });

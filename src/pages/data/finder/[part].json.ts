/**
 * /data/finder/overview.json and /data/finder/<province code>.json: the finder's data,
 * split by place (src/lib/finder/index-file.ts, docs/finder.md). Built with the site.
 */
import type { APIRoute, GetStaticPaths } from 'astro';
import { finderFiles } from '../../../lib/finder/index-file.ts';

export const getStaticPaths = (() => [
  { params: { part: 'overview' } },
  ...[...finderFiles().parts.keys()].map((part) => ({ params: { part } })),
]) satisfies GetStaticPaths;

export const GET: APIRoute = ({ params }) => {
  const files = finderFiles();
  const file = params['part'] === 'overview' ? files.overview : files.parts.get(params['part'] ?? '');
  if (file === undefined) return new Response(null, { status: 404 });
  return new Response(file.text, { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
};

import type { APIRoute } from 'astro';
import { loadRegistry } from '../../lib/registry/load.ts';
import { buildOpenDataCsv } from '../../lib/registry/open-data.ts';

/** The registry as a spreadsheet: UTF-8 with BOM so Excel opens the Chinese correctly. */
export const GET: APIRoute = () => {
  const { records, regions } = loadRegistry();
  return new Response(buildOpenDataCsv(records, regions), { headers: { 'Content-Type': 'text/csv; charset=utf-8' } });
};

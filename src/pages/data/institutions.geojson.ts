import type { APIRoute } from 'astro';
import { loadRegistry } from '../../lib/registry/load.ts';
import { buildGeoJson } from '../../lib/registry/open-data.ts';
import { jsonResponse } from '../../lib/open-data-files.ts';

/** One WGS-84 point per institution (RFC 7946: [longitude, latitude]). */
export const GET: APIRoute = () => {
  const { records, regions } = loadRegistry();
  return jsonResponse(buildGeoJson(records, regions), 'application/geo+json');
};

import type { APIRoute } from 'astro';
import { loadRegistry } from '../../lib/registry/load.ts';
import { buildOpenDataJson } from '../../lib/registry/open-data.ts';
import { GENERATED_AT, jsonResponse } from '../../lib/open-data-files.ts';

/** The full registry records, exactly as in content/institutions. */
export const GET: APIRoute = () => jsonResponse(buildOpenDataJson(loadRegistry().records, { generatedAt: GENERATED_AT }));

import type { APIRoute } from 'astro';
import { hsdsDataset, jsonResponse } from '../../../lib/open-data-files.ts';

/** Every HSDS 3.0 table in one file. */
export const GET: APIRoute = () => jsonResponse(hsdsDataset());

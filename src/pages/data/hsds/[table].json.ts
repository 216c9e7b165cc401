import type { APIRoute, GetStaticPaths } from 'astro';
import { HSDS_TABLES, hsdsDataset, jsonResponse, type HsdsTable } from '../../../lib/open-data-files.ts';

/** One HSDS 3.0 table per file, e.g. /data/hsds/services.json. */
export const getStaticPaths = (() => HSDS_TABLES.map((table) => ({ params: { table } }))) satisfies GetStaticPaths;

export const GET: APIRoute = ({ params }) => jsonResponse(hsdsDataset()[params.table as HsdsTable]);

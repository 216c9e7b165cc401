/** /data/unmet-demand/weekly.csv: the same cells as weekly.json, one row each. */
import type { APIRoute } from 'astro';
import { ledgerResponse } from '../../../server/network/ledger.ts';

export const prerender = false;

export const GET: APIRoute = () => ledgerResponse('csv');

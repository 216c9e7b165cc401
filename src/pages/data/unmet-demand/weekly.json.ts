/** /data/unmet-demand/weekly.json: the unmet-demand ledger, weekly, computed on request (src/server/network/ledger.ts). */
import type { APIRoute } from 'astro';
import { ledgerResponse } from '../../../server/network/ledger.ts';

export const prerender = false;

export const GET: APIRoute = () => ledgerResponse('json');

/** /data/availability/counties.csv: the same figures as counties.json, one row per county, computed on request. */
import type { APIRoute } from 'astro';
import { countiesResponse } from '../../../server/network/availability-files.ts';

export const prerender = false;

export const GET: APIRoute = ({ url }) => countiesResponse(url, 'csv');

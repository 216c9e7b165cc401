/**
 * /data/availability/counties.json: the daily availability aggregate per county. Live
 * figures, so computed on request (src/server/network/availability-aggregate.ts), unlike
 * the rest of /data/, which is written at build time.
 */
import type { APIRoute } from 'astro';
import { countiesResponse } from '../../../server/network/availability-files.ts';

export const prerender = false;

export const GET: APIRoute = ({ url }) => countiesResponse(url, 'json');

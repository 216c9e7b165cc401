import { loadRegistry } from './registry/load.ts';
import { buildHsds, type HsdsDataset } from './registry/open-data.ts';

/** One timestamp for every open-data file of a build, so they describe the same moment. */
export const GENERATED_AT = new Date().toISOString();

/** The HSDS tables published one file each under /data/hsds/. */
export const HSDS_TABLES = [
  'organizations',
  'organization_identifiers',
  'services',
  'locations',
  'addresses',
  'phones',
  'service_at_locations',
  'service_areas',
  'schedules',
] as const satisfies readonly (keyof HsdsDataset)[];
export type HsdsTable = (typeof HSDS_TABLES)[number];

let hsds: HsdsDataset | undefined;
/** The HSDS dataset of the current registry, built once per build. */
export function hsdsDataset(): HsdsDataset {
  const { records, regions } = loadRegistry();
  hsds ??= buildHsds(records, regions, { generatedAt: GENERATED_AT });
  return hsds;
}

/** A JSON response for a static endpoint. */
export function jsonResponse(body: unknown, type = 'application/json'): Response {
  return new Response(JSON.stringify(body), { headers: { 'Content-Type': `${type}; charset=utf-8` } });
}

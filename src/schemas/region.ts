/**
 * Administrative regions (content/regions.json): provinces → cities → counties,
 * GB/T 2260 codes, all 31 provincial divisions of the mainland. The districts of
 * the four municipalities (and counties governed by a province directly) hang
 * directly under the province. Which provinces the site presents is
 * content/site-scope.json (src/schemas/site-scope.ts).
 */
import { z } from 'zod';
import { plainText, regionCode } from './provenance.ts';

export const REGION_LEVELS = ['province', 'city', 'county'] as const;
export type RegionLevel = (typeof REGION_LEVELS)[number];

/** A rough bounding box (generous by a few km), WGS-84 decimal degrees. */
export const boundsSchema = z.strictObject({
  minLat: z.number().min(-90).max(90),
  maxLat: z.number().min(-90).max(90),
  minLng: z.number().min(-180).max(180),
  maxLng: z.number().min(-180).max(180),
});

export const regionSchema = z.strictObject({
  /** Six-digit GB/T 2260 code, e.g. 330106. */
  code: regionCode(),
  /** Official name, e.g. 西湖区. */
  name: plainText(),
  /** province | city | county (county-level: 区, 县, 县级市). */
  level: z.enum(REGION_LEVELS),
  /** Code of the enclosing region, null for provinces. */
  parent: regionCode().nullable(),
  /** Approximate WGS-84 centre (government seat), for maps and sample records. */
  centre: z.strictObject({
    /** Latitude in decimal degrees. */
    lat: z.number().min(-90).max(90),
    /** Longitude in decimal degrees. */
    lng: z.number().min(-180).max(180),
  }),
  /**
   * Provinces only: the box every record, event and county centre of the province
   * must fall in (catches swapped or mistyped coordinates). Written by
   * scripts/extract-regions.ts.
   */
  bounds: boundsSchema.optional(),
});

export const regionsFileSchema = z.array(regionSchema);

export type Region = z.infer<typeof regionSchema>;

/**
 * Administrative regions (content/regions.json): provinces → cities → counties,
 * GB/T 2260 codes. Beijing's districts hang directly under the province.
 */
import { z } from 'zod';
import { plainText, regionCode } from './provenance.ts';

export const REGION_LEVELS = ['province', 'city', 'county'] as const;
export type RegionLevel = (typeof REGION_LEVELS)[number];

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
});

export const regionsFileSchema = z.array(regionSchema);

export type Region = z.infer<typeof regionSchema>;

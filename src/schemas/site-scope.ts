/**
 * The site's scope (content/site-scope.json): which provinces of
 * content/regions.json it presents, and for each one where its registry
 * records live and how their ids begin. Adopting the site for another province
 * means adding it here and putting its records in the named folder; no code
 * changes (docs/registry.md, "Adding a province").
 */
import { z } from 'zod';
import { regionCode } from './provenance.ts';

export const provinceSetupSchema = z.strictObject({
  /** Province code (ends in 0000), e.g. 330000. */
  code: regionCode().refine((c) => c.endsWith('0000'), '应为省级区划代码（以 0000 结尾）'),
  /** Folder under content/institutions/ holding the province's records, e.g. zhejiang. */
  folder: z.string().regex(/^[a-z0-9-]{2,40}$/, '只用小写字母、数字和 -'),
  /** Prefix of the ids of the province's sourced records, e.g. zj- (sample records use sample-). */
  idPrefix: z
    .string()
    .regex(/^[a-z]{2,6}-$/, '两到六个小写字母加 -，如 zj-')
    .refine((p) => p !== 'sample-', 'sample- 留给示例记录'),
});

export const siteScopeSchema = z.strictObject({
  _comment: z.string().optional(),
  /** Provinces presented, in the order given; at least one. */
  provinces: z.array(provinceSetupSchema).min(1),
});

export type ProvinceSetup = z.infer<typeof provinceSetupSchema>;
export type SiteScope = z.infer<typeof siteScopeSchema>;

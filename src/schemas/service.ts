/**
 * One hospice service of an institution: one entry per care mode
 * (HSDS "service" delivered at the institution's location).
 */
import { z } from 'zod';
import { plainText, regionCode, uniqueList } from './provenance.ts';
import { CARE_MODES, HOME_CARE_TYPES, OFFERS, PAYMENTS } from './vocabularies.ts';

export { CARE_MODES, HOME_CARE_TYPES, OFFERS, PAYMENTS };
export type { CareMode, HomeCareType, Offer, Payment } from './vocabularies.ts';

export const homeCareSchema = z
  .strictObject({
    /** Forms of home care: 家庭病床 and/or 巡诊. */
    types: uniqueList(z.enum(HOME_CARE_TYPES)),
    /** Optional county codes served (from content/regions.json). */
    coverage: uniqueList(regionCode()).min(1, { error: '为空时请省略 coverage' }).optional(),
    /** Optional remark, e.g. the streets covered. */
    note: plainText().optional(),
  })
  .superRefine((homeCare, ctx) => {
    if (homeCare.types.length === 0 && homeCare.coverage === undefined && homeCare.note === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['types'],
        message: '居家服务信息为空：请至少填写上门形式、覆盖区县或说明之一，否则省略 homeCare',
      });
    }
  });

export const serviceSchema = z
  .strictObject({
    /** Care mode: 住院 | 门诊 | 居家 | 会诊 | 互联网. */
    mode: z.enum(CARE_MODES),
    /** Optional name the institution uses, e.g. 安宁疗护病区. */
    name: plainText().optional(),
    /** What the service offers (subset of OFFERS; may be empty when the source does not say). */
    offers: uniqueList(z.enum(OFFERS)),
    /** Optional: who the service is for. */
    eligibility: plainText().optional(),
    /** Optional: how to be referred or apply, what to bring. */
    referral: plainText().optional(),
    /** Optional: opening or visiting hours. */
    hours: plainText().optional(),
    /** Optional: fees in plain words. */
    fees: plainText().optional(),
    /** Optional: accepted payment (subset of PAYMENTS). */
    payment: uniqueList(z.enum(PAYMENTS)).min(1, { error: '为空时请省略 payment' }).optional(),
    /** Only for mode 居家: forms of home care and counties covered. */
    homeCare: homeCareSchema.optional(),
  })
  .superRefine((service, ctx) => {
    if (service.homeCare !== undefined && service.mode !== '居家') {
      ctx.addIssue({ code: 'custom', path: ['homeCare'], message: `只有“居家”服务可以填写 homeCare，这一项是“${service.mode}”` });
    }
  });

export type HomeCare = z.infer<typeof homeCareSchema>;
export type Service = z.infer<typeof serviceSchema>;

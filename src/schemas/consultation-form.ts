/**
 * The consultation request (/consult/ → POST /api/consultations): a family asks one to three
 * institutions, or every real institution of the patient's county that offers the care
 * mode, to call them back. Only what a first call needs; no identity-card or record
 * numbers. The illness group is asked only with its own consent for sensitive personal
 * information (《个人信息保护法》第二十八、二十九条). Rules that need the registry (that the
 * institutions are real) are checked on the server (src/server/forms/consultation.ts).
 */
import { z } from 'zod';
import { mobile, mustTick, oneOf, optionalText, optionalTick, requiredText } from './form-fields.ts';

export const RELATIONS = ['本人', '子女', '配偶', '其他亲属', '其他'] as const;
export type Relation = (typeof RELATIONS)[number];

export const CALL_TIMES = ['工作日上午', '工作日下午', '工作日晚上', '周末', '什么时候都可以'] as const;
export type CallTime = (typeof CALL_TIMES)[number];

export const AGE_BANDS = ['18岁以下', '18–59岁', '60–69岁', '70–79岁', '80–89岁', '90岁及以上'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

/** Where the patient is now. */
export const SETTINGS = ['家', '医院', '养老机构'] as const;
export type Setting = (typeof SETTINGS)[number];

/** What the family needs. */
export const NEEDS = ['住院', '居家上门', '门诊', '家属支持', '其他'] as const;
export type Need = (typeof NEEDS)[number];

/** The illness group, asked only with a separate consent (《个人信息保护法》第二十八、二十九条). */
export const ILLNESS_GROUPS = ['肿瘤', '非肿瘤', '不确定'] as const;
export type IllnessGroup = (typeof ILLNESS_GROUPS)[number];

export const NOTE_MAX = 300;
export const NAME_MAX = 20;
export const STREET_MAX = 40;
/** At most this many chosen institutions (the shortlist holds three). */
export const MAX_TARGETS = 3;

export interface ConsultationFormContext {
  /** County codes of the regions file. */
  readonly countyCodes: () => ReadonlySet<string>;
}

/** Institution ids sent as hidden fields: one string or a list, at most MAX_TARGETS, no repeats. */
const targetList = z.preprocess(
  (v) => (v === undefined || v === '' ? [] : typeof v === 'string' ? [v] : v),
  z
    .array(z.string({ error: 'forms.error.consult.to.invalid' }).trim().min(1).max(80), { error: 'forms.error.consult.to.invalid' })
    .max(MAX_TARGETS, { error: 'forms.error.consult.to.tooMany' })
    .transform((list) => [...new Set(list)]),
);

export function consultationFormSchema(ctx: ConsultationFormContext) {
  return z
    .strictObject({
      /** The chosen institutions; empty: every real institution of `county` offering the need's mode. */
      to: targetList,
      name: requiredText(NAME_MAX, 'forms.error.name.required', 'forms.error.consult.name.tooLong'),
      relation: oneOf(RELATIONS, 'forms.error.consult.relation.required', 'forms.error.invalid'),
      phone: mobile('forms.error.phone.required', 'forms.error.phone.invalid'),
      callTime: oneOf(CALL_TIMES, 'forms.error.consult.callTime.required', 'forms.error.invalid'),
      ageBand: oneOf(AGE_BANDS, 'forms.error.consult.ageBand.required', 'forms.error.invalid'),
      county: z
        .string({ error: 'forms.error.consult.county.required' })
        .trim()
        .min(1, { error: 'forms.error.consult.county.required' })
        .refine((v) => ctx.countyCodes().has(v), { error: 'forms.error.consult.county.invalid' }),
      street: optionalText(STREET_MAX, 'forms.error.consult.street.tooLong'),
      setting: oneOf(SETTINGS, 'forms.error.consult.setting.required', 'forms.error.invalid'),
      need: oneOf(NEEDS, 'forms.error.consult.need.required', 'forms.error.invalid'),
      note: optionalText(NOTE_MAX, 'forms.error.consult.note.tooLong', true),
      illness: z
        .preprocess((v) => (v === '' ? undefined : v), z.enum(ILLNESS_GROUPS, { error: 'forms.error.invalid' }).optional())
        .optional(),
      /** The separate consent for the illness group; never pre-ticked. */
      sensitiveConsent: optionalTick(),
      consent: mustTick('forms.error.consent.required'),
    })
    .superRefine(
      (form, issues) => {
        if (form.illness !== undefined && form.sensitiveConsent !== true) {
          issues.addIssue({ code: 'custom', path: ['sensitiveConsent'], message: 'forms.error.consult.sensitiveConsent.required' });
        }
      },
      { when: (payload) => typeof payload.value === 'object' && payload.value !== null },
    )
    .transform((form) => ({
      ...form,
      // Without its consent the illness group is never kept, even if sent.
      illness: form.sensitiveConsent ? form.illness : undefined,
    }));
}

export type ConsultationForm = z.output<ReturnType<typeof consultationFormSchema>>;

export const CONSULTATION_FIELDS = [
  'to',
  'name',
  'relation',
  'phone',
  'callTime',
  'ageBand',
  'county',
  'street',
  'setting',
  'need',
  'note',
  'illness',
  'sensitiveConsent',
  'consent',
] as const;

/** A consultation request's reference code, e.g. C-7K3M9Q2P (the alphabet of ref-code.ts). */
export const CONSULTATION_REF = /^C-[2-9A-HJKMNP-Z]{8}$/;

/** The family's lookup (/consult/status/): the code as typed (any case, spaces, dashes) in canonical form, or undefined. */
export function readConsultationRef(input: string): string | undefined {
  const compact = input.toUpperCase().replace(/[\s\-‐-―－_]/g, '');
  const canonical = compact.length === 9 ? `${compact[0]}-${compact.slice(1)}` : compact;
  return CONSULTATION_REF.test(canonical) ? canonical : undefined;
}

/** The last four digits of the phone, as the family types them back (full-width digits too). */
export function readLastFour(input: string): string | undefined {
  const digits = input.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0)).replace(/\s/g, '');
  return /^\d{4}$/.test(digits) ? digits : undefined;
}

/**
 * What the form components hand their islands besides the picked strings (src/i18n/pick.ts):
 * the string keys every form island uses, and the submitted values in island form.
 * Server/build side only.
 */
import type { StringPick } from '../../i18n/pick.ts';

/** Keys every form island uses. */
export const COMMON_KEYS = [
  'forms.optional',
  'forms.errorSummary.title',
  'forms.errorSummary.intro',
  'forms.review.title',
  'forms.review.hint',
  'forms.review.confirm',
  'forms.review.back',
  'forms.review.empty',
  'forms.sending',
  'forms.next',
  'forms.honeypot.label',
  'forms.consent.legend',
  'forms.consent.readNotice',
  'forms.consent.label',
  'forms.error.invalid',
  'forms.error.unknownField',
  'forms.error.network',
  'forms.error.server',
  'forms.error.rateLimited',
  'forms.error.tooLarge',
  'forms.error.forbidden',
  'forms.error.unsupported',
  'forms.error.badJson',
] as const satisfies readonly StringPick[];

/** Submitted raw fields as island values: strings and lists of strings only. */
export function toIslandValues(raw: Readonly<Record<string, unknown>> | undefined): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [key, value] of Object.entries(raw ?? {})) {
    if (typeof value === 'string') out[key] = value.slice(0, 5000);
    else if (typeof value === 'number' || typeof value === 'boolean')
      out[key] = value === true ? 'yes' : value === false ? '' : String(value);
    else if (Array.isArray(value)) out[key] = value.filter((v): v is string => typeof v === 'string');
  }
  return out;
}

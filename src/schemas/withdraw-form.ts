/**
 * Withdrawal (/volunteer/withdraw/ → POST /api/volunteers/withdraw): the phone number and
 * any one reference code of that person's (volunteer sign-up V-…, course enrolment E-…,
 * or an error report R-… that left the number as contact); everything the site holds
 * under that number is deleted (src/server/submissions/withdraw.ts).
 */
import { z } from 'zod';
import { REF_PATTERN, normalizeRefCode } from './ref-code.ts';
import { mobile } from './form-fields.ts';

export const withdrawFormSchema = z.strictObject({
  /** The mobile number given when signing up. */
  phone: mobile('forms.error.phone.required', 'forms.error.phone.invalid'),
  /** The reference code shown after signing up. */
  ref: z
    .string({ error: 'forms.error.ref.required' })
    .trim()
    .min(1, { error: 'forms.error.ref.required' })
    .max(32, { error: 'forms.error.ref.invalid' })
    .transform(normalizeRefCode)
    .pipe(z.string().regex(REF_PATTERN, { error: 'forms.error.ref.invalid' })),
});

export type WithdrawForm = z.output<typeof withdrawFormSchema>;

export const WITHDRAW_FIELDS = ['phone', 'ref'] as const;

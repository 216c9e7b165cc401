/**
 * POST /api/volunteers/withdraw: a person deletes everything the site holds under their
 * mobile number, proved by any one of their reference codes. Never pretended: the reply
 * says a deletion happened only when it did, whatever the anti-spam extras say.
 */
import { withdrawDoneUrl } from '../../lib/forms/withdraw-pages.ts';
import { withdrawFormSchema, type WithdrawForm } from '../../schemas/withdraw-form.ts';
import { seatsLookup } from '../course-sessions.ts';
import { sharedDb } from '../db/connect.ts';
import type { FormSpec } from '../form-endpoint.ts';
import { withdraw } from '../submissions/withdraw.ts';

export const withdrawSpec: FormSpec<WithdrawForm> = {
  schema: withdrawFormSchema,
  async store(form, now) {
    const removed = await withdraw(await sharedDb(), form.phone, form.ref, await seatsLookup(), now);
    if (removed === undefined) return { errors: { ref: 'forms.error.withdraw.notFound' } };
    return { thanks: withdrawDoneUrl(removed), status: 200, extra: { deleted: form.ref, removed } };
  },
};

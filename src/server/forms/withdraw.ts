/** POST /api/volunteers/withdraw: a person deletes their own sign-up or enrolment. */
import { withdrawDoneUrl } from '../../lib/forms/withdraw-pages.ts';
import { withdrawFormSchema, type WithdrawForm } from '../../schemas/withdraw-form.ts';
import { formsConfig } from '../config.ts';
import { seatsLookup } from '../course-sessions.ts';
import { sharedDatabase } from '../db.ts';
import type { FormSpec } from '../form-endpoint.ts';
import { withdraw } from '../submissions.ts';


export const withdrawSpec: FormSpec<WithdrawForm> = {
  schema: withdrawFormSchema,
  async store(form, now) {
    const db = sharedDatabase(formsConfig().dataDir);
    const deleted = withdraw(db, form.phone, form.ref, await seatsLookup(), now);
    if (!deleted) return { errors: { ref: 'forms.error.withdraw.notFound' } };
    return { thanks: withdrawDoneUrl(form.ref), status: 200, extra: { deleted: form.ref } };
  },
  pretend: (form) => ({ thanks: withdrawDoneUrl(form.ref), status: 200, extra: { deleted: form.ref } }),
};

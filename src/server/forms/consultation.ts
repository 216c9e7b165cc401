/**
 * POST /api/consultations: a family's consultation request. The institutions it goes to
 * must be real (a sample takes no requests); with none chosen it goes to every real
 * institution of the patient's county that offers the care mode ("本区任何一家"). Stored
 * sealed (src/server/network/consultations.ts) with one "new request" notice per
 * institution, sent to its group robot straight after the commit.
 */
import { formReference, type InstitutionInfo } from '../../lib/forms/reference-data.ts';
import type { FieldErrors } from '../../lib/forms/form-data.ts';
import { newRefCode } from '../../lib/forms/ref-code.ts';
import { NEED_MODE } from '../../lib/network/consultations.ts';
import { privacySettings } from '../../lib/privacy.ts';
import * as routes from '../../lib/routes.ts';
import { consultationFormSchema, type ConsultationForm } from '../../schemas/consultation-form.ts';
import { sharedDb } from '../db/connect.ts';
import { writeQueueFor } from '../db/transaction.ts';
import type { FormSpec } from '../form-endpoint.ts';
import { consultationSealer, consultationsEnabled } from '../network/consultation-config.ts';
import { insertConsultation } from '../network/consultations.ts';
import { deliverDueNotices, queueNotice } from '../network/notices.ts';

/** The real institutions of a county that offer what the family needs (any real one for 家属支持 / 其他). */
export function institutionsFor(
  county: string,
  need: ConsultationForm['need'],
  institutions = formReference().institutions,
): InstitutionInfo[] {
  const mode = NEED_MODE[need];
  return institutions.filter((i) => !i.sample && i.regionCode === county && (mode === null || i.careModes.includes(mode)));
}

type Targets =
  { readonly ok: true; readonly ids: string[]; readonly scope: 'chosen' | 'any' } | { readonly ok: false; readonly errors: FieldErrors };

export function targetsOf(form: ConsultationForm): Targets {
  const reference = formReference();
  if (form.to.length > 0) {
    const real = form.to.every((id) => reference.institutionById.get(id)?.sample === false);
    return real ? { ok: true, ids: form.to, scope: 'chosen' } : { ok: false, errors: { to: 'forms.error.consult.to.invalid' } };
  }
  const ids = institutionsFor(form.county, form.need, reference.institutions).map((i) => i.id);
  return ids.length > 0 ? { ok: true, ids, scope: 'any' } : { ok: false, errors: { county: 'forms.error.consult.county.none' } };
}

const thanks = (ref: string) => routes.consultThanks(ref);

export const consultationSpec: FormSpec<ConsultationForm> = {
  schema: consultationFormSchema({ countyCodes: () => formReference().countyCodes }),
  check(form) {
    if (!consultationsEnabled()) return { _form: 'forms.error.consult.off' };
    const targets = targetsOf(form);
    return targets.ok ? undefined : targets.errors;
  },
  async store(form, now, review) {
    const targets = targetsOf(form);
    if (!targets.ok) return { errors: targets.errors };
    const sealer = consultationSealer();
    const db = await sharedDb();
    const ref = await writeQueueFor(db).run(async (tx) => {
      const code = await insertConsultation(
        tx,
        sealer,
        { form, institutions: targets.ids, scope: targets.scope, consentVersion: privacySettings().noticeVersion, review },
        now,
      );
      for (const id of targets.ids) await queueNotice(tx, { institutionId: id, kind: 'consultation' }, now);
      return code;
    });
    // Straight away rather than at the next tick of the worker; a failure is retried there.
    void deliverDueNotices(db, sealer).catch(() => undefined);
    return { id: ref, thanks: thanks(ref) };
  },
  pretend() {
    const ref = newRefCode('consultation');
    return { id: ref, thanks: thanks(ref) };
  },
};

/** POST /api/reports: "report an error" about an institution or a page. */
import { formReference } from '../../lib/forms/reference-data.ts';
import { newRefCode } from '../../lib/forms/ref-code.ts';
import { privacySettings } from '../../lib/privacy.ts';
import { reportFormSchema, type ReportForm } from '../../schemas/report-form.ts';
import { sharedDb } from '../db/connect.ts';
import { writeQueueFor } from '../db/transaction.ts';
import type { FormSpec } from '../form-endpoint.ts';
import { insertReport } from '../submissions/reports.ts';
import * as routes from '../../lib/routes.ts';

const thanks = (ref: string) => routes.reportThanks(ref);

export const reportSpec: FormSpec<ReportForm> = {
  schema: reportFormSchema({ institutionIds: () => formReference().institutionIds }),
  async store(form, now, review) {
    const version = privacySettings().noticeVersion;
    // insertReport records the consent only when personal data (a contact) is given.
    const { ref } = await writeQueueFor(await sharedDb()).run((tx) => insertReport(tx, form, { version, at: now, review }));
    return { id: ref, thanks: thanks(ref) };
  },
  pretend() {
    const ref = newRefCode('report');
    return { id: ref, thanks: thanks(ref) };
  },
};

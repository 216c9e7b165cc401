/** POST /api/volunteers: the volunteer sign-up. */
import { formReference } from '../../lib/forms/reference-data.ts';
import { newRefCode } from '../../lib/forms/ref-code.ts';
import { privacySettings } from '../../lib/privacy.ts';
import { volunteerFormSchema, type VolunteerForm } from '../../schemas/volunteer-form.ts';
import { sharedDb } from '../db/connect.ts';
import { writeQueueFor } from '../db/transaction.ts';
import type { FormSpec } from '../form-endpoint.ts';
import { insertVolunteer } from '../submissions/volunteers.ts';
import * as routes from '../../lib/routes.ts';

const thanks = (ref: string) => routes.volunteerThanks(ref);

export const volunteerSpec: FormSpec<VolunteerForm> = {
  schema: volunteerFormSchema({ countyCodes: () => formReference().countyCodes, institutionIds: () => formReference().institutionIds }),
  async store(form, now, review) {
    const version = privacySettings().noticeVersion;
    const { ref } = await writeQueueFor(await sharedDb()).run((tx) => insertVolunteer(tx, form, { version, at: now, review }));
    return { id: ref, thanks: thanks(ref) };
  },
  pretend() {
    const ref = newRefCode('volunteer');
    return { id: ref, thanks: thanks(ref) };
  },
};

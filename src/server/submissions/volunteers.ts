/** Storing a volunteer sign-up. */
import type { VolunteerForm } from '../../schemas/volunteer-form.ts';
import type { Conn } from '../db/transaction.ts';
import type { Consent } from './consent.ts';
import { insertWithRef, iso } from './storage.ts';

export async function insertVolunteer(db: Conn, form: VolunteerForm, consent: Consent): Promise<{ ref: string }> {
  const at = iso(consent.at);
  const ref = await insertWithRef(db, 'volunteers', (tx, r) =>
    tx.kysely
      .insertInto('volunteers')
      .values({
        ref: r,
        created_at: at,
        updated_at: at,
        name: form.name,
        phone: form.phone,
        email: form.email ?? null,
        county: form.county,
        age_group: form.ageGroup,
        guardian_name: form.guardianName ?? null,
        guardian_phone: form.guardianPhone ?? null,
        guardian_consent: form.guardianConsent ? 1 : 0,
        availability: JSON.stringify(form.availability),
        roles: JSON.stringify(form.roles),
        institution: form.institution ?? null,
        experience: form.experience ?? null,
        consent_version: consent.version,
        consent_at: at,
        review: consent.review ?? null,
      })
      .execute(),
  );
  return { ref };
}

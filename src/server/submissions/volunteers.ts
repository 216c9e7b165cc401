/** Storing a volunteer sign-up. */
import type { DatabaseSync } from 'node:sqlite';
import type { VolunteerForm } from '../../schemas/volunteer-form.ts';
import type { Consent } from './consent.ts';
import { insertWithRef, iso } from './storage.ts';

export function insertVolunteer(db: DatabaseSync, form: VolunteerForm, consent: Consent): { ref: string } {
  const at = iso(consent.at);
  const ref = insertWithRef(
    db,
    'volunteers',
    `INSERT INTO volunteers (ref, created_at, updated_at, name, phone, email, county, age_group, guardian_name, guardian_phone,
       guardian_consent, availability, roles, institution, experience, consent_version, consent_at, review)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    (r) => [
      r,
      at,
      at,
      form.name,
      form.phone,
      form.email ?? null,
      form.county,
      form.ageGroup,
      form.guardianName ?? null,
      form.guardianPhone ?? null,
      form.guardianConsent ? 1 : 0,
      JSON.stringify(form.availability),
      JSON.stringify(form.roles),
      form.institution ?? null,
      form.experience ?? null,
      consent.version,
      at,
      consent.review ?? null,
    ],
  );
  return { ref };
}

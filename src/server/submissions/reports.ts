/** Storing an error report about a registry entry or a page. */
import type { DatabaseSync } from 'node:sqlite';
import type { ReportForm } from '../../schemas/report-form.ts';
import type { Consent } from './consent.ts';
import { insertWithRef, iso } from './storage.ts';

/** Stores a report; the consent is recorded only when the reporter left a contact. */
export function insertReport(db: DatabaseSync, form: ReportForm, consent: Consent): { ref: string } {
  const at = iso(consent.at);
  const ref = insertWithRef(
    db,
    'reports',
    `INSERT INTO reports (ref, created_at, updated_at, institution, page, problem, contact, consent_version, consent_at, review) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    (r) => [
      r,
      at,
      at,
      form.institution ?? null,
      form.page ?? null,
      form.problem,
      form.contact ?? null,
      form.contact === undefined ? null : consent.version,
      form.contact === undefined ? null : at,
      consent.review ?? null,
    ],
  );
  return { ref };
}

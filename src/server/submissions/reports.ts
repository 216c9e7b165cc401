/** Storing an error report about a registry entry or a page. */
import type { ReportForm } from '../../schemas/report-form.ts';
import type { Conn } from '../db/transaction.ts';
import type { Consent } from './consent.ts';
import { insertWithRef, iso } from './storage.ts';

/** Stores a report; the consent is recorded only when the reporter left a contact. */
export async function insertReport(db: Conn, form: ReportForm, consent: Consent): Promise<{ ref: string }> {
  const at = iso(consent.at);
  const ref = await insertWithRef(db, 'reports', (tx, r) =>
    tx.kysely
      .insertInto('reports')
      .values({
        ref: r,
        created_at: at,
        updated_at: at,
        institution: form.institution ?? null,
        page: form.page ?? null,
        problem: form.problem,
        contact: form.contact ?? null,
        consent_version: form.contact === undefined ? null : consent.version,
        consent_at: form.contact === undefined ? null : at,
        review: consent.review ?? null,
      })
      .execute(),
  );
  return { ref };
}

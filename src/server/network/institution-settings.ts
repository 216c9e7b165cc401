/**
 * Each institution's settings for requests: how many working days it promises to answer
 * in (1–5, default 1), and the group robot's webhook (企业微信 or 钉钉) that hears when
 * something new arrives. The webhook is sealed: its key lets anyone post to the group.
 * Set by the institution's managers in the console; each change is in the audit log
 * (the promise and the vendor, never the address).
 */
import { DEFAULT_RESPONSE_DAYS } from '../../lib/network/consultations.ts';
import { checkWebhookUrl, type WebhookVendor } from '../../lib/network/webhook.ts';
import { recordAudit } from '../auth/audit.ts';
import type { Sealer } from '../crypto/sealed.ts';
import { inTransaction, type Conn } from '../db/transaction.ts';

export const WEBHOOK_SEAL = 'institution.webhook';

export interface InstitutionSettings {
  readonly responseDays: number;
  /** The webhook address opened, or null when none is set. */
  readonly webhook: string | null;
  readonly vendor: WebhookVendor | null;
}

export async function institutionSettings(db: Conn, sealer: Sealer, institution: string): Promise<InstitutionSettings> {
  const row = await db.kysely.selectFrom('institution_settings').selectAll().where('institution', '=', institution).executeTakeFirst();
  if (row === undefined) return { responseDays: DEFAULT_RESPONSE_DAYS, webhook: null, vendor: null };
  return {
    responseDays: Number(row.response_days),
    webhook: row.webhook_sealed === null ? null : sealer.open(row.webhook_sealed, WEBHOOK_SEAL),
    vendor: row.webhook_vendor as WebhookVendor | null,
  };
}

export type SettingsErrors = Partial<Record<'responseDays' | 'webhook', 'staffConsult.error.days' | 'staffConsult.error.webhook'>>;

/**
 * Checks and saves the settings posted by a manager. An empty webhook field removes the
 * webhook. Returns the field errors, or undefined when saved.
 */
export async function saveSettings(
  db: Conn,
  sealer: Sealer,
  actor: string,
  institution: string,
  county: string,
  fields: { responseDays: string; webhook: string },
  now: Date,
): Promise<SettingsErrors | undefined> {
  const errors: SettingsErrors = {};
  const days = Number(fields.responseDays);
  if (!Number.isInteger(days) || days < 1 || days > 5) errors.responseDays = 'staffConsult.error.days';
  const text = fields.webhook.trim();
  const hook = text === '' ? null : checkWebhookUrl(text);
  if (hook !== null && !hook.ok) errors.webhook = 'staffConsult.error.webhook';
  if (Object.keys(errors).length > 0) return errors;
  const at = now.toISOString();
  const sealed = hook?.ok === true ? sealer.seal(hook.url, WEBHOOK_SEAL) : null;
  const vendor = hook?.ok === true ? hook.vendor : null;
  await inTransaction(db, async (tx) => {
    await tx.kysely
      .insertInto('institution_settings')
      .values({ institution, response_days: days, webhook_sealed: sealed, webhook_vendor: vendor, updated_at: at, updated_by: actor })
      .onConflict((oc) =>
        oc.column('institution').doUpdateSet({
          response_days: days,
          webhook_sealed: sealed,
          webhook_vendor: vendor,
          updated_at: at,
          updated_by: actor,
        }),
      )
      .execute();
    await recordAudit(
      tx,
      {
        actor,
        action: 'institution.settings',
        targetKind: 'institution',
        targetRef: institution,
        scope: county,
        detail: `response_days ${days}, webhook ${vendor ?? 'none'}`,
      },
      now,
    );
  });
  return undefined;
}

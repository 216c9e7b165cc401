/**
 * 7: consultation requests from families, each institution's settings for them, the
 * notification outbox and the unmet-demand ledger (issue #18).
 *
 * - consultations: one request as the family sent it. Everything that names or describes a
 *   person in words (name, phone, street, note, illness group) is sealed
 *   (src/server/crypto/sealed.ts): the columns hold ciphertext only, so a copied database
 *   file or backup alone does not expose them. Choices from fixed lists (age band, county,
 *   where the patient is, what is needed) stay plain so they can be counted.
 * - consultation_targets: each institution's copy of a request and its own status; deleted
 *   with the request (withdrawal, retention).
 * - institution_settings: per institution, the response promise in working days and the
 *   group robot's webhook (sealed: its key lets anyone post to the group).
 * - notice_outbox: "something new arrived" notices waiting for the webhook, tried with
 *   backoff by every server node (a claim column keeps two nodes from sending one twice).
 * - unmet_demand: one row per decline (week, county, mode, reason, source), no person:
 *   it outlives the request, which is deleted on withdrawal or after its retention period.
 */
import { sql, type Kysely } from 'kysely';
import type { Engine } from '../connect.ts';
import { strict, withId } from './columns.ts';

export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  await strict(
    engine,
    withId(engine, db.schema.createTable('consultations'))
      .addColumn('ref', 'text', (c) => c.notNull().unique())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('consent_version', 'text', (c) => c.notNull())
      .addColumn('consent_at', 'text', (c) => c.notNull())
      /** 1 when the separate consent for the illness group was given (and the group kept). */
      .addColumn('sensitive_consent', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('relation', 'text', (c) => c.notNull())
      .addColumn('call_time', 'text', (c) => c.notNull())
      .addColumn('age_band', 'text', (c) => c.notNull())
      .addColumn('county', 'text', (c) => c.notNull())
      .addColumn('setting', 'text', (c) => c.notNull())
      .addColumn('need', 'text', (c) => c.notNull())
      /** 'chosen' (the family named the institutions) or 'any' (every one of the county offering the mode). */
      .addColumn('scope', 'text', (c) => c.notNull())
      .addColumn('name_sealed', 'text', (c) => c.notNull())
      .addColumn('phone_sealed', 'text', (c) => c.notNull())
      .addColumn('street_sealed', 'text')
      .addColumn('note_sealed', 'text')
      .addColumn('illness_sealed', 'text')
      /** 'fast' when sent faster than MIN_FILL_MS (staff check it first), like the other forms. */
      .addColumn('review', 'text'),
  ).execute();
  await db.schema.createIndex('consultations_updated').on('consultations').column('updated_at').execute();

  await strict(
    engine,
    withId(engine, db.schema.createTable('consultation_targets'))
      .addColumn('consultation_id', 'integer', (c) => c.notNull().references('consultations.id').onDelete('cascade'))
      .addColumn('institution', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('status_at', 'text', (c) => c.notNull())
      /** When the promise falls due (the institution's working days after arrival). */
      .addColumn('due_at', 'text', (c) => c.notNull())
      /** After 已受理: the China-time day (YYYY-MM-DD) and part of it they will call. */
      .addColumn('call_day', 'text')
      .addColumn('call_part', 'text')
      .addColumn('decline_reason', 'text')
      .addColumn('outcome', 'text')
      /** Staff user id of the last change; kept for the audit trail, never shown to the family. */
      .addColumn('changed_by', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('consultation_targets_one', ['consultation_id', 'institution']),
  ).execute();
  await db.schema.createIndex('consultation_targets_inbox').on('consultation_targets').columns(['institution', 'status']).execute();

  await strict(
    engine,
    db.schema
      .createTable('institution_settings')
      .addColumn('institution', 'text', (c) => c.primaryKey())
      .addColumn('response_days', 'integer', (c) =>
        c
          .notNull()
          .defaultTo(1)
          .check(sql`response_days BETWEEN 1 AND 5`),
      )
      .addColumn('webhook_sealed', 'text')
      .addColumn('webhook_vendor', 'text')
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('updated_by', 'text', (c) => c.notNull()),
  ).execute();

  await strict(
    engine,
    withId(engine, db.schema.createTable('notice_outbox'))
      .addColumn('institution', 'text', (c) => c.notNull())
      /** 'consultation' or 'referral'. */
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('next_at', 'text', (c) => c.notNull())
      /** A node's claim while it sends: its token and until when. */
      .addColumn('claim', 'text')
      .addColumn('claimed_until', 'text')
      /** 'sent', 'no-webhook' (nothing to send to) or 'failed' (given up); null while waiting. */
      .addColumn('outcome', 'text')
      .addColumn('done_at', 'text')
      /** Why the last try failed: an HTTP status or the vendor's error code, never the message. */
      .addColumn('last_error', 'text'),
  ).execute();
  await db.schema.createIndex('notice_outbox_due').on('notice_outbox').columns(['outcome', 'next_at']).execute();
  await db.schema.createIndex('notice_outbox_institution').on('notice_outbox').columns(['institution', 'outcome']).execute();

  await strict(
    engine,
    withId(engine, db.schema.createTable('unmet_demand'))
      .addColumn('week', 'text', (c) => c.notNull())
      .addColumn('county', 'text', (c) => c.notNull())
      .addColumn('mode', 'text', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull())
      /** 'consultation' or 'referral'. */
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull()),
  ).execute();
  await db.schema.createIndex('unmet_demand_week').on('unmet_demand').columns(['source', 'week']).execute();
}

/**
 * 8: referrals between institutions (issue #18). A referral group is what the referring
 * team sent once: the patient, the clinical summary, the reason, the consent, to one
 * institution or to every institution of a district that offers the mode; each
 * destination gets its own referral row with its own status, history and comment thread.
 *
 * Sealed columns (src/server/crypto/sealed.ts) hold the patient's details, the clinical
 * summary and all free text: a copied database file alone shows none of it. In clear:
 * routing (institutions, direction, mode, urgency), statuses, dates and coded reasons, which
 * the console lists and the unmet-demand ledger counts without opening anything.
 *
 * `open_key` enforces one open referral per patient per direction: a keyed hash of the
 * patient's name and phone plus the direction, unique while any referral of the group is
 * open, set to NULL when the last one closes (NULLs never collide on either engine).
 */
import { sql, type Kysely } from 'kysely';
import type { Engine } from '../connect.ts';
import { strict, withId } from './columns.ts';

export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  await strict(
    engine,
    withId(engine, db.schema.createTable('referral_groups'))
      .addColumn('from_institution', 'text', (c) => c.notNull())
      .addColumn('from_county', 'text', (c) => c.notNull())
      /** Set when sent to every institution of a district offering the mode. */
      .addColumn('pool_county', 'text')
      .addColumn('direction', 'text', (c) => c.notNull())
      .addColumn('mode', 'text', (c) => c.notNull())
      .addColumn('urgency', 'text', (c) => c.notNull())
      .addColumn('open_key', 'text', (c) => c.unique())
      .addColumn('patient_sealed', 'text', (c) => c.notNull())
      .addColumn('summary_sealed', 'text', (c) => c.notNull())
      .addColumn('reason_sealed', 'text', (c) => c.notNull())
      .addColumn('contact_sealed', 'text', (c) => c.notNull())
      .addColumn('consent_by', 'text', (c) => c.notNull())
      .addColumn('consent_date', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull()),
  ).execute();

  await strict(
    engine,
    withId(engine, db.schema.createTable('referrals'))
      .addColumn('ref', 'text', (c) => c.notNull().unique())
      .addColumn('group_id', 'integer', (c) => c.notNull().references('referral_groups.id'))
      .addColumn('to_institution', 'text', (c) => c.notNull())
      .addColumn('to_county', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('held_from', 'text')
      .addColumn('planned_date', 'text')
      .addColumn('reject_reason', 'text')
      .addColumn('reject_note_sealed', 'text')
      .addColumn('received_at', 'text')
      .addColumn('acknowledged_at', 'text')
      /** When it became rejected, cancelled or completed: the ledger's week, and the retention clock. */
      .addColumn('closed_at', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull()),
  ).execute();
  await db.schema.createIndex('referrals_group').on('referrals').column('group_id').execute();
  await db.schema.createIndex('referrals_to').on('referrals').columns(['to_institution', 'status']).execute();
  await db.schema.createIndex('referral_groups_from').on('referral_groups').column('from_institution').execute();
  await db.schema.createIndex('referrals_closed').on('referrals').columns(['status', 'closed_at']).execute();

  // Who did what when: the status history each side reads on the referral's page.
  await strict(
    engine,
    withId(engine, db.schema.createTable('referral_events'))
      .addColumn('referral_id', 'integer', (c) => c.notNull().references('referrals.id'))
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('actor', 'text', (c) => c.notNull())
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull()),
  ).execute();
  await db.schema.createIndex('referral_events_referral').on('referral_events').column('referral_id').execute();

  await strict(
    engine,
    withId(engine, db.schema.createTable('referral_comments'))
      .addColumn('referral_id', 'integer', (c) => c.notNull().references('referrals.id'))
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('author', 'text', (c) => c.notNull())
      /** 'origin' or 'destination': which side wrote it. */
      .addColumn('side', 'text', (c) => c.notNull().check(sql`side IN ('origin', 'destination')`))
      .addColumn('body_sealed', 'text', (c) => c.notNull()),
  ).execute();
  await db.schema.createIndex('referral_comments_referral').on('referral_comments').column('referral_id').execute();
}

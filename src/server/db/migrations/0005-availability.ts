/**
 * 5: live availability (issue #17). Every report an institution makes, per care mode,
 * appended and never edited: the newest per institution and mode is its current status,
 * the rest is the history (the audit trail and the trend). `reported_by` is the staff user
 * who made it: kept, never published. A "仍然如此" confirmation is a new row with the
 * same figures and a new time.
 */
import { sql, type Kysely } from 'kysely';
import type { Engine } from '../connect.ts';
import { strict, withId } from './columns.ts';

export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  await strict(
    engine,
    withId(engine, db.schema.createTable('availability_reports'))
      .addColumn('institution', 'text', (c) => c.notNull())
      .addColumn('mode', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('open_beds', 'integer', (c) => c.check(sql`open_beds IS NULL OR open_beds >= 0`))
      .addColumn('free_beds', 'integer', (c) =>
        c.check(sql`free_beds IS NULL OR (free_beds >= 0 AND (open_beds IS NULL OR free_beds <= open_beds))`),
      )
      .addColumn('waiting', 'text')
      .addColumn('accepts', 'text')
      .addColumn('area', 'text')
      .addColumn('note', 'text', (c) => c.check(sql`note IS NULL OR length(note) <= 200`))
      .addColumn('reported_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addColumn('reported_by', 'text', (c) => c.notNull())
      /** 'report' or 'confirm' (仍然如此: the same figures, confirmed again). */
      .addColumn('kind', 'text', (c) => c.notNull().defaultTo('report')),
  ).execute();
  // The current status of each institution and mode is its newest row.
  await db.schema.createIndex('availability_current').on('availability_reports').columns(['institution', 'mode', 'id']).execute();
  await db.schema.createIndex('availability_reported').on('availability_reports').column('reported_at').execute();
}

/**
 * 9: events made in the staff console (issue #19). Each new event or edit is a row: the
 * event file as it was (`base`, null for a new one) and as it will be written. An event
 * its own institution (or the region's commission) publishes goes straight to the publish
 * queue; one whose organiser is not listed (a school, a community) waits for the region's
 * commission, as a listing does. Published by the same background rebuild as listings
 * (src/server/listings/publish.ts).
 */
import { sql, type Kysely } from 'kysely';
import type { Engine } from '../connect.ts';
import { strict, withId } from './columns.ts';

export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  await strict(
    engine,
    withId(engine, db.schema.createTable('event_changes'))
      .addColumn('event_id', 'text', (c) => c.notNull())
      /** The event's county: whose commission reviews it. */
      .addColumn('county', 'text', (c) => c.notNull())
      /** The organising institution (registry id), or null for a school, community or group. */
      .addColumn('institution', 'text')
      .addColumn('base', 'text')
      .addColumn('proposed', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) =>
        c.notNull().check(sql`status IN ('pending', 'approved', 'rejected', 'withdrawn', 'publishing', 'published', 'failed')`),
      )
      .addColumn('proposed_by', 'text', (c) => c.notNull())
      .addColumn('proposed_at', 'text', (c) => c.notNull())
      .addColumn('decided_by', 'text')
      .addColumn('decided_at', 'text')
      .addColumn('reason', 'text', (c) => c.check(sql`reason IS NULL OR length(reason) <= 500`))
      .addColumn('publish_run', 'integer')
      .addColumn('published_at', 'text')
      .addColumn('failure', 'text'),
  ).execute();
  await db.schema.createIndex('event_changes_queue').on('event_changes').columns(['status', 'county']).execute();
  await db.schema.createIndex('event_changes_event').on('event_changes').columns(['event_id', 'id']).execute();
}

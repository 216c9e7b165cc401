/**
 * 6: listings kept true by the institutions (issue #17). A manager's proposed change to
 * their institution's registry record (or an application to be listed) waits for the
 * commission staff of its region; an approved one is written to content/institutions/ and
 * published by a background rebuild (src/server/listings/publish.ts), one publish run at
 * a time. Proposals keep the record as it was (`base`) and as proposed, both as JSON, so
 * the review shows them side by side and the patch export can be made at any time.
 */
import { sql, type Kysely } from 'kysely';
import type { Engine } from '../connect.ts';
import { strict, withId } from './columns.ts';

export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  await strict(
    engine,
    withId(engine, db.schema.createTable('listing_proposals'))
      /** Registry id (for an application: the id the new record will have). */
      .addColumn('institution', 'text', (c) => c.notNull())
      /** County code: whose commission staff review it. */
      .addColumn('county', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind IN ('change', 'new')`))
      /** The record file's text when the proposal was made (null for an application). */
      .addColumn('base', 'text')
      /** The whole proposed record, canonical JSON. */
      .addColumn('proposed', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) =>
        c.notNull().check(sql`status IN ('pending', 'approved', 'rejected', 'withdrawn', 'publishing', 'published', 'failed')`),
      )
      .addColumn('proposed_by', 'text', (c) => c.notNull())
      .addColumn('proposed_at', 'text', (c) => c.notNull())
      /**
       * An application from the public (/join/): who to call about it, as JSON {name, phone,
       * role}. Deleted by data:purge once the application has been decided for a while.
       */
      .addColumn('applicant', 'text')
      /** A word from the proposer to the reviewer (what changed and why). */
      .addColumn('message', 'text', (c) => c.check(sql`message IS NULL OR length(message) <= 500`))
      .addColumn('decided_by', 'text')
      .addColumn('decided_at', 'text')
      /** The reviewer's reason (required for a rejection). */
      .addColumn('reason', 'text', (c) => c.check(sql`reason IS NULL OR length(reason) <= 500`))
      /** The record as approved (with its provenance), canonical JSON: what was written. */
      .addColumn('approved', 'text')
      .addColumn('publish_run', 'integer')
      .addColumn('published_at', 'text')
      /** Why publishing failed, shown to the reviewer. */
      .addColumn('failure', 'text'),
  ).execute();
  await db.schema.createIndex('listing_proposals_queue').on('listing_proposals').columns(['status', 'county']).execute();
  await db.schema.createIndex('listing_proposals_institution').on('listing_proposals').columns(['institution', 'id']).execute();

  await strict(
    engine,
    withId(engine, db.schema.createTable('publish_runs'))
      .addColumn('status', 'text', (c) => c.notNull().check(sql`status IN ('queued', 'building', 'live', 'failed')`))
      .addColumn('requested_at', 'text', (c) => c.notNull())
      .addColumn('started_at', 'text')
      .addColumn('finished_at', 'text')
      /** host:pid of the node that built it. */
      .addColumn('node', 'text')
      /** The build folder, relative to the project (the same path on every node). */
      .addColumn('build_dir', 'text')
      /** What went wrong (the build's last lines), or a summary of what went live. */
      .addColumn('message', 'text'),
  ).execute();
  await db.schema.createIndex('publish_runs_status').on('publish_runs').columns(['status', 'id']).execute();
}

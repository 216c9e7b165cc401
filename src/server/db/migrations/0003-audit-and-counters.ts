/**
 * 3: the audit log, which replaces the staff log (its entries are copied over), and the
 * request counters every server node shares for rate limits.
 *
 * The audit log is append-only in the database itself: updates are refused, and so are
 * deletes of entries younger than AUDIT_RETENTION_DAYS (the retention purge may remove
 * older ones); on PostgreSQL TRUNCATE is refused too.
 */
import { sql, type Kysely } from 'kysely';
import { AUDIT_RETENTION_DAYS } from '../../../lib/privacy.ts';
import type { Engine } from '../connect.ts';
import { strict, withId } from './columns.ts';

export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  await strict(
    engine,
    withId(engine, db.schema.createTable('audit_log'))
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('actor', 'text', (c) => c.notNull())
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('target_kind', 'text')
      .addColumn('target_ref', 'text')
      .addColumn('scope', 'text')
      .addColumn('outcome', 'text', (c) => c.notNull())
      .addColumn('detail', 'text'),
  ).execute();
  await db.schema.createIndex('audit_log_at').on('audit_log').column('at').execute();
  await db.schema.createIndex('audit_log_actor').on('audit_log').columns(['actor', 'at']).execute();
  await db.schema.createIndex('audit_log_target').on('audit_log').columns(['target_kind', 'target_ref']).execute();

  await sql`INSERT INTO audit_log (at, actor, action, target_kind, target_ref, scope, outcome, detail)
            SELECT at, 'admin-token', action, kind, ref, NULL, 'ok', detail FROM admin_log ORDER BY id`.execute(db);
  await db.schema.dropTable('admin_log').execute();

  const days = AUDIT_RETENTION_DAYS;
  if (engine === 'sqlite') {
    await sql`CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
              BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`.execute(db);
    await sql
      .raw(
        `CREATE TRIGGER audit_log_no_early_delete BEFORE DELETE ON audit_log
         WHEN OLD.at > strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-${days} days')
         BEGIN SELECT RAISE(ABORT, 'audit_log entries are kept ${days} days'); END`,
      )
      .execute(db);
  } else {
    await sql
      .raw(
        `CREATE FUNCTION audit_log_guard() RETURNS trigger LANGUAGE plpgsql AS $$
         BEGIN
           IF TG_OP = 'UPDATE' THEN RAISE EXCEPTION 'audit_log is append-only'; END IF;
           IF TG_OP = 'TRUNCATE' THEN RAISE EXCEPTION 'audit_log is append-only'; END IF;
           IF OLD.at > to_char((now() AT TIME ZONE 'UTC') - interval '${days} days', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') THEN
             RAISE EXCEPTION 'audit_log entries are kept ${days} days';
           END IF;
           RETURN OLD;
         END $$`,
      )
      .execute(db);
    await sql`CREATE TRIGGER audit_log_guard BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_guard()`.execute(
      db,
    );
    await sql`CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_log_guard()`.execute(
      db,
    );
  }

  if (engine === 'postgres') await createRateCounters(db);
}

/**
 * The counters table. On SQLite it lives in its own file (counters.db, see connect.ts) and is
 * created there when that file is opened.
 */
export async function createRateCounters(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('rate_counters')
    .ifNotExists()
    .addColumn('bucket', 'text', (c) => c.notNull())
    .addColumn('client', 'text', (c) => c.notNull())
    .addColumn('window_start', 'bigint', (c) => c.notNull())
    .addColumn('hits', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('rate_counters_pk', ['bucket', 'client', 'window_start'])
    .execute();
}

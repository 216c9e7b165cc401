/**
 * 4: staff accounts.
 *
 * The authentication library's tables (staff_user, staff_session, staff_account,
 * staff_verification, staff_two_factor) exactly as its own generator writes them for our
 * settings (src/server/auth/instance.ts), so its schema check and `getMigrations` find
 * nothing to do (tests/unit/staff-schema.test.ts). Its times are the engine's own type
 * (SQLite `date` holding ISO text, PostgreSQL timestamptz) and its SQLite tables are not
 * STRICT, because the library reads and writes them with those types.
 *
 * Then ours, like the rest of the schema (ISO text times, STRICT on SQLite):
 * - staff_grant: what each person may do where: a role and its scope (a region code for
 *   commission staff, a registry id for an institution's managers and staff). Several per person.
 * - staff_invitation: one-time links to join (an invitation) or to choose a new password (a
 *   reset); only a hash of the link's token is kept.
 */
import { sql, type ColumnDefinitionBuilder, type Kysely } from 'kysely';
import type { Engine } from '../connect.ts';
import { strict, withId } from './columns.ts';

export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  const pg = engine === 'postgres';
  const date = pg ? 'timestamptz' : 'date';
  const bool = pg ? 'boolean' : 'integer';
  /** created_at and the like: PostgreSQL fills them if an insert leaves them out. */
  const stamped = (c: ColumnDefinitionBuilder) => (pg ? c.defaultTo(sql`CURRENT_TIMESTAMP`).notNull() : c.notNull());
  const user = (c: ColumnDefinitionBuilder) => c.notNull().references('staff_user.id').onDelete('cascade');

  await db.schema
    .createTable('staff_user')
    .addColumn('id', 'text', (c) => c.notNull().primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('email_verified', bool, (c) => c.notNull())
    .addColumn('image', 'text')
    .addColumn('created_at', date, stamped)
    .addColumn('updated_at', date, stamped)
    .addColumn('username', 'text', (c) => c.unique())
    .addColumn('display_username', 'text')
    .addColumn('two_factor_enabled', bool)
    .addColumn('mobile', 'text', (c) => c.unique())
    .execute();

  await db.schema
    .createTable('staff_session')
    .addColumn('id', 'text', (c) => c.notNull().primaryKey())
    .addColumn('expires_at', date, (c) => c.notNull())
    .addColumn('token', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', date, stamped)
    .addColumn('updated_at', date, (c) => c.notNull())
    .addColumn('ip_address', 'text')
    .addColumn('user_agent', 'text')
    .addColumn('user_id', 'text', user)
    .execute();

  await db.schema
    .createTable('staff_account')
    .addColumn('id', 'text', (c) => c.notNull().primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('provider_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', user)
    .addColumn('access_token', 'text')
    .addColumn('refresh_token', 'text')
    .addColumn('id_token', 'text')
    .addColumn('access_token_expires_at', date)
    .addColumn('refresh_token_expires_at', date)
    .addColumn('scope', 'text')
    .addColumn('password', 'text')
    .addColumn('created_at', date, stamped)
    .addColumn('updated_at', date, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('staff_verification')
    .addColumn('id', 'text', (c) => c.notNull().primaryKey())
    .addColumn('identifier', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('expires_at', date, (c) => c.notNull())
    .addColumn('created_at', date, stamped)
    .addColumn('updated_at', date, stamped)
    .execute();

  await db.schema
    .createTable('staff_two_factor')
    .addColumn('id', 'text', (c) => c.notNull().primaryKey())
    .addColumn('secret', 'text', (c) => c.notNull())
    .addColumn('backup_codes', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', user)
    .addColumn('verified', bool)
    .addColumn('failed_verification_count', 'integer')
    .addColumn('locked_until', date)
    .execute();

  await db.schema.createIndex('staff_session_user_id_idx').on('staff_session').column('user_id').execute();
  await db.schema.createIndex('staff_account_user_id_idx').on('staff_account').column('user_id').execute();
  await db.schema.createIndex('staff_verification_identifier_idx').on('staff_verification').column('identifier').execute();
  await db.schema.createIndex('staff_two_factor_secret_idx').on('staff_two_factor').column('secret').execute();
  await db.schema.createIndex('staff_two_factor_user_id_idx').on('staff_two_factor').column('user_id').execute();
  // Ours: expired sessions are swept by their expiry.
  await db.schema.createIndex('staff_session_expires').on('staff_session').column('expires_at').execute();

  await strict(
    engine,
    withId(engine, db.schema.createTable('staff_grant'))
      .addColumn('user_id', 'text', user)
      .addColumn('role', 'text', (c) => c.notNull().check(sql`role IN ('commission', 'manager', 'staff')`))
      .addColumn('scope', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addUniqueConstraint('staff_grant_once', ['user_id', 'role', 'scope']),
  ).execute();
  await db.schema.createIndex('staff_grant_scope').on('staff_grant').columns(['scope', 'role']).execute();

  await strict(
    engine,
    withId(engine, db.schema.createTable('staff_invitation'))
      .addColumn('token_hash', 'text', (c) => c.notNull().unique())
      .addColumn('purpose', 'text', (c) => c.notNull().check(sql`purpose IN ('invite', 'reset')`))
      .addColumn('role', 'text')
      .addColumn('scope', 'text')
      .addColumn('user_id', 'text', (c) => c.references('staff_user.id').onDelete('cascade'))
      .addColumn('clear_two_factor', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addColumn('used_at', 'text')
      .addColumn('revoked_at', 'text'),
  ).execute();
  await db.schema.createIndex('staff_invitation_scope').on('staff_invitation').columns(['scope', 'created_at']).execute();
}

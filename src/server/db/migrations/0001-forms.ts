/** 1: the three kinds of submission, with their consent record, and the staff action log (the first release's schema). */
import { sql, type Kysely } from 'kysely';
import type { Engine } from '../connect.ts';
import { strict, withId } from './columns.ts';

export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  const table = (name: string) => withId(engine, db.schema.createTable(name));
  await strict(
    engine,
    table('volunteers')
      .addColumn('ref', 'text', (c) => c.notNull().unique())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull().defaultTo('新登记'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('phone', 'text', (c) => c.notNull())
      .addColumn('email', 'text')
      .addColumn('county', 'text', (c) => c.notNull())
      .addColumn('age_group', 'text', (c) => c.notNull())
      .addColumn('guardian_name', 'text')
      .addColumn('guardian_phone', 'text')
      .addColumn('guardian_consent', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('availability', 'text', (c) => c.notNull())
      .addColumn('roles', 'text', (c) => c.notNull())
      .addColumn('institution', 'text')
      .addColumn('experience', 'text')
      .addColumn('consent_version', 'text', (c) => c.notNull())
      .addColumn('consent_at', 'text', (c) => c.notNull()),
  ).execute();
  await db.schema.createIndex('volunteers_created').on('volunteers').column('created_at').execute();
  await db.schema.createIndex('volunteers_phone').on('volunteers').column('phone').execute();

  await strict(
    engine,
    table('enrollments')
      .addColumn('ref', 'text', (c) => c.notNull().unique())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('promoted_at', 'text')
      .addColumn('course', 'text', (c) => c.notNull())
      .addColumn('session', 'text', (c) => c.notNull())
      .addColumn('session_date', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('phone', 'text', (c) => c.notNull())
      .addColumn('people', 'integer', (c) => c.notNull().check(sql`people BETWEEN 1 AND 20`))
      .addColumn('consent_version', 'text', (c) => c.notNull())
      .addColumn('consent_at', 'text', (c) => c.notNull()),
  ).execute();
  await db.schema.createIndex('enrollments_session').on('enrollments').columns(['course', 'session', 'status']).execute();
  await db.schema.createIndex('enrollments_created').on('enrollments').column('created_at').execute();

  await strict(
    engine,
    table('reports')
      .addColumn('ref', 'text', (c) => c.notNull().unique())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull().defaultTo('待处理'))
      .addColumn('institution', 'text')
      .addColumn('page', 'text')
      .addColumn('problem', 'text', (c) => c.notNull())
      .addColumn('contact', 'text')
      .addColumn('consent_version', 'text')
      .addColumn('consent_at', 'text'),
  ).execute();
  await db.schema.createIndex('reports_created').on('reports').column('created_at').execute();

  await strict(
    engine,
    table('admin_log')
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('ref', 'text')
      .addColumn('detail', 'text'),
  ).execute();
}

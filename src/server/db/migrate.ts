/**
 * Brings the schema up to date with Kysely's Migrator: the migrations in migrations/, in
 * order, written once for both engines. The Migrator keeps what it applied in
 * `kysely_migration` and locks, so several nodes starting together migrate once.
 *
 * A SQLite database made by the release before this data layer counted its migrations in
 * `PRAGMA user_version`; those are recorded as applied before the Migrator runs, so such
 * a database upgrades in place with nothing lost.
 */
import { sql, type Kysely } from 'kysely';
import { Migrator, type Migration, type MigrationResultSet } from 'kysely/migration';
import type { Db, Engine } from './connect.ts';
import * as forms from './migrations/0001-forms.ts';
import * as review from './migrations/0002-review.ts';
import * as audit from './migrations/0003-audit-and-counters.ts';
import * as staff from './migrations/0004-staff-accounts.ts';
import * as availability from './migrations/0005-availability.ts';
import * as listings from './migrations/0006-listings.ts';
import * as consultations from './migrations/0007-consultations.ts';
import * as referrals from './migrations/0008-referrals.ts';
import * as eventChanges from './migrations/0009-event-changes.ts';

type Up = (db: Kysely<unknown>, engine: Engine) => Promise<void>;

/** Every migration, in order. Never edit one that has shipped: add the next. */
export const MIGRATIONS: readonly (readonly [name: string, up: Up])[] = [
  ['0001-forms', forms.up],
  ['0002-review', review.up],
  ['0003-audit-and-counters', audit.up],
  ['0004-staff-accounts', staff.up],
  ['0005-availability', availability.up],
  ['0006-listings', listings.up],
  ['0007-consultations', consultations.up],
  ['0008-referrals', referrals.up],
  ['0009-event-changes', eventChanges.up],
];

/** The names of the migrations the legacy `PRAGMA user_version` counted (1: forms, 2: review). */
const LEGACY_VERSIONS = ['0001-forms', '0002-review'] as const;

function migrator(db: Kysely<unknown>, engine: Engine): Migrator {
  const migrations: Record<string, Migration> = Object.fromEntries(
    MIGRATIONS.map(([name, up]) => [name, { up: (k: Kysely<unknown>) => up(k, engine) }]),
  );
  return new Migrator({ db, provider: { getMigrations: () => Promise.resolve(migrations) } });
}

/** Records the legacy user_version migrations as applied (SQLite databases from the first release). */
async function adoptLegacyVersion(db: Kysely<unknown>): Promise<void> {
  const { rows } = await sql<{ user_version: number }>`PRAGMA user_version`.execute(db);
  const version = Number(rows[0]?.user_version ?? 0);
  if (version === 0) return;
  if (version > LEGACY_VERSIONS.length) throw new Error(`数据库结构版本 ${version} 无法识别：请用较新的程序版本打开`);
  const at = new Date().toISOString();
  await db.transaction().execute(async (trx) => {
    // The Migrator's own table, as it would create it (kysely/dist/migration/migrator.js).
    await trx.schema
      .createTable('kysely_migration')
      .ifNotExists()
      .addColumn('name', 'varchar(255)', (c) => c.notNull().primaryKey())
      .addColumn('timestamp', 'varchar(255)', (c) => c.notNull())
      .execute();
    const applied = new Set((await sql<{ name: string }>`SELECT name FROM kysely_migration`.execute(trx)).rows.map((r) => r.name));
    for (const name of LEGACY_VERSIONS.slice(0, version))
      if (!applied.has(name)) await sql`INSERT INTO kysely_migration (name, timestamp) VALUES (${name}, ${at})`.execute(trx);
    await sql`PRAGMA user_version = 0`.execute(trx);
  });
}

/** A database migrated by a newer release than this one: stop before touching it. */
async function refuseNewerSchema(db: Kysely<unknown>): Promise<void> {
  let applied: string[];
  try {
    applied = (await sql<{ name: string }>`SELECT name FROM kysely_migration`.execute(db)).rows.map((r) => r.name);
  } catch {
    return; // a new database: nothing applied yet
  }
  const known = new Set(MIGRATIONS.map(([name]) => name));
  const unknown = applied.filter((name) => !known.has(name));
  if (unknown.length > 0) throw new Error(`数据库已由较新的程序版本升级（迁移 ${unknown.join('、')}）：请用较新的程序版本打开`);
}

function check(result: MigrationResultSet): void {
  if (result.error === undefined) return;
  const failed = result.results?.find((r) => r.status === 'Error')?.migrationName ?? '（未知）';
  const reason = result.error instanceof Error ? result.error.message : JSON.stringify(result.error);
  throw new Error(`数据库升级失败（迁移 ${failed}）：${reason}`);
}

/** Applies every migration not yet applied. Returns the names applied now. */
export async function migrateToLatest(db: Db): Promise<string[]> {
  const kysely = db.kysely as unknown as Kysely<unknown>;
  const migrations = migrator(kysely, db.engine);
  if (db.engine === 'sqlite') {
    await adoptLegacyVersion(kysely);
    await audit.createRateCounters(db.counters as unknown as Kysely<unknown>);
  }
  await refuseNewerSchema(kysely);
  const result = await migrations.migrateToLatest();
  check(result);
  return (result.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

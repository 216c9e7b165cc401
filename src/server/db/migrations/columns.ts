/** The few places where a table is written differently on SQLite and PostgreSQL. */
import { sql, type CreateTableBuilder } from 'kysely';
import type { Engine } from '../connect.ts';

/**
 * An integer key the database numbers itself: SQLite's rowid alias, PostgreSQL's identity
 * column (int4: two billion rows per table is far beyond what a site keeps).
 */
export function withId<T extends string>(engine: Engine, table: CreateTableBuilder<T, never>): CreateTableBuilder<T, 'id'> {
  return table.addColumn('id', 'integer', (c) => (engine === 'postgres' ? c.generatedByDefaultAsIdentity().primaryKey() : c.primaryKey()));
}

/** SQLite tables are STRICT, so a value of the wrong type is refused rather than coerced (PostgreSQL always is). */
export function strict<T extends string, C extends string>(engine: Engine, table: CreateTableBuilder<T, C>): CreateTableBuilder<T, C> {
  return engine === 'sqlite' ? table.modifyEnd(sql`strict`) : table;
}

/** SQLite's REAL, PostgreSQL's double precision. */
export const realType = (engine: Engine) => (engine === 'postgres' ? 'double precision' : 'real');

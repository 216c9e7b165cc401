/**
 * 2: submissions sent faster than MIN_FILL_MS are kept for staff review instead of being
 * dropped behind a pretended success (a fast person is a person: autofill, a pasted code).
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const table of ['volunteers', 'enrollments', 'reports']) await db.schema.alterTable(table).addColumn('review', 'text').execute();
}

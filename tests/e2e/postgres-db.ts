/**
 * A fresh database on the run's PostgreSQL (E2E_DATABASE_URL, from postgres-setup.ts) for a
 * spec whose servers run on PostgreSQL; `drop` removes it.
 */
import { createDatabase, dropDatabase, uniqueDatabaseName } from '../../scripts/lib/postgres.ts';

export async function freshPostgresDatabase(prefix: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const admin = process.env['E2E_DATABASE_URL'];
  if (admin === undefined || admin === '') throw new Error('E2E_DATABASE_URL is not set: tests/e2e/postgres-setup.ts must run first');
  const name = uniqueDatabaseName(prefix);
  const url = await createDatabase(admin, name);
  return { url, drop: () => dropDatabase(admin, name) };
}

/**
 * Playwright's first global setup: the PostgreSQL the end-to-end specs may start servers
 * on. TEST_DATABASE_URL when set, otherwise a throwaway cluster (scripts/lib/postgres.ts)
 * for the run. Its administrator URL goes to the specs as E2E_DATABASE_URL (environment set
 * here reaches the workers, which start after global setup); a spec makes its own database
 * with createDatabase(process.env.E2E_DATABASE_URL, uniqueDatabaseName('e2e')) and drops it.
 * The shared server (shared-server.ts) stays on SQLite.
 */
import { startThrowawayPostgres } from '../../scripts/lib/postgres.ts';

export default async function startPostgres(): Promise<() => Promise<void>> {
  const given = process.env.TEST_DATABASE_URL?.trim();
  if (given !== undefined && given !== '') {
    process.env.E2E_DATABASE_URL = given;
    return () => Promise.resolve();
  }
  const server = await startThrowawayPostgres();
  process.env.E2E_DATABASE_URL = server.url;
  return () => server.stop();
}

/**
 * Playwright's global setup (after postgres-setup.ts): the servers every spec shares, the
 * built site on the ports playwright.config.ts chose. E2E_PORT: on SQLite, with the run's
 * throwaway data folder (E2E_DATA_DIR), for the `sqlite` project; E2E_PG_PORT: on a fresh
 * database of the run's PostgreSQL (E2E_PG_DATABASE_URL, with its own E2E_PG_DATA_DIR), for
 * the `postgres` project. Started by scripts/lib/built-server.ts, as the form tests' own
 * servers and the benchmarks' are; the function it returns stops both when the run ends.
 */
import { TEST_DATA_KEY } from './data-key.ts';
import { startBuiltServer } from '../../scripts/lib/built-server.ts';
import { freshPostgresDatabase } from './postgres-db.ts';

const SETTINGS = { RATE_LIMIT_PER_MINUTE: '1000', MIN_FILL_MS: '0', DATA_KEY: TEST_DATA_KEY };

export default async function startSharedServers(): Promise<() => Promise<void>> {
  const sqlite = await startBuiltServer({
    host: 'localhost',
    port: Number(process.env.E2E_PORT),
    ...(process.env.E2E_DATA_DIR === undefined ? {} : { dataDir: process.env.E2E_DATA_DIR }),
    // The folder belongs to the run (or to whoever set E2E_DATA_DIR), as it did before.
    keepDataDir: true,
    timeoutMs: 60_000,
    env: SETTINGS,
  });
  const database = await freshPostgresDatabase('e2e_shared');
  const postgres = await startBuiltServer({
    host: 'localhost',
    port: Number(process.env.E2E_PG_PORT),
    timeoutMs: 60_000,
    env: { ...SETTINGS, DATABASE_URL: database.url },
  });
  // Set here, before the workers start, so they inherit them.
  process.env.E2E_PG_DATABASE_URL = database.url;
  process.env.E2E_PG_DATA_DIR = postgres.dataDir;
  return async () => {
    await sqlite.stop();
    await postgres.stop();
    await database.drop();
  };
}

/**
 * Playwright's global setup: the server every spec shares, the built site on the port
 * playwright.config.ts chose (E2E_PORT) with the run's throwaway database (E2E_DATA_DIR).
 * Started by scripts/lib/built-server.ts, as the form tests' own servers and the benchmarks'
 * are; the function it returns stops it when the run ends.
 */
import { startBuiltServer } from '../../scripts/lib/built-server.ts';

export default async function startSharedServer(): Promise<() => Promise<void>> {
  const server = await startBuiltServer({
    host: 'localhost',
    port: Number(process.env.E2E_PORT),
    ...(process.env.E2E_DATA_DIR === undefined ? {} : { dataDir: process.env.E2E_DATA_DIR }),
    // The folder belongs to the run (or to whoever set E2E_DATA_DIR), as it did before.
    keepDataDir: true,
    timeoutMs: 60_000,
    env: { RATE_LIMIT_PER_MINUTE: '1000', MIN_FILL_MS: '0' },
  });
  return () => server.stop();
}

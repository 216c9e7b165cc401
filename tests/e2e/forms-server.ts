/**
 * Extra server processes for the form API tests that need their own settings or must be
 * killed: the built site on a free port (scripts/lib/built-server.ts, shared with the
 * benchmarks), with a fresh (or given) DATA_DIR and the test settings below.
 */
import { TEST_DATA_KEY } from './data-key.ts';
import { startBuiltServer, type BuiltServer } from '../../scripts/lib/built-server.ts';
import { currentEngine } from './engine.ts';
import { freshPostgresDatabase } from './postgres-db.ts';

/** A test server, and on PostgreSQL the database it uses. */
export type TestServer = BuiltServer & { readonly databaseUrl?: string | undefined };

/** The PostgreSQL database of each test server's data folder, so a restarted server (same folder) finds it again. */
const databases = new Map<string, { url: string; drop: () => Promise<void> }>();

/**
 * Settings of every test server: limits off; `env` overrides them. In the `postgres`
 * project (engine.ts) the server gets a fresh PostgreSQL database, kept for a server
 * restarted on the same `dataDir` and dropped when the server stops (not after SIGKILL:
 * a crashed server's data is meant to be found again).
 */
export async function startTestServer(env: Record<string, string> = {}, dataDir?: string): Promise<TestServer> {
  const onPostgres = currentEngine() === 'postgres' && env['DATABASE_URL'] === undefined;
  const database = onPostgres
    ? ((dataDir === undefined ? undefined : databases.get(dataDir)) ?? (await freshPostgresDatabase('e2e')))
    : undefined;
  const server = await startBuiltServer({
    env: {
      MIN_FILL_MS: '0',
      RATE_LIMIT_PER_MINUTE: '100000',
      DATA_KEY: TEST_DATA_KEY,
      ...env,
      ...(database === undefined ? {} : { DATABASE_URL: database.url }),
    },
    ...(dataDir === undefined ? {} : { dataDir }),
  });
  if (database === undefined) return server;
  databases.set(server.dataDir, database);
  return {
    ...server,
    databaseUrl: database.url,
    async stop(signal?: NodeJS.Signals) {
      await server.stop(signal);
      if (signal === 'SIGKILL') return;
      databases.delete(server.dataDir);
      await database.drop();
    },
  };
}

/** What the server prints from now on (stdout and stderr together), read through the returned function. */
export function serverOutput(server: TestServer): () => string {
  let out = '';
  const add = (d: Buffer) => (out += d.toString());
  server.process.stderr?.on('data', add);
  server.process.stdout?.on('data', add);
  return () => out;
}

/** A valid volunteer sign-up (JSON), with a phone number made from `n`. */
export function volunteerJson(n: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: `测试志愿者${n}`,
    phone: `137${String(n).padStart(8, '0')}`,
    county: '330106',
    ageGroup: '18+',
    availability: ['weekend'],
    roles: ['companion'],
    consent: true,
    ...extra,
  };
}

/**
 * Extra server processes for the form API tests that need their own settings or must be
 * killed: the built site on a free port (scripts/lib/built-server.ts, shared with the
 * benchmarks), with a fresh (or given) DATA_DIR and the test settings below.
 */
import { startBuiltServer, type BuiltServer } from '../../scripts/lib/built-server.ts';

export type TestServer = BuiltServer;

/** Settings of every test server: limits off; `env` overrides them. */
export function startTestServer(env: Record<string, string> = {}, dataDir?: string): Promise<TestServer> {
  return startBuiltServer({
    env: { MIN_FILL_MS: '0', RATE_LIMIT_PER_MINUTE: '100000', ...env },
    ...(dataDir === undefined ? {} : { dataDir }),
  });
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

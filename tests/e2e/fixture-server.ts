/**
 * For a spec file that runs on the second build (scripts/lib/fixture-build.ts): builds it
 * when needed before the file's tests and starts this worker's own server on it, stopped
 * after them. Returns the absolute URL of a path on that server; its `server()` is the
 * server itself (for reading its database: stored.ts).
 */
import { test } from '@playwright/test';
import { ensureFixtureBuild, FIXTURE_SERVER_ENV } from '../../scripts/lib/fixture-build.ts';
import { startTestServer, type TestServer } from './forms-server.ts';

export function useFixtureServer(): ((path?: string) => string) & { server(): TestServer } {
  let server: TestServer | undefined;
  test.beforeAll(async () => {
    test.setTimeout(600_000); // the build, when the sources changed (another worker may be building it)
    await ensureFixtureBuild();
    server = await startTestServer(FIXTURE_SERVER_ENV);
  });
  test.afterAll(async () => {
    await server?.stop();
  });
  const url = (path = '') => `${server?.url ?? ''}${path}`;
  return Object.assign(url, {
    server(): TestServer {
      if (server === undefined) throw new Error('the fixture server has not started (use it inside a test)');
      return server;
    },
  });
}

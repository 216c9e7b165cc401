import { defineConfig } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CHROMIUM_ARGS, findChromium } from './scripts/find-chromium.ts';
import { freePortSync } from './scripts/lib/built-server.ts';

// A port free on this machine, chosen once: workers load this file again and inherit it.
// E2E_PORT still picks one by hand.
process.env.E2E_PORT ??= String(freePortSync('localhost'));
const PORT = Number(process.env.E2E_PORT);
// The shared server on PostgreSQL, for the `postgres` project.
while (process.env.E2E_PG_PORT === undefined || process.env.E2E_PG_PORT === process.env.E2E_PORT)
  process.env.E2E_PG_PORT = String(freePortSync('localhost'));
const PG_PORT = Number(process.env.E2E_PG_PORT);
/** The specs of storage and the API, run on both engines (see tests/e2e/engine.ts). */
const BOTH_ENGINES = /(forms-api|forms-api-hardening|staff-[\w-]+|two-nodes)\.spec\.ts$/;
/** A throwaway database for each run, so tests never touch real submissions. */
const dataDir = process.env.E2E_DATA_DIR ?? mkdtempSync(path.join(tmpdir(), 'anning-e2e-'));
process.env.E2E_DATA_DIR = dataDir;
const executablePath = findChromium();

export default defineConfig({
  testDir: 'tests/e2e',
  forbidOnly: true,
  fullyParallel: true,
  workers: 2,
  retries: 0,
  timeout: 60_000,
  reporter: [['list']],
  use: {
    baseURL: `http://localhost:${PORT}`,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    launchOptions: {
      ...(executablePath ? { executablePath } : {}),
      args: [...CHROMIUM_ARGS],
    },
  },
  // First a PostgreSQL for the specs that need one (E2E_DATABASE_URL: TEST_DATABASE_URL or a
  // throwaway cluster, tests/e2e/postgres-setup.ts); then the built site on PORT with DATA_DIR
  // (SQLite), started and stopped by scripts/lib/built-server.ts (the same helper as the form
  // tests' own servers and the benchmarks).
  globalSetup: ['./tests/e2e/postgres-setup.ts', './tests/e2e/shared-server.ts'],
  projects: [
    // Everything, on SQLite (the embedded default); the two-node spec is PostgreSQL's alone.
    { name: 'sqlite', testIgnore: /two-nodes\.spec\.ts$/ },
    // The storage, API and console specs again, on PostgreSQL.
    { name: 'postgres', testMatch: BOTH_ENGINES, use: { baseURL: `http://localhost:${PG_PORT}` } },
  ],
});

import { defineConfig } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { findChromium } from './scripts/find-chromium.ts';
import { freePortSync } from './scripts/lib/built-server.ts';

// A port free on this machine, chosen once: workers load this file again and inherit it.
// E2E_PORT still picks one by hand.
process.env.E2E_PORT ??= String(freePortSync('localhost'));
const PORT = Number(process.env.E2E_PORT);
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
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-quic',
        '--no-first-run',
      ],
    },
  },
  webServer: {
    command: 'node scripts/start.ts --no-build',
    url: `http://localhost:${PORT}/`,
    reuseExistingServer: false,
    timeout: 60_000,
    env: {
      PORT: String(PORT),
      HOST: 'localhost',
      DATA_DIR: dataDir,
      ADMIN_TOKEN: 'e2e-admin-token-0123456789abcdef',
      RATE_LIMIT_PER_MINUTE: '1000',
      MIN_FILL_MS: '0',
    },
  },
});

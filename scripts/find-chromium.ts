/**
 * Finds a Chromium for the browser tests: PLAYWRIGHT_CHROMIUM_PATH, then Debian's
 * /usr/bin/chromium, then a browser Playwright installed itself. Where none is found it
 * installs Debian's chromium and CJK fonts when running as root, or stops with one line
 * saying what to install. Prints the path; used by scripts/test.ts and playwright.config.ts.
 */
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { chromium } from '@playwright/test';

const DEBIAN_CHROMIUM = '/usr/bin/chromium';

function playwrightOwn(): string | undefined {
  try {
    const p = chromium.executablePath();
    return p && existsSync(p) ? p : undefined;
  } catch {
    return undefined;
  }
}

export function findChromium(): string | undefined {
  const fromEnv = process.env.PLAYWRIGHT_CHROMIUM_PATH;
  if (fromEnv && existsSync(fromEnv)) return fromEnv;
  if (existsSync(DEBIAN_CHROMIUM)) return DEBIAN_CHROMIUM;
  return playwrightOwn();
}

/** Returns a Chromium path, installing Debian's package when we are root; exits otherwise. */
export function ensureChromium(): string {
  const found = findChromium();
  if (found) return found;
  if (process.getuid?.() === 0) {
    console.log('未找到 Chromium，正在用 apt-get 安装 chromium 和 fonts-noto-cjk…');
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    const update = spawnSync('apt-get', ['update'], { stdio: 'inherit', env });
    const install =
      update.status === 0
        ? spawnSync('apt-get', ['install', '-y', '--no-install-recommends', 'chromium', 'fonts-noto-cjk'], { stdio: 'inherit', env })
        : update;
    if (install.status === 0 && existsSync(DEBIAN_CHROMIUM)) return DEBIAN_CHROMIUM;
  }
  console.error(
    '需要 Chromium 才能运行浏览器测试：请安装 Debian 的 chromium 和 fonts-noto-cjk（apt-get install chromium fonts-noto-cjk），或设置 PLAYWRIGHT_CHROMIUM_PATH。',
  );
  process.exit(1);
}

if (import.meta.main) console.log(ensureChromium());

/** Launch flags for every Chromium the tests and benchmarks start: headless on a shared CI machine, nothing fetched in the background. */
export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];

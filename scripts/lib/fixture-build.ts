/**
 * The second build the end-to-end tests need (forms-enrolment.spec.ts,
 * forms-browser-operator.spec.ts), also served by `npm run bench:forms`: an operator configured (PRIVACY_CONTROLLER_NAME, PRIVACY_CONTACT;
 * samples hidden) and the test courses of tests/fixtures/courses (COURSES_DIR), whose one
 * session that is not a sample takes enrolments (every session in content/courses is a
 * sample, and samples take none), and the test events of tests/fixtures/events (EVENTS_DIR:
 * events that are not samples, so /targets/ has something to count and an event can enrol
 * through the test session); its search is split by province (SETTINGS below). Built into
 * .builds/e2e-fixture, never into dist.
 *
 * Built at most once at a time and only when needed: Playwright's workers (and a benchmark)
 * may ask together, so a lock folder lets one build while the others wait; a build newer
 * than the sources and made with the same settings is used as it is (as `npm start` does).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { BUILD_SOURCES, newestMtime } from './build-sources.ts';

const root = path.resolve(import.meta.dirname, '../..');

/** Build folder, relative to the project (DIST_DIR for the build and its servers). */
export const FIXTURE_DIST_DIR = '.builds/e2e-fixture';

/** The operator of the fixture build (no samples shown, no demonstration notice). */
export const FIXTURE_OPERATOR = {
  PRIVACY_CONTROLLER_NAME: '测试运营单位',
  PRIVACY_CONTACT: '电子邮箱 privacy@example.org.cn',
  SHOW_SAMPLES: '',
} as const;

/** Settings for a server on the fixture build: the same operator (read again at run time) and DIST_DIR. */
export const FIXTURE_SERVER_ENV: Readonly<Record<string, string>> = { ...FIXTURE_OPERATOR, DIST_DIR: FIXTURE_DIST_DIR };

/** The test events (tests/fixtures/events): held, counted on /targets/ under 海淀区, 2026 Q4; and one enrolling through the open session. */
export const FIXTURE_EVENTS = {
  past: '2026-10-10-test-community-talk',
  pastHome: '2026-11-20-test-home-visits',
  enrol: '2099-01-15-test-enrol-class',
} as const;

/** The test course and its sessions (tests/fixtures/courses/enrolment-test-course). */
export const FIXTURE_COURSE = {
  course: 'enrolment-test-course',
  /** Open, in 2099, not a sample, 3 seats. */
  session: '2099-01-test-open',
  seats: 3,
  /** Open, in 2099, a sample: hidden on this build. */
  sampleSession: '2099-02-test-sample',
} as const;

/**
 * SEARCH_SPLIT_ABOVE 0: this build's site search is split by province as a national one's
 * is (lib/search/split.ts), so tests/e2e/search-split.spec.ts checks the split on real pages
 * without building thousands of institutions; the first build keeps the one index the
 * shipped site has. FINDER_SPLIT_ABOVE 0 likewise: the finder asks for a place and loads by
 * province (src/lib/finder/split-setting.ts; tests/e2e/finder-split.spec.ts).
 */
const SETTINGS = {
  ...FIXTURE_OPERATOR,
  COURSES_DIR: 'tests/fixtures/courses',
  EVENTS_DIR: 'tests/fixtures/events',
  SEARCH_SPLIT_ABOVE: '0',
  FINDER_SPLIT_ABOVE: '0',
};
const SOURCES = [...BUILD_SOURCES, 'tests/fixtures/courses', 'tests/fixtures/events', 'scripts/lib/fixture-build.ts'];
const distDir = path.join(root, FIXTURE_DIST_DIR);
const stampFile = path.join(distDir, 'fixture-settings.json');
const lockDir = path.join(root, `${FIXTURE_DIST_DIR}.lock`);

function isFresh(): boolean {
  if (!existsSync(stampFile) || !existsSync(path.join(distDir, 'server/entry.mjs'))) return false;
  if (readFileSync(stampFile, 'utf8') !== JSON.stringify(SETTINGS)) return false;
  return statSync(stampFile).mtimeMs >= newestMtime(SOURCES);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function holderAlive(): boolean {
  try {
    const pid = Number(readFileSync(path.join(lockDir, 'pid'), 'utf8'));
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // No pid file yet (the holder is writing it) counts as alive; a gone process does not.
    return (error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Runs `work` while holding the lock folder; waits for another holder, takes over from a dead one. */
async function withLock<T>(work: () => Promise<T>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  // On a clean clone .builds/ does not exist yet; the lock itself must stay a plain mkdir.
  mkdirSync(path.dirname(lockDir), { recursive: true });
  for (;;) {
    try {
      mkdirSync(lockDir);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if (!holderAlive()) rmSync(lockDir, { recursive: true, force: true });
      else if (Date.now() > deadline)
        throw new Error(`等了 ${Math.round(timeoutMs / 1000)} 秒，另一个进程的测试构建还没有完成（${lockDir}）`, { cause: error });
      else await sleep(1000);
    }
  }
  writeFileSync(path.join(lockDir, 'pid'), String(process.pid));
  try {
    return await work();
  } finally {
    rmSync(lockDir, { recursive: true, force: true });
  }
}

/** Makes sure .builds/e2e-fixture is a current build with the settings above (builds if not). */
export async function ensureFixtureBuild(options: { echo?: boolean } = {}): Promise<void> {
  if (isFresh()) return;
  await withLock(async () => {
    if (isFresh()) return; // built by whoever held the lock before
    rmSync(distDir, { recursive: true, force: true });
    const env = { ...process.env, ...SETTINGS, DIST_DIR: FIXTURE_DIST_DIR, ASTRO_CACHE_DIR: `${FIXTURE_DIST_DIR}-cache` };
    const child = spawn(process.execPath, ['node_modules/astro/bin/astro.mjs', 'build'], {
      cwd: root,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const collect = (d: Buffer) => {
      output += d.toString();
      if (options.echo === true) process.stdout.write(d);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    if (code !== 0) throw new Error(`测试构建（${FIXTURE_DIST_DIR}，有运营单位、测试课程）失败：\n${output.slice(-6000)}`);
    writeFileSync(stampFile, JSON.stringify(SETTINGS));
  }, 600_000);
}

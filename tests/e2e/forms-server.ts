/**
 * Extra server processes for the form API tests that need their own settings or must be
 * killed: `node scripts/start.ts --no-build` on a free port, against the build in DIST_DIR,
 * with a fresh (or given) DATA_DIR.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');

/** The shared test server's admin token (playwright.config.ts). */
export const E2E_ADMIN_TOKEN = 'e2e-admin-token-0123456789abcdef';

export interface TestServer {
  readonly url: string;
  readonly dataDir: string;
  readonly process: ChildProcess;
  /**
   * Sends `signal` and waits for the process to end. The data folder is removed afterwards,
   * except after SIGKILL (a crash), when a restarted server is meant to find it.
   */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export async function startTestServer(env: Record<string, string> = {}, dataDir = mkdtempSync(path.join(tmpdir(), 'anning-forms-'))): Promise<TestServer> {
  const port = await freePort();
  const child = spawn(process.execPath, ['scripts/start.ts', '--no-build'], {
    cwd: root,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, MIN_FILL_MS: '0', RATE_LIMIT_PER_MINUTE: '100000', ADMIN_TOKEN: E2E_ADMIN_TOKEN, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`测试服务器退出了（${child.exitCode}）：${output}`);
    try {
      if ((await fetch(`${url}/`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`测试服务器 30 秒内没有启动：${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    dataDir,
    process: child,
    async stop(signal: NodeJS.Signals = 'SIGTERM') {
      await new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill(signal);
      });
      if (signal !== 'SIGKILL') rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A valid volunteer sign-up (JSON), with a phone number made from `n`. */
export function volunteerJson(n: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { name: `测试志愿者${n}`, phone: `137${String(n).padStart(8, '0')}`, county: '330106', ageGroup: '18+', availability: ['weekend'], roles: ['companion'], consent: true, ...extra };
}

/** Every stored reference code of a kind, through the admin API. */
export async function storedRefs(url: string, kind: 'volunteers' | 'enrollments' | 'reports'): Promise<string[]> {
  const res = await fetch(`${url}/api/admin/${kind}?limit=5000`, { headers: { Authorization: `Bearer ${E2E_ADMIN_TOKEN}` } });
  if (!res.ok) throw new Error(`admin API ${res.status}`);
  const data = (await res.json()) as { items: { ref: string }[] };
  return data.items.map((i) => i.ref);
}

/**
 * The end-to-end tests and benchmarks start the built server on a free port: a run on a
 * machine where the old fixed port (4399) is taken must still find one (issue #13, item 12).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import { freePort, freePortSync, startBuiltServer } from '../../scripts/lib/built-server.ts';

const root = path.resolve(import.meta.dirname, '../..');

/** Listens on `port` (localhost), or resolves anyway when something else already holds it. */
function hold(port: number): Promise<net.Server | undefined> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(undefined));
    server.listen(port, 'localhost', () => resolve(server));
  });
}

const canListen = (port: number) => hold(port).then((s) => (s === undefined ? false : new Promise<boolean>((r) => s.close(() => r(true)))));

describe('a free port for the test and benchmark server', () => {
  let busy: net.Server | undefined;
  const dataDir = mkdtempSync(path.join(tmpdir(), 'port-test-'));
  beforeAll(async () => {
    busy = await hold(4399);
  });
  afterAll(async () => {
    await new Promise((r) => (busy === undefined ? r(undefined) : busy.close(r)));
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('the helpers find ports nothing is listening on', async () => {
    expect(await canListen(await freePort())).toBe(true);
    expect(await canListen(freePortSync('localhost'))).toBe(true);
  });

  it('playwright.config.ts picks a free port when 4399 is taken, and keeps E2E_PORT when given', () => {
    const read = (env: Record<string, string>) => {
      const script = "import('./playwright.config.ts').then((c) => process.stdout.write(String(c.default.use.baseURL)))";
      const { E2E_PORT: _ignored, ...rest } = process.env;
      const out = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
        cwd: root,
        encoding: 'utf8',
        env: { ...rest, E2E_DATA_DIR: dataDir, ...env },
      });
      expect(out.status, out.stderr).toBe(0);
      return new URL(out.stdout).port;
    };
    const chosen = Number(read({}));
    expect(chosen).not.toBe(4399);
    expect(chosen).toBeGreaterThan(0);
    expect(read({ E2E_PORT: '4555' })).toBe('4555');
  });

  it('the shared test server refuses a chosen port where something else already answers', async () => {
    const other = http.createServer((_req, res) => res.end('someone else'));
    await new Promise<void>((r) => other.listen(0, '127.0.0.1', r));
    const address = other.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    try {
      await expect(startBuiltServer({ port, dataDir, keepDataDir: true })).rejects.toThrow('已经有别的服务在用');
    } finally {
      await new Promise((r) => other.close(r));
    }
  });
});

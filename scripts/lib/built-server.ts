/**
 * The built site served for end-to-end tests and benchmarks: `node scripts/start.ts` on a
 * free port of this machine, with a throwaway DATA_DIR. One helper for both, so no test or
 * benchmark depends on a fixed port that something else may hold.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');

/** A TCP port free on `host` right now (the system picks it). */
export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, host, () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/**
 * The same, synchronously, for configuration files that cannot wait (playwright.config.ts):
 * a short child process asks the system for a port and prints it.
 */
export function freePortSync(host = '127.0.0.1'): number {
  const script = `const s=require('node:net').createServer();s.listen(0,${JSON.stringify(host)},()=>{process.stdout.write(String(s.address().port));s.close()})`;
  const out = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 10_000 });
  const port = Number(out.stdout);
  if (out.status !== 0 || !Number.isInteger(port) || port <= 0) throw new Error(`没有找到空闲端口：${out.stderr}`);
  return port;
}

export interface BuiltServer {
  /** http://host:port, no trailing slash. */
  readonly url: string;
  readonly port: number;
  readonly dataDir: string;
  readonly process: ChildProcess;
  /**
   * Sends `signal` and waits for the process to end. The data folder is removed afterwards,
   * except after SIGKILL (a crash), when a restarted server is meant to find it.
   */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export interface BuiltServerOptions {
  /** Settings for the server (PORT, HOST, DATA_DIR and DIST_DIR are set from the options). */
  readonly env?: Readonly<Record<string, string>>;
  /** Data folder; default a fresh temporary one. */
  readonly dataDir?: string;
  /** Build folder; default DIST_DIR or dist. */
  readonly distDir?: string;
  /** Default 127.0.0.1. */
  readonly host?: string;
  /**
   * A port chosen beforehand (playwright.config.ts picks one so the tests know their address
   * when they load): used as it is, and an error when something already answers there.
   * Default: a free port, chosen again if it is taken before the server listens.
   */
  readonly port?: number;
  /** Keep the data folder when the server stops (a folder the caller owns); default false. */
  readonly keepDataDir?: boolean;
  /** Build first when the build is missing or stale (npm start); default false (--no-build). */
  readonly build?: boolean;
  /** How long to wait for the first page; default 30 s (a build takes longer). */
  readonly timeoutMs?: number;
  /** Show the server's output here instead of keeping it for error messages. */
  readonly inheritOutput?: boolean;
}

/** Starts the server on a free port and waits until it serves the home page. */
export async function startBuiltServer(options: BuiltServerOptions = {}): Promise<BuiltServer> {
  const dataDir = options.dataDir ?? mkdtempSync(path.join(tmpdir(), 'anning-server-'));
  // A port can be taken between the probe and the server's listen: then try another.
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce(options, dataDir);
    } catch (error) {
      if (!(error instanceof PortTaken) || options.port !== undefined || attempt >= 3) throw error;
    }
  }
}

class PortTaken extends Error {}

/** Whether anything serves HTTP at `url` now. */
async function answers(url: string): Promise<boolean> {
  try {
    await fetch(`${url}/`);
    return true;
  } catch {
    return false;
  }
}

async function startOnce(options: BuiltServerOptions, dataDir: string): Promise<BuiltServer> {
  const host = options.host ?? '127.0.0.1';
  const port = options.port ?? (await freePort(host));
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  // Something else answering on a given port would pass the readiness check below.
  if (options.port !== undefined && (await answers(url))) throw new PortTaken(`${url} 已经有别的服务在用`);
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    ...options.env,
    PORT: String(port),
    HOST: host,
    DATA_DIR: dataDir,
  };
  if (options.distDir !== undefined) env['DIST_DIR'] = options.distDir;
  // Output is always read (and passed on when asked): the readiness check below needs it.
  const child = spawn(process.execPath, ['scripts/start.ts', ...(options.build === true ? [] : ['--no-build'])], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (options.inheritOutput === true) {
    child.stdout.pipe(process.stdout);
    child.stderr.pipe(process.stderr);
  }
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  // scripts/start.ts says this once its own server listens. Without it, a server of another
  // test process that took the probed port first would pass for ours (it did, once the
  // start-up grew a database connection before the listen).
  const listening = `已启动：${url}/`;
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  for (;;) {
    if (child.exitCode !== null) {
      if (output.includes('EADDRINUSE')) throw new PortTaken(output);
      throw new Error(`服务器退出了（${child.exitCode}）：${output.slice(0, 4000)}`);
    }
    try {
      if (output.includes(listening) && (await fetch(`${url}/`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGTERM');
      throw new Error(`服务器 ${Math.round((options.timeoutMs ?? 30_000) / 1000)} 秒内没有启动：${output.slice(0, 4000)}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    port,
    dataDir,
    process: child,
    async stop(signal: NodeJS.Signals = 'SIGTERM') {
      await new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill(signal);
      });
      if (signal !== 'SIGKILL' && options.keepDataDir !== true) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

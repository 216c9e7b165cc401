/**
 * A real PostgreSQL for tests and benchmarks: Debian's server binaries, a cluster in a
 * temporary folder on a free port, removed afterwards. Where the binaries are missing it
 * installs Debian's `postgresql` when running as root (as find-chromium.ts does for
 * Chromium), or stops with one line saying what to install.
 *
 * The server refuses to run as root, so as root initdb and pg_ctl run as the `postgres`
 * user (runuser) in a folder that user owns; as anyone else they run as that user.
 *
 * Also the small helpers every test that needs its own database uses: createDatabase,
 * dropDatabase, databaseUrl, uniqueDatabaseName; and findPgTool for pg_dump/pg_restore.
 */
import { execFile, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { freePort } from './built-server.ts';

const run = promisify(execFile);
const DEBIAN_ROOT = '/usr/lib/postgresql';
const isRoot = () => process.getuid?.() === 0;

/** Debian's version folders (/usr/lib/postgresql/15/bin, …), highest version first. */
function debianBinDirs(): string[] {
  if (!existsSync(DEBIAN_ROOT)) return [];
  return readdirSync(DEBIAN_ROOT)
    .filter((v) => /^\d+$/.test(v))
    .sort((a, b) => Number(b) - Number(a))
    .map((v) => path.join(DEBIAN_ROOT, v, 'bin'));
}

/** The folder holding initdb and pg_ctl of the highest installed server version, if any. */
export function findPostgresServer(): string | undefined {
  return debianBinDirs().find((dir) => existsSync(path.join(dir, 'initdb')) && existsSync(path.join(dir, 'pg_ctl')));
}

/**
 * A client tool (pg_dump, pg_restore, psql): the highest Debian version first (pg_dump must be
 * at least the server's version), then PATH.
 */
export function findPgTool(name: 'pg_dump' | 'pg_restore' | 'psql'): string | undefined {
  for (const dir of debianBinDirs()) if (existsSync(path.join(dir, name))) return path.join(dir, name);
  for (const dir of (process.env.PATH ?? '').split(path.delimiter))
    if (dir !== '' && existsSync(path.join(dir, name))) return path.join(dir, name);
  return undefined;
}

/** The server binaries' folder, installing Debian's postgresql when we are root; exits with one line otherwise. */
export function ensurePostgresServer(): string {
  const found = findPostgresServer();
  if (found !== undefined) return found;
  if (isRoot()) {
    console.log('未找到 PostgreSQL，正在用 apt-get 安装 postgresql…');
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    const update = spawnSync('apt-get', ['update'], { stdio: 'inherit', env });
    const install =
      update.status === 0
        ? spawnSync('apt-get', ['install', '-y', '--no-install-recommends', 'postgresql'], { stdio: 'inherit', env })
        : update;
    const installed = findPostgresServer();
    if (install.status === 0 && installed !== undefined) return installed;
  }
  console.error(
    '需要 PostgreSQL 才能运行数据库测试：请安装 Debian 的 postgresql（apt-get install postgresql），或设置 TEST_DATABASE_URL 指向一个可以建库的 PostgreSQL。',
  );
  process.exit(1);
}

/** uid and gid of the `postgres` user (root only: the cluster folder is handed to it). */
function postgresUser(): { uid: number; gid: number } {
  const id = (flag: string) => Number(spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' }).stdout.trim());
  const uid = id('-u');
  const gid = id('-g');
  if (!Number.isInteger(uid) || uid <= 0 || !Number.isInteger(gid))
    throw new Error('以 root 运行时需要系统用户 postgres 来启动 PostgreSQL（安装 Debian 的 postgresql 会创建它）');
  return { uid, gid };
}

/** A command line as the user the server may run as: `postgres` when we are root, ourselves otherwise. */
function asServerUser(file: string, args: string[]): [string, string[]] {
  return isRoot() ? ['runuser', ['-u', 'postgres', '--', file, ...args]] : [file, args];
}

export interface ThrowawayPostgres {
  /** postgres://postgres@127.0.0.1:PORT/postgres (trust authentication, no password). */
  readonly url: string;
  readonly port: number;
  /** The temporary folder: data/, server.log and the Unix socket. */
  readonly dir: string;
  /** Stops the server (immediate: nothing in it is worth a clean shutdown) and removes the folder. */
  stop(): Promise<void>;
}

export interface ThrowawayOptions {
  /**
   * Keep PostgreSQL's durability settings (fsync, synchronous commit, full-page writes), as a
   * real server has them. Benchmarks must ask for this: their figures mean nothing without it.
   */
  readonly durable?: boolean;
}

/**
 * Server settings for a throwaway TEST cluster only: nothing in it survives the run, so
 * waiting for the disk buys nothing and slows every test. Never for benchmarks or any
 * server holding data ({ durable: true } leaves them out).
 */
const TEST_SPEED = ['-c fsync=off', '-c synchronous_commit=off', '-c full_page_writes=off'];

function logTail(dir: string): string {
  try {
    return readFileSync(path.join(dir, 'server.log'), 'utf8').trim().split('\n').slice(-3).join(' | ');
  } catch {
    return '';
  }
}

/** The reason a command failed, on one line. */
function failure(error: unknown): string {
  const e = error as { stderr?: string; message?: string };
  return (e.stderr ?? '').trim().split('\n').pop() || (e.message ?? String(error));
}

/**
 * Stops a left-behind cluster if this process ends without calling stop(): at exit
 * synchronously, and by a tiny detached shell that notices when this process is gone (a
 * SIGKILL or a crash runs no exit handler). Best effort.
 */
function guard(pgCtl: string, dir: string): { release(): void } {
  const data = path.join(dir, 'data');
  const stopNow = () => {
    const [cmd, args] = asServerUser(pgCtl, ['-D', data, '-m', 'immediate', 'stop']);
    spawnSync(cmd, args, { stdio: 'ignore' });
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', stopNow);
  const script = `while kill -0 "$PARENT" 2>/dev/null; do sleep 1; done; $RUNAS "$PG_CTL" -D "$DATA" -m immediate stop >/dev/null 2>&1; rm -rf "$DIR"`;
  let watchdog: ChildProcess | undefined;
  try {
    watchdog = spawn('sh', ['-c', script], {
      detached: true,
      stdio: 'ignore',
      env: {
        PATH: process.env.PATH ?? '/usr/bin:/bin',
        PARENT: String(process.pid),
        RUNAS: isRoot() ? 'runuser -u postgres --' : '',
        PG_CTL: pgCtl,
        DATA: data,
        DIR: dir,
      },
    });
    watchdog.on('error', () => undefined);
    watchdog.unref();
  } catch {
    // No shell: the exit handler still covers a normal exit.
  }
  return {
    release() {
      process.removeListener('exit', stopNow);
      if (watchdog?.pid !== undefined) {
        try {
          process.kill(watchdog.pid);
        } catch {
          // Already gone.
        }
      }
    },
  };
}

/** Starts a PostgreSQL cluster of its own in a temporary folder on a free port of 127.0.0.1. */
export async function startThrowawayPostgres(options: ThrowawayOptions = {}): Promise<ThrowawayPostgres> {
  const bin = ensurePostgresServer();
  const pgCtl = path.join(bin, 'pg_ctl');
  const owner = isRoot() ? postgresUser() : undefined;
  const dir = mkdtempSync(path.join(tmpdir(), 'anning-pg-'));
  const data = path.join(dir, 'data');
  if (owner !== undefined) chownSync(dir, owner.uid, owner.gid);
  const watch = guard(pgCtl, dir);
  const cleanUp = () => {
    watch.release();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    // --no-sync: the cluster is thrown away, so its creation need not wait for the disk
    // (durability of the running server is the settings below, not this). UTF-8 and the C
    // locale whatever the machine's locale is: Chinese text must store the same everywhere.
    await run(
      ...asServerUser(path.join(bin, 'initdb'), ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--no-locale', '--no-sync']),
    );
  } catch (error) {
    cleanUp();
    throw new Error(`PostgreSQL 测试集群初始化失败（initdb，${dir}）：${failure(error)}`, { cause: error });
  }
  // The port can be taken between the probe and the server's bind: try another then.
  for (let attempt = 1; ; attempt++) {
    const port = await freePort('127.0.0.1');
    const serverOptions = [
      `-p ${port}`,
      `-k '${dir}'`,
      '-c listen_addresses=127.0.0.1',
      ...(options.durable === true ? [] : TEST_SPEED),
    ].join(' ');
    try {
      // -l: the server's output goes to a file; without it the server would hold our pipe open.
      await run(...asServerUser(pgCtl, ['-D', data, '-l', path.join(dir, 'server.log'), '-o', serverOptions, '-w', '-t', '60', 'start']));
    } catch (error) {
      const log = logTail(dir);
      if (attempt < 3 && /could not bind|already in use/i.test(log)) continue;
      await run(...asServerUser(pgCtl, ['-D', data, '-m', 'immediate', 'stop'])).catch(() => undefined);
      cleanUp();
      throw new Error(`PostgreSQL 测试集群启动失败（pg_ctl start，端口 ${port}）：${failure(error)} ${log}`.trim(), { cause: error });
    }
    let stopped: Promise<void> | undefined;
    return {
      url: `postgres://postgres@127.0.0.1:${port}/postgres`,
      port,
      dir,
      stop() {
        stopped ??= run(...asServerUser(pgCtl, ['-D', data, '-m', 'immediate', 'stop']))
          .then(() => undefined)
          .catch(() => undefined)
          .finally(cleanUp);
        return stopped;
      },
    };
  }
}

/** A database name no other test picks: `<prefix>_<random>` (letters, digits, underscore). */
export function uniqueDatabaseName(prefix = 'test'): string {
  return `${prefix}_${randomBytes(6).toString('hex')}`;
}

/** The URL of database `name` on the server of `adminUrl` (same user, password, host and options). */
export function databaseUrl(adminUrl: string, name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

function identifier(name: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`数据库名不合规：${name}（只用小写字母、数字和下划线）`);
  return `"${name}"`;
}

async function asAdmin(adminUrl: string, work: (client: pg.Client) => Promise<unknown>): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    await work(client);
  } finally {
    await client.end();
  }
}

/**
 * Creates a database on the server of `adminUrl`, empty or as a copy of `template` (a file
 * copy: faster than running the migrations again); returns its URL.
 */
export async function createDatabase(adminUrl: string, name: string, template?: string): Promise<string> {
  await asAdmin(adminUrl, (client) =>
    client.query(`CREATE DATABASE ${identifier(name)}${template === undefined ? '' : ` TEMPLATE ${identifier(template)}`}`),
  );
  return databaseUrl(adminUrl, name);
}

/** Drops a database, ending any connection still open to it (PostgreSQL 13+). */
export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  await asAdmin(adminUrl, async (client) => {
    // A pool closed a moment ago may still have connections on their way out (pg's end()
    // does not wait for them): give them up to a second, rather than have DROP … FORCE cut
    // them off mid-goodbye (an error in the closed pool's log) and then wait in 100 ms steps.
    for (let i = 0; i < 100; i++) {
      const { rows } = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1', [name]);
      if ((rows[0]?.n ?? 0) === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await client.query(`DROP DATABASE IF EXISTS ${identifier(name)} WITH (FORCE)`);
  });
}

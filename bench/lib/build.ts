/**
 * One timed production build (astro build + the Pagefind index) into its own DIST_DIR,
 * with a cold Astro cache. Wall time from the parent; CPU time and the largest single
 * process's peak RSS from GNU time (`/usr/bin/time -v`) when present; the peak RSS of the
 * whole process tree (node + the Pagefind binary) by sampling /proc every 200 ms.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';

export const GNU_TIME = '/usr/bin/time';

export interface BuildResult {
  readonly distDir: string;
  readonly ok: boolean;
  readonly wallSeconds: number;
  /** user + system CPU seconds of the build and its children (GNU time), or null. */
  readonly cpuSeconds: number | null;
  /** Largest single process's peak RSS, MB (GNU time), or null. */
  readonly maxRssMB: number | null;
  /** Peak of the summed RSS of the build's process tree, sampled, MB. */
  readonly treePeakRssMB: number;
  /** HTML pages written (Pagefind's folder excluded). */
  readonly pages: number;
  /** Seconds of the Pagefind step as the integration logs it, or null. */
  readonly indexSeconds: number | null;
  /** Pages Pagefind indexed, as logged, or null. */
  readonly indexedPages: number | null;
  /** Where the search index came from: the build's own integration (via the bench config). */
  readonly log: string;
}

/**
 * A config that is the shared astro.config.mjs plus the Pagefind integration when the shared
 * config does not have it yet (so the timed build always includes the search index).
 */
export function writeBenchConfig(root: string): string {
  const file = path.join(root, 'bench/tmp/astro.bench.config.mjs');
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(
    file,
    `// Written by bench/lib/build.ts: the shared config, plus the Pagefind index if it is not wired in yet.
import base from '../../astro.config.mjs';
import pagefindIndex from '../../src/integrations/pagefind.ts';
const has = (base.integrations ?? []).flat().some((i) => i && i.name === 'anning:pagefind');
export default has ? base : { ...base, integrations: [...(base.integrations ?? []), pagefindIndex()] };
`,
  );
  return file;
}

/** True when astro.config.mjs already wires the Pagefind integration (for the notes). */
export function sharedConfigHasPagefind(root: string): boolean {
  const text = readFileSync(path.join(root, 'astro.config.mjs'), 'utf8');
  return /integrations\/pagefind/u.test(text);
}

const PAGE_SIZE = 4096;

/** Parent pid and RSS bytes of every process, from /proc. */
function processTable(): Map<number, { ppid: number; rss: number }> {
  const table = new Map<number, { ppid: number; rss: number }>();
  let names: string[];
  try {
    names = readdirSync('/proc');
  } catch {
    return table;
  }
  for (const name of names) {
    if (!/^\d+$/u.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // Fields after the command name (which may hold spaces) in parentheses.
      const after = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const ppid = Number(after[1]);
      const rssPages = Number(after[21]);
      table.set(Number(name), { ppid, rss: rssPages * PAGE_SIZE });
    } catch {
      // the process ended meanwhile
    }
  }
  return table;
}

/** Summed RSS of `pid` and all its descendants, bytes. */
export function treeRss(pid: number): number {
  const table = processTable();
  const children = new Map<number, number[]>();
  for (const [p, { ppid }] of table) {
    const list = children.get(ppid) ?? [];
    list.push(p);
    children.set(ppid, list);
  }
  let total = 0;
  const stack = [pid];
  while (stack.length > 0) {
    const p = stack.pop() ?? 0;
    total += table.get(p)?.rss ?? 0;
    stack.push(...(children.get(p) ?? []));
  }
  return total;
}

/** Every .html file under dir except Pagefind's folder. */
export function countPages(clientDir: string): number {
  if (!existsSync(clientDir)) return 0;
  return readdirSync(clientDir, { recursive: true, encoding: 'utf8' }).filter(
    (n) => n.endsWith('.html') && !n.startsWith(`pagefind${path.sep}`),
  ).length;
}

/** Total bytes and number of files under a folder. */
export function folderSize(dir: string): { bytes: number; files: number } {
  if (!existsSync(dir)) return { bytes: 0, files: 0 };
  let bytes = 0;
  let files = 0;
  for (const name of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    const st = statSync(path.join(dir, name));
    if (st.isFile()) {
      bytes += st.size;
      files += 1;
    }
  }
  return { bytes, files };
}

export interface BuildOptions {
  readonly root: string;
  readonly distDir: string;
  readonly cacheDir: string;
  readonly configFile: string;
  /** REGISTRY_DIR, or undefined for the shipped registry. */
  readonly registryDir?: string;
  readonly env?: Readonly<Record<string, string>>;
  /** Echo the build's output lines with this prefix. */
  readonly echo?: string;
}

/** Runs the build from scratch (the dist and cache folders are emptied first). */
export async function timedBuild(o: BuildOptions): Promise<BuildResult> {
  rmSync(o.distDir, { recursive: true, force: true });
  rmSync(o.cacheDir, { recursive: true, force: true });
  const astro = path.join(o.root, 'node_modules/astro/bin/astro.mjs');
  const useTime = existsSync(GNU_TIME);
  const args = ['build', '--config', path.relative(o.root, o.configFile)];
  const env: NodeJS.ProcessEnv = { ...process.env, ...o.env, DIST_DIR: o.distDir, ASTRO_CACHE_DIR: o.cacheDir };
  if (o.registryDir !== undefined) env['REGISTRY_DIR'] = o.registryDir;
  else delete env['REGISTRY_DIR'];
  const started = performance.now();
  const child = useTime
    ? spawn(GNU_TIME, ['-v', process.execPath, astro, ...args], { cwd: o.root, env })
    : spawn(process.execPath, [astro, ...args], { cwd: o.root, env });
  let log = '';
  let peak = 0;
  const sample = () => {
    if (child.pid !== undefined) peak = Math.max(peak, treeRss(child.pid));
  };
  const timer = setInterval(sample, 200);
  const onData = (chunk: Buffer) => {
    const text = chunk.toString('utf8');
    log += text;
    if (o.echo !== undefined)
      for (const line of text.split('\n')) if (line.trim() !== '' && !line.startsWith('\t')) process.stdout.write(`${o.echo}${line}\n`);
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const code = await new Promise<number>((resolve) => child.on('close', (c) => resolve(c ?? 1)));
  clearInterval(timer);
  const wallSeconds = (performance.now() - started) / 1000;
  const num = (re: RegExp) => {
    const m = re.exec(log);
    return m?.[1] === undefined ? null : Number(m[1]);
  };
  const user = num(/User time \(seconds\): ([\d.]+)/u);
  const sys = num(/System time \(seconds\): ([\d.]+)/u);
  const maxRssKB = num(/Maximum resident set size \(kbytes\): (\d+)/u);
  return {
    distDir: o.distDir,
    ok: code === 0,
    wallSeconds,
    cpuSeconds: user === null || sys === null ? null : user + sys,
    maxRssMB: maxRssKB === null ? null : maxRssKB / 1024,
    treePeakRssMB: peak / 2 ** 20,
    pages: countPages(path.join(o.distDir, 'client')),
    indexSeconds: num(/索引了 \d+ 个页面[^\n]*?用时 ([\d.]+) 秒/u),
    indexedPages: num(/索引了 (\d+) 个页面/u),
    log,
  };
}

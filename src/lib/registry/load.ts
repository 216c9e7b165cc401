/**
 * Read the registry from disk (content/institutions/**\/*.json and
 * content/regions.json), validate it, and memoise the result per directory so
 * pages can call loadRegistry() as often as they like during a build.
 *
 * The directory can be overridden with the environment variable REGISTRY_DIR
 * and the site's scope (content/site-scope.json) with SITE_SCOPE, a path to
 * another scope file (the benchmarks use both, for a synthetic registry over
 * every province).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { Institution } from '../../schemas/institution.ts';
import { showSamples, visibleSamples } from '../samples.ts';
import { chinaToday } from '../china-time.ts';
import { readJsonFile } from '../read-json.ts';
import { NO_ID, RegistryError, type Problem } from './errors.ts';
import { indexRegions, parseRegions, parseSiteScope, regionsInScope, type RegionIndex } from './regions.ts';
import { validateRegistry, type RegistryEntry } from './validate.ts';

export const DEFAULT_REGISTRY_DIR = 'content/institutions';
export const DEFAULT_REGIONS_FILE = 'content/regions.json';
export const DEFAULT_SCOPE_FILE = 'content/site-scope.json';

/** The scope file in force: $SITE_SCOPE or content/site-scope.json. */
export function scopeFile(): string {
  return process.env['SITE_SCOPE'] ?? DEFAULT_SCOPE_FILE;
}

export interface LoadOptions {
  /** Registry folder; default $REGISTRY_DIR or content/institutions (relative to the working directory). */
  readonly dir?: string;
  /** Regions file; default content/regions.json. */
  readonly regionsFile?: string;
  /** Scope file; default $SITE_SCOPE or content/site-scope.json. */
  readonly scopeFile?: string;
  /** Today's date YYYY-MM-DD; default today in China (Asia/Shanghai). */
  readonly today?: string;
  /** Set false to bypass the memo (e.g. in dev after editing a file). */
  readonly cache?: boolean;
  /**
   * Keep sample records; default from src/lib/samples.ts (hidden on a site with an
   * operator unless SHOW_SAMPLES=1). The whole registry is validated either way.
   */
  readonly samples?: boolean;
}

export interface LoadedRegistry {
  /** Valid records, sorted by id (without sample records when samples are hidden). */
  readonly records: readonly Institution[];
  readonly regions: RegionIndex;
  readonly warnings: readonly Problem[];
  /** The directory actually read (absolute). */
  readonly dir: string;
}

/** Today's date in China as YYYY-MM-DD. */
export function todayInChina(now: Date = new Date()): string {
  return chinaToday(now);
}

/** Path as printed in messages: relative to the working directory when inside it. */
export function displayPath(file: string): string {
  const rel = relative(process.cwd(), file);
  return (rel.startsWith('..') || isAbsolute(rel) ? file : rel).split(sep).join('/');
}

/**
 * Read content/regions.json and index the regions of the provinces the site
 * presents (content/site-scope.json); throws with one line per problem.
 */
export function loadRegions(regionsFile: string = DEFAULT_REGIONS_FILE, scope: string = scopeFile()): RegionIndex {
  const shown = displayPath(resolve(regionsFile));
  const all = parseRegions(readJsonFile(regionsFile, { shown, what: '区划文件' }), shown);
  const scopeShown = displayPath(resolve(scope));
  const setup = parseSiteScope(readJsonFile(scope, { shown: scopeShown, what: '范围文件' }), scopeShown);
  return indexRegions(regionsInScope(all, setup, scopeShown), setup);
}

/** Every *.json file under dir (recursive), sorted, as absolute paths. */
export function listRegistryFiles(dir: string): string[] {
  const root = resolve(dir);
  let names: string[];
  try {
    names = readdirSync(root, { recursive: true, encoding: 'utf8' });
  } catch {
    return [];
  }
  return names
    .filter((name) => name.endsWith('.json'))
    .map((name) => join(root, name))
    .sort();
}

export interface ReadResult {
  readonly entries: RegistryEntry[];
  /** Files that are not valid JSON (or cannot be read). */
  readonly unreadable: Problem[];
}

/** Read every registry file; JSON syntax errors become problems, not exceptions. */
export function readRegistryEntries(dir: string): ReadResult {
  const entries: RegistryEntry[] = [];
  const unreadable: Problem[] = [];
  for (const file of listRegistryFiles(dir)) {
    const shown = displayPath(file);
    try {
      const text = readFileSync(file, 'utf8');
      entries.push({ file: shown, data: JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text) });
    } catch (cause) {
      const detail = cause instanceof Error ? cause.message : String(cause);
      unreadable.push({ file: shown, id: NO_ID, path: '（文件）', pathParts: [], message: `不是有效的 JSON：${detail}`, entry: -1 });
    }
  }
  return { entries, unreadable };
}

const memo = new Map<string, LoadedRegistry>();

/** Forget memoised registries (all, or one directory). */
export function clearRegistryCache(dir?: string): void {
  if (dir === undefined) memo.clear();
  else for (const key of memo.keys()) if (key.startsWith(`${resolve(dir)}\u0000`)) memo.delete(key);
}

/**
 * Load, validate and index the registry. Throws RegistryError (message = all
 * error lines) when anything is wrong; warnings are returned.
 */
export function loadRegistry(options: LoadOptions = {}): LoadedRegistry {
  const dir = resolve(options.dir ?? process.env['REGISTRY_DIR'] ?? DEFAULT_REGISTRY_DIR);
  const regionsFile = resolve(options.regionsFile ?? DEFAULT_REGIONS_FILE);
  const scope = resolve(options.scopeFile ?? scopeFile());
  const today = options.today ?? todayInChina();
  const samples = options.samples ?? showSamples();
  const key = `${dir}\u0000${regionsFile}\u0000${scope}\u0000${today}\u0000${samples ? 'samples' : 'real'}`;
  if (options.cache !== false) {
    const hit = memo.get(key);
    if (hit !== undefined) return hit;
  }
  const regions = loadRegions(regionsFile, scope);
  const { entries, unreadable } = readRegistryEntries(dir);
  const result = validateRegistry(entries, regions, { today });
  const errors = [...unreadable, ...result.errors];
  if (errors.length > 0) throw new RegistryError(errors);
  const loaded: LoadedRegistry = {
    records: visibleSamples(result.records, (r) => r.provenance.kind === 'sample', samples).sort((a, b) =>
      a.id < b.id ? -1 : a.id > b.id ? 1 : 0,
    ),
    regions,
    warnings: result.warnings,
    dir,
  };
  if (options.cache !== false) memo.set(key, loaded);
  return loaded;
}

const byIdMemo = new WeakMap<readonly Institution[], ReadonlyMap<string, Institution>>();

/** Records by id, built once per loaded registry (pages call it once each: 50 000 Maps of 50 000 would be N²). */
export function recordsById(records: readonly Institution[]): ReadonlyMap<string, Institution> {
  let map = byIdMemo.get(records);
  if (map === undefined) {
    map = new Map(records.map((r) => [r.id, r]));
    byIdMemo.set(records, map);
  }
  return map;
}

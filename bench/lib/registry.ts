/**
 * Synthetic registries for the benchmark builds, under bench/tmp/ (never content/).
 *
 * The synthetic generator names its records sample-<county>-<k>, but the shipped courses,
 * events and stories name shipped records (sample-<county>, bj-…), and those records name
 * others (referral partners …). A build validates those references, so each synthetic folder also
 * gets a copy of the shipped records the courses use, with everything they reference in turn.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

/**
 * Words in the shipped content (outside the registry) that may be registry ids: course session
 * places, event organisers, the institutions a story concerns … closureOf keeps the real ones.
 */
export function referencedIds(contentDir: string): string[] {
  const ids = new Set<string>();
  if (!existsSync(contentDir)) return [];
  for (const name of readdirSync(contentDir, { recursive: true, encoding: 'utf8' })) {
    if (name.startsWith('institutions') || !/\.(mdx?|json)$/u.test(name)) continue;
    const text = readFileSync(path.join(contentDir, name), 'utf8');
    for (const m of text.matchAll(/[a-z]+-[a-z0-9-]+/gu)) ids.add(m[0]);
  }
  return [...ids].sort();
}

/** Shipped record files by id (content/institutions/<folder>/<id>.json). */
function shippedFiles(registryDir: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const name of readdirSync(registryDir, { recursive: true, encoding: 'utf8' })) {
    if (name.endsWith('.json')) files.set(path.basename(name, '.json'), name);
  }
  return files;
}

/** The given ids plus every shipped record they name, transitively (any JSON string equal to a shipped id). */
export function closureOf(ids: readonly string[], registryDir: string): string[] {
  const files = shippedFiles(registryDir);
  const seen = new Set<string>();
  const stack = ids.filter((id) => files.has(id));
  while (stack.length > 0) {
    const id = stack.pop() ?? '';
    if (seen.has(id)) continue;
    seen.add(id);
    const text = readFileSync(path.join(registryDir, files.get(id) ?? ''), 'utf8');
    for (const m of text.matchAll(/"([A-Za-z0-9-]+)"/gu)) {
      const other = m[1] ?? '';
      if (files.has(other) && !seen.has(other)) stack.push(other);
    }
  }
  return [...seen].sort();
}

export interface PreparedRegistry {
  readonly dir: string;
  readonly synthetic: number;
  /** Shipped records copied in (ids). */
  readonly copied: readonly string[];
}

/** Writes bench/tmp/registry-<count> (seed 1, over the provinces of `scopeFile`) and copies the shipped records the content needs. */
export function prepareRegistry(root: string, count: number, seed = 1, scopeFile?: string): PreparedRegistry {
  const out = path.join(root, 'bench/tmp', `registry-${count}`);
  const gen = spawnSync(
    process.execPath,
    ['scripts/synthetic-registry.ts', '--count', String(count), '--seed', String(seed), '--out', out],
    // SITE_SCOPE: which provinces the records are spread over (bench/scope-national.json: all of them).
    { cwd: root, encoding: 'utf8', env: scopeFile === undefined ? process.env : { ...process.env, SITE_SCOPE: scopeFile } },
  );
  if (gen.status !== 0) throw new Error(`synthetic-registry failed:\n${gen.stdout}\n${gen.stderr}`);
  const shippedDir = path.join(root, 'content/institutions');
  const files = shippedFiles(shippedDir);
  const copied = closureOf(referencedIds(path.join(root, 'content')), shippedDir);
  for (const id of copied) {
    const rel = files.get(id) ?? '';
    mkdirSync(path.dirname(path.join(out, rel)), { recursive: true });
    copyFileSync(path.join(shippedDir, rel), path.join(out, rel));
  }
  return { dir: out, synthetic: count, copied };
}

/**
 * When a build is out of date: it is older than something it is built from. Shared by
 * `npm start` (dist/) and the end-to-end tests' second build (.builds/e2e-fixture).
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');

/** What the site is built from, relative to the project. */
export const BUILD_SOURCES: readonly string[] = ['src', 'content', 'public', 'astro.config.mjs', 'package.json', 'package-lock.json'];

/** Newest modification time under the given project paths (files and folders, recursively). */
export function newestMtime(paths: readonly string[]): number {
  let newest = 0;
  const visit = (p: string) => {
    if (!existsSync(p)) return;
    const st = statSync(p);
    newest = Math.max(newest, st.mtimeMs);
    if (st.isDirectory()) for (const name of readdirSync(p)) visit(path.join(p, name));
  };
  for (const p of paths) visit(path.join(root, p));
  return newest;
}

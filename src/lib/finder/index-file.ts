/**
 * Server side: the finder index for the current registry as JSON text, built once per
 * build, with a content hash so the finder can ask for /data/finder-index.json?v=<hash>
 * and browsers never keep a stale copy after the registry changes.
 */
import { createHash } from 'node:crypto';
import { loadRegistry } from '../registry/load.ts';
import { buildFinderIndex } from './index-build.ts';
import * as routes from '../routes.ts';

export const FINDER_INDEX_PATH = routes.finderIndexData;

export interface FinderIndexFile {
  readonly text: string;
  readonly hash: string;
  /** Address to fetch, with the hash as version. */
  readonly url: string;
}

const memo = new Map<string, FinderIndexFile>();

export function finderIndexFile(): FinderIndexFile {
  const { records, regions, dir } = loadRegistry();
  const hit = memo.get(dir);
  if (hit !== undefined) return hit;
  const text = JSON.stringify(buildFinderIndex(records, regions));
  const hash = createHash('sha256').update(text).digest('hex').slice(0, 12);
  const file = { text, hash, url: `${FINDER_INDEX_PATH}?v=${hash}` };
  memo.set(dir, file);
  return file;
}

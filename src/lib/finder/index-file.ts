/**
 * Server side: the finder's data for the current registry, split by place, as JSON texts
 * built once per build: /data/finder/overview.json (every region, and what each
 * province's part holds) and /data/finder/<province code>.json (that province's records).
 * Each is asked for as ?v=<content hash>, so browsers can keep them long and never keep
 * a stale copy after the registry changes.
 */
import { createHash } from 'node:crypto';
import { loadRegistry } from '../registry/load.ts';
import { buildFinderParts } from './index-build.ts';
import * as routes from '../routes.ts';
import { finderSplitAbove } from './split-setting.ts';

export interface FinderFile {
  readonly text: string;
  /** Address to fetch, with the content hash as version. */
  readonly url: string;
}

export interface FinderFiles {
  readonly overview: FinderFile;
  /** By province code. */
  readonly parts: ReadonlyMap<string, FinderFile>;
}

const hashOf = (text: string): string => createHash('sha256').update(text).digest('hex').slice(0, 12);
const versioned = (name: string, text: string): string => `${routes.finderData(name)}?v=${hashOf(text)}`;

const memo = new Map<string, FinderFiles>();

export function finderFiles(): FinderFiles {
  const { records, regions, dir } = loadRegistry();
  const hit = memo.get(dir);
  if (hit !== undefined) return hit;
  const built = buildFinderParts(records, regions, versioned);
  const text = JSON.stringify(built.overview);
  const parts = new Map<string, FinderFile>();
  for (const [p, partText] of built.parts) parts.set(p, { text: partText, url: versioned(p, partText) });
  const files: FinderFiles = { overview: { text, url: versioned('overview', text) }, parts };
  memo.set(dir, files);
  return files;
}

/** What the finder island is handed (FinderSources): the overview's address and each part's, so a chosen place's part loads at once. */
export function finderSources(): { overview: string; parts: Record<string, string>; n: number; all: boolean } {
  const files = finderFiles();
  const n = loadRegistry().records.length;
  return {
    overview: files.overview.url,
    parts: Object.fromEntries([...files.parts].map(([p, f]) => [p, f.url])),
    n,
    all: n <= finderSplitAbove(),
  };
}

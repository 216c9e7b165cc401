/**
 * Load and validate content/search-synonyms.json (build, tests). The browser never sees
 * zod or the sources: pages pass it the compact SynonymTable made here.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { synonymsFileSchema, type SynonymsFile } from '../../schemas/search-synonyms.ts';
import { formatZodIssues, registryErrorMap } from '../registry/errors.ts';
import type { SynonymTable } from './query.ts';

export const DEFAULT_SYNONYMS_FILE = 'content/search-synonyms.json';

/** Validate raw synonyms data; throws one line per problem ("file: path: message"). */
export function parseSynonyms(data: unknown, file = DEFAULT_SYNONYMS_FILE): SynonymsFile {
  const result = synonymsFileSchema.safeParse(data, { error: registryErrorMap });
  if (!result.success) {
    throw new Error(formatZodIssues(result.error.issues).map((p) => `${file}: ${p.path}: ${p.message}`).join('\n'));
  }
  return result.data;
}

/** The compact form used at query and index time: groups of [canonical, ...variants] and traditional → simplified pairs. */
export function toSynonymTable(file: SynonymsFile): SynonymTable {
  return {
    groups: file.groups.map((g) => [g.canonical, ...g.variants]),
    traditional: file.groups.flatMap((g) => Object.entries(g.traditional)),
  };
}

const memo = new Map<string, SynonymTable>();

/** Read, validate and compact the synonyms file (memoised per path). */
export function loadSynonymTable(file: string = DEFAULT_SYNONYMS_FILE): SynonymTable {
  const full = path.resolve(file);
  const hit = memo.get(full);
  if (hit) return hit;
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(full, 'utf8'));
  } catch (cause) {
    throw new Error(`${file}: 无法读取同义词文件：${cause instanceof Error ? cause.message : String(cause)}`);
  }
  const table = toSynonymTable(parseSynonyms(data, file));
  memo.set(full, table);
  return table;
}

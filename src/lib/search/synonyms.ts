/**
 * Load and validate content/search-synonyms.json (build, tests). The browser never sees
 * zod or the sources: pages pass it the compact SynonymTable made here.
 */
import path from 'node:path';
import { synonymsFileSchema, type SynonymsFile } from '../../schemas/search-synonyms.ts';
import { parseJson, readJsonFile } from '../read-json.ts';
import type { SynonymTable } from './query.ts';

export const DEFAULT_SYNONYMS_FILE = 'content/search-synonyms.json';

/** Validate raw synonyms data; throws one line per problem ("file: path: message"). */
export function parseSynonyms(data: unknown, file = DEFAULT_SYNONYMS_FILE): SynonymsFile {
  return parseJson(synonymsFileSchema, data, file);
}

/** The compact form used at query and index time: groups of [canonical, ...variants] and traditional → simplified pairs. */
export function toSynonymTable(file: SynonymsFile): SynonymTable {
  return {
    groups: file.groups.map((g) => [g.canonical, ...g.variants]),
    traditional: file.groups.flatMap((g) => Object.entries(g.traditional)),
    searchAs: file.groups.flatMap((g) => (g.searchAs === undefined ? [] : [[g.canonical, g.searchAs] as const])),
  };
}

/**
 * Registry size from which the search page asks Pagefind for searchAs keys (安宁 for
 * 安宁疗护). Below it the whole word's page lists are small (a few KB with the shipped
 * registry) and the exact word ranks better; at 10 000 institutions they are over 100 KB
 * of a first query (bench: search.10000.firstQueryBytes).
 */
export const SEARCH_AS_MIN_INSTITUTIONS = 1000;

/** The table the search page gets for a registry of this many institutions: searchAs only at scale. */
export function searchPageTable(table: SynonymTable, institutions: number): SynonymTable {
  return institutions >= SEARCH_AS_MIN_INSTITUTIONS ? table : { ...table, searchAs: [] };
}

const memo = new Map<string, SynonymTable>();

/** Read, validate and compact the synonyms file (memoised per path). */
export function loadSynonymTable(file: string = DEFAULT_SYNONYMS_FILE): SynonymTable {
  const full = path.resolve(file);
  const hit = memo.get(full);
  if (hit) return hit;
  const table = toSynonymTable(parseSynonyms(readJsonFile(full, { shown: file, what: '同义词文件' }), file));
  memo.set(full, table);
  return table;
}

/**
 * Page names for reranking search results (query.ts nameScore): Pagefind cannot match a
 * Chinese phrase or an exact name, so the search page compares the query with each
 * result's names (title, an institution's other names) and key facts itself.
 *
 * Where the names come from, so that the first query stays small however big the
 * registry grows:
 * - every page that is not an institution (courses, lessons, guides, regions …, a few
 *   hundred) is in one small names file, loaded with Pagefind;
 * - institution pages (thousands) are not: their exact names sit in hashed shards
 *   (name → page ids), and the search page fetches only the one or two shards the query's
 *   own key falls in. That is enough to put an institution searched by its exact name
 *   first; the rest of an institution's name score is read from the fragment Pagefind
 *   already serves for the result (namesOf), for the first few results only.
 *
 * Every file is written twice: gzip (.bin, for browsers with DecompressionStream, so no
 * server needs to compress anything) and plain JSON (.json, the fallback).
 * No DOM and no Node here: used by the build (integrations/pagefind.ts), the search page
 * (engine.ts) and the tests.
 */
import { DEFAULT_SEARCH_TYPE, titleKey, type PageNames } from './query.ts';

export type { PageNames } from './query.ts';

/** The site names file next to Pagefind's index (pagefind/), without extension. */
export const NAMES_STEM = 'search-names';
/** The exact-name shards: pagefind/search-names/<shard>. */
export const SHARD_DIR = 'search-names';
/** Plain and gzip extensions of every names file. */
export const JSON_EXT = '.json';
export const GZIP_EXT = '.bin';

/** Page names and facts by Pagefind result id. */
export type NamesById = Readonly<Record<string, PageNames>>;

/** The part of a Pagefind fragment (the build's .pf_fragment, or a result's data() in the browser) names are read from. */
export interface FragmentFields {
  readonly meta: Readonly<Record<string, string | undefined>>;
  readonly filters: Readonly<Record<string, readonly string[] | undefined>>;
}

const clean = (values: readonly (string | undefined)[]) => [
  ...new Set(values.filter((v): v is string => v !== undefined && v.trim() !== '').map((v) => v.trim())),
];

/** A page's content type: metadata (every page since institutions have no type filter), else the filter, else 页面. */
export function typeOf(fragment: FragmentFields): string {
  return fragment.meta['type'] ?? fragment.filters['type']?.[0] ?? DEFAULT_SEARCH_TYPE;
}

/** A page's names (title, an institution's other names) and facts (type unless 页面, kind, city, county, audience). */
export function namesOf(fragment: FragmentFields): PageNames {
  const { meta, filters } = fragment;
  const type = typeOf(fragment);
  return {
    names: clean([meta['title'], ...(meta['aliases']?.split('、') ?? [])]),
    facts: clean([
      type === DEFAULT_SEARCH_TYPE ? undefined : type,
      meta['kind'],
      ...(filters['city'] ?? []),
      meta['county'],
      ...(filters['audience'] ?? []),
    ]),
  };
}

/** The names file's compact form: id → [how many names, ...names, ...facts], each already a titleKey. */
export function encodeNames(byId: NamesById): Record<string, (number | string)[]> {
  const out: Record<string, (number | string)[]> = {};
  for (const [id, page] of Object.entries(byId)) {
    const names = [...new Set(page.names.map(titleKey).filter(Boolean))];
    const facts = [...new Set(page.facts.map(titleKey).filter(Boolean))];
    out[id] = [names.length, ...names, ...facts];
  }
  return out;
}

/** Reads the compact form; anything malformed is skipped, so search still works. */
export function decodeNames(raw: unknown): NamesById {
  const out: Record<string, PageNames> = {};
  if (typeof raw !== 'object' || raw === null) return out;
  for (const [id, entry] of Object.entries(raw)) {
    if (!Array.isArray(entry) || typeof entry[0] !== 'number') continue;
    const strings = entry.slice(1).filter((v): v is string => typeof v === 'string');
    out[id] = { names: strings.slice(0, entry[0]), facts: strings.slice(entry[0]) };
  }
  return out;
}

/** The site names file: the non-institution pages' names, and how many exact-name shards there are. */
export interface SiteNames {
  readonly shards: number;
  readonly pages: NamesById;
}

export function encodeSiteNames(site: SiteNames): { shards: number; pages: Record<string, (number | string)[]> } {
  return { shards: site.shards, pages: encodeNames(site.pages) };
}

export function decodeSiteNames(raw: unknown): SiteNames {
  if (typeof raw !== 'object' || raw === null) return { shards: 0, pages: {} };
  const { shards, pages } = raw as { shards?: unknown; pages?: unknown };
  return { shards: Number.isInteger(shards) && (shards as number) > 0 ? (shards as number) : 0, pages: decodeNames(pages) };
}

/** Names per shard the build aims for: a shard stays a few KB, and the shipped site has one. */
export const NAMES_PER_SHARD = 128;

/** How many shards for this many names: a power of two, at least 1. */
export function shardCount(names: number): number {
  let shards = 1;
  while (shards * NAMES_PER_SHARD < names) shards *= 2;
  return shards;
}

/** The shard a name key (a titleKey) lives in: FNV-1a over its UTF-16 code units. */
export function shardOf(key: string, shards: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i += 1) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % Math.max(1, shards);
}

/** A shard: name key → ids of the pages with that exact name. */
export type NameShard = Readonly<Record<string, readonly string[]>>;

/** Splits pages' names into `shards` shards by their keys. */
export function buildShards(byId: NamesById, shards: number): NameShard[] {
  const out: Record<string, string[]>[] = Array.from({ length: shards }, () => ({}));
  for (const [id, page] of Object.entries(byId)) {
    for (const key of new Set(page.names.map(titleKey).filter(Boolean))) {
      const shard = out[shardOf(key, shards)];
      if (shard) (shard[key] ??= []).push(id);
    }
  }
  return out;
}

/** Reads a shard; anything malformed is skipped. */
export function decodeShard(raw: unknown): NameShard {
  const out: Record<string, readonly string[]> = {};
  if (typeof raw !== 'object' || raw === null) return out;
  for (const [key, ids] of Object.entries(raw)) if (Array.isArray(ids)) out[key] = ids.filter((v): v is string => typeof v === 'string');
  return out;
}

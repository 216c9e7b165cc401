/**
 * Site search index: after `astro build`, index the built pages with Pagefind's Node API
 * and write <client>/pagefind/ next to them (served by the same server or any static host).
 *
 * Like Starlight's integrations/pagefind.ts: every Pagefind response is checked and the
 * Pagefind service is closed in `finally`. Unlike it, each page is handed to Pagefind with
 * addHTMLFile rather than addDirectory, so that two things can be added to the index
 * without changing the published HTML:
 * - index-time synonyms: a page that says 临终关怀 but never 安宁疗护 gets 安宁疗护 in its
 *   index entry (content/search-synonyms.json), so the canonical query finds it;
 * - a `type` filter of 页面 on pages that declare none, so the type counts add up.
 * Only <main data-pagefind-body> is indexed (the layout marks it; header, footer and page
 * tools carry data-pagefind-ignore="all").
 */
import { readFile } from 'node:fs/promises';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration, AstroIntegrationLogger } from 'astro';
import * as pagefind from 'pagefind';
import { DEFAULT_SEARCH_TYPE, REGISTRY_SEARCH_TYPE, findSynonymWords, type SynonymTable } from '../lib/search/query.ts';
import {
  GZIP_EXT,
  JSON_EXT,
  NAMES_STEM,
  SHARD_DIR,
  buildShards,
  encodeSiteNames,
  namesOf,
  shardCount,
  typeOf,
  type FragmentFields,
  type PageNames,
} from '../lib/search/names.ts';
import { loadSynonymTable } from '../lib/search/synonyms.ts';
import { provinceIndexPath, provinceOfPage } from '../lib/search/split.ts';
import { readPagefindFile, widenIndexChunks } from './pagefind-meta.ts';
import { writeBrotliCopies } from './pagefind-brotli.ts';

/** The one language of the site's index (pages are lang="zh-CN"). */
export const INDEX_LANGUAGE = 'zh-cn';

/**
 * Word positions per index chunk. A query loads, for each of its words, the chunks holding
 * that word from every index searched; Pagefind's default of 20 000 made each chunk of the
 * site index about 33 KB, most of a first query's bytes (issue #20). At 2 000 a chunk is
 * about 4 KB. Pagefind 1.6 reads the size from its binary's environment only, under a name
 * it calls unstable: tests/unit/search-index-chunks.test.ts fails if an upgrade stops
 * honouring it. Small chunks made a Pagefind fault common (a word's extensions in the next
 * chunk were never loaded); widenIndexChunks repairs each index's metadata after writing.
 */
export const INDEX_CHUNK_POSITIONS = 2000;
const CHUNK_SIZE_VARIABLE = 'PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE';

interface Response {
  errors: string[];
}

/** Throws with every error Pagefind reported (each one logged). */
function check<T extends Response>(response: T, step: string, logger: AstroIntegrationLogger): T {
  if (response.errors.length > 0) {
    for (const error of response.errors) logger.error(`Pagefind ${step}: ${error}`);
    throw new Error(`Pagefind ${step} failed: ${response.errors.join('; ')}`);
  }
  return response;
}

/** Site URL of a built HTML file: about/index.html → /about/, 404.html → /404.html. */
export function urlOfHtmlFile(relativePath: string): string {
  const posix = relativePath.split(path.sep).join('/');
  return `/${posix.replace(/(?:^|\/)index\.html$/u, (m) => (m.startsWith('/') ? '/' : ''))}`;
}

/** Every .html file under `root`, except Pagefind's own folder, sorted. */
function htmlFiles(root: string): string[] {
  return readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.html') && !name.startsWith(`pagefind${path.sep}`))
    .map((name) => path.join(root, name))
    .sort();
}

const VOID_ELEMENTS = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);

/**
 * The text of the page's <main> that Pagefind indexes: without <script>, <style> and
 * elements marked data-pagefind-ignore (with whatever they contain). Enough to look for
 * words; entities become spaces. Our own HTML is well formed, so a tag stack suffices.
 */
export function indexedText(html: string): string {
  const start = html.indexOf('<main');
  const end = html.lastIndexOf('</main>');
  if (start === -1 || end === -1) return '';
  const main = html.slice(start, end);
  const tag = /<(\/?)([a-zA-Z][a-zA-Z0-9-]*)([^>]*)>/gu;
  const open: { name: string; skip: boolean }[] = [];
  let text = '';
  let at = 0;
  for (let m = tag.exec(main); m !== null; m = tag.exec(main)) {
    if (!open.some((e) => e.skip)) text += `${main.slice(at, m.index)} `;
    at = m.index + m[0].length;
    const [, closing, rawName = '', attributes = ''] = m;
    const name = rawName.toLowerCase();
    if (closing) {
      const i = open.map((e) => e.name).lastIndexOf(name);
      if (i !== -1) open.length = i;
    } else if (!VOID_ELEMENTS.has(name) && !attributes.trimEnd().endsWith('/')) {
      open.push({ name, skip: name === 'script' || name === 'style' || /\sdata-pagefind-ignore(?=[\s=>]|$)/u.test(attributes) });
    }
  }
  if (!open.some((e) => e.skip)) text += main.slice(at);
  return text.replace(/&[a-z#0-9]+;/giu, ' ');
}

/** Canonical words missing from a text that uses one of their synonyms. */
export function missingCanonicals(text: string, table: SynonymTable): string[] {
  const missing = new Set<string>();
  for (const m of findSynonymWords(text, table)) if (!text.includes(m.canonical)) missing.add(m.canonical);
  return [...missing];
}

/**
 * Pagefind weight of the canonical words added to a page that only uses their synonyms
 * (body text is 1): such a page is still found by the canonical word, but ranks below pages
 * that use the word itself. Before, a search for 吃不下饭 (canonical 进食) put every lesson
 * saying 吃不下 above the guide that says 进食, since those lessons matched both the
 * canonical and the as-typed search at full weight. 0.1 was the value that put the guides
 * back for 吃不下饭 and 喘不上气 in tests/e2e/search-quality.spec.ts (0.5 and 0.25 did less).
 */
export const ADDED_WORD_WEIGHT = 0.1;

export interface Enriched {
  readonly html: string;
  /** searchAs keys (安宁) the indexed text holds outside their canonical word (安宁疗护). */
  readonly looseKeys: readonly string[];
  /** Canonical words added to the index entry. */
  readonly added: readonly string[];
  /** True when the page declared no type and got 页面. */
  readonly defaultType: boolean;
}

/**
 * The indexed copy of a page without `id` attributes inside <main>. Pagefind stores every
 * element with an id as an anchor (its id, text and position) in the page's fragment, for
 * sub-results by heading, which the search page does not show; on a long guide they were a
 * third of the fragment, and a first query downloads ten fragments (issue #20).
 */
export function withoutAnchors(html: string): string {
  const start = html.indexOf('<main');
  const end = html.lastIndexOf('</main>');
  if (start === -1 || end === -1) return html;
  return html.slice(0, start) + html.slice(start, end).replace(/(<[a-zA-Z][^>]*?)\sid="[^"]*"/gu, '$1') + html.slice(end);
}

/**
 * The document handed to Pagefind: the page's <html> tag (its language), its title and its
 * <main>, which holds everything Pagefind reads (data-pagefind-body, meta, filters). The
 * header, navigation, footer and the <head>'s scripts and styles (half of an institution
 * page) are never indexed, so they are not sent to Pagefind's process to be parsed at
 * national scale (50 000 pages). A page whose indexed part is not inside its <main> goes whole.
 */
export function pagefindDocument(html: string): string {
  const start = html.indexOf('<main');
  const end = html.lastIndexOf('</main>');
  if (start === -1 || end === -1) return html;
  const main = html.slice(start, end + '</main>'.length);
  if (!/^<main\b[^>]*\sdata-pagefind-body/u.test(main)) return html;
  const open = /<html\b[^>]*>/u.exec(html)?.[0] ?? '<html>';
  const title = /<title>[\s\S]*?<\/title>/u.exec(html)?.[0] ?? '';
  return `<!DOCTYPE html>${open}<head><meta charset="utf-8">${title}</head><body>${main}</body></html>`;
}

/**
 * What Pagefind indexes for one page: the page itself plus, just inside the end of <main>,
 * a hidden block with the canonical words it lacks and, when it declares no type, the
 * default type filter. The file on disk is not touched.
 */
export function enrichForIndex(published: string, table: SynonymTable): Enriched {
  const html = withoutAnchors(published);
  const end = html.lastIndexOf('</main>');
  if (end === -1) return { html, added: [], defaultType: false, looseKeys: [] };
  const text = indexedText(html);
  const added = missingCanonicals(text, table);
  // Outside every word of the key's group (安宁照护 and 安宁缓和医疗 mean the same as 安宁疗护).
  const groupOf = (word: string) => [...(table.groups.find((g) => g[0] === word) ?? [word])].sort((x, y) => y.length - x.length);
  const looseKeys = (table.searchAs ?? [])
    .filter(([word, key]) =>
      groupOf(word)
        .reduce((rest, w) => rest.split(w).join(' '), text)
        .includes(key),
    )
    .map(([, key]) => key);
  const defaultType = !/data-pagefind-(?:filter|meta)="type[:"]/u.test(html);
  if (added.length === 0 && !defaultType) return { html, added, defaultType, looseKeys };
  const block =
    (added.length > 0 ? `<div hidden data-pagefind-weight="${ADDED_WORD_WEIGHT}">${added.join(' ')}</div>` : '') +
    (defaultType ? `<div hidden data-pagefind-ignore><span data-pagefind-filter="type">${DEFAULT_SEARCH_TYPE}</span></div>` : '');
  return { html: html.slice(0, end) + block + html.slice(end), added, defaultType, looseKeys };
}

/** The part of a Pagefind fragment (pagefind/fragment/*.pf_fragment) the names files need. */
interface Fragment extends FragmentFields {
  url: string;
}

/** Reads a fragment: JSON inside Pagefind's file wrapping. */
function readFragment(file: string): Fragment {
  return JSON.parse(readPagefindFile(file).toString('utf8')) as Fragment;
}

/** Writes <stem>.json and its gzip copy <stem>.bin. */
function writeJsonPair(stem: string, value: unknown): void {
  const json = JSON.stringify(value);
  writeFileSync(`${stem}${JSON_EXT}`, json);
  writeFileSync(`${stem}${GZIP_EXT}`, gzipSync(json, { level: 9 }));
}

export interface NamesSummary {
  readonly pages: number;
  readonly shards: number;
}

/**
 * Writes the names files (lib/search/names.ts): pagefind/search-names.{json,bin} with every
 * page except institutions, and pagefind/search-names/<k>.{json,bin}, the institutions'
 * exact names in hashed shards.
 */
export function writeNamesFiles(outputPath: string): NamesSummary {
  const dir = path.join(outputPath, 'fragment');
  const site: Record<string, PageNames> = {};
  const sharded: Record<string, PageNames> = {};
  let pages = 0;
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.pf_fragment'))
    .sort()) {
    const fragment = readFragment(path.join(dir, file));
    const id = file.replace(/\.pf_fragment$/u, '');
    (typeOf(fragment) === REGISTRY_SEARCH_TYPE ? sharded : site)[id] = namesOf(fragment);
    pages += 1;
  }
  const shards = shardCount(Object.values(sharded).reduce((n, p) => n + p.names.length, 0));
  writeJsonPair(path.join(outputPath, NAMES_STEM), encodeSiteNames({ shards, pages: site }));
  mkdirSync(path.join(outputPath, SHARD_DIR), { recursive: true });
  for (const [k, shard] of buildShards(sharded, shards).entries()) writeJsonPair(path.join(outputPath, SHARD_DIR, String(k)), shard);
  return { pages, shards };
}

export interface IndexSiteOptions {
  /** The built client folder (the astro:build:done `dir`). */
  readonly dir: URL;
  readonly logger: AstroIntegrationLogger;
  /** Synonyms; default content/search-synonyms.json. */
  readonly synonyms?: SynonymTable;
}

export interface IndexSummary {
  readonly pages: number;
  readonly withSynonyms: number;
  readonly defaultType: number;
  readonly outputPath: string;
  /** Province indexes written besides the site index (0 when the search is not split). */
  readonly provinces: number;
}

/** One Pagefind index being filled: the site's, or a province's (lib/search/split.ts). */
interface OpenIndex {
  readonly index: pagefind.PagefindIndex;
  readonly outputPath: string;
  pages: number;
}

/**
 * Index every searchable page under `dir` and write `dir/pagefind/`. A page whose <main>
 * names a province (SEARCH_PROVINCE_ATTRIBUTE, set when the registry is large enough for
 * the search to be split) goes into that province's index, `dir/pagefind/p/<province>/`;
 * every other page into the site index.
 */
export async function indexSite({ dir, logger, synonyms = loadSynonymTable() }: IndexSiteOptions): Promise<IndexSummary> {
  const root = fileURLToPath(dir);
  const outputPath = path.join(root, 'pagefind');
  const started = performance.now();
  // Pagefind's service process is started by the first createIndex below and inherits this
  // process's environment (an operator's own setting wins).
  process.env[CHUNK_SIZE_VARIABLE] ??= String(INDEX_CHUNK_POSITIONS);
  try {
    const open = new Map<string, Promise<OpenIndex>>();
    const indexFor = (province: string | undefined): Promise<OpenIndex> => {
      const key = province ?? '';
      let hit = open.get(key);
      if (!hit) {
        hit = pagefind.createIndex({ forceLanguage: INDEX_LANGUAGE }).then((response) => {
          const { index } = check(response, 'createIndex', logger);
          if (!index) throw new Error('Pagefind createIndex returned no index');
          return { index, outputPath: province === undefined ? outputPath : path.join(outputPath, provinceIndexPath(province)), pages: 0 };
        });
        open.set(key, hit);
      }
      return hit;
    };
    await indexFor(undefined); // the site index exists even when every page is a province's
    const files = htmlFiles(root);
    let pages = 0;
    let withSynonyms = 0;
    let defaultType = 0;
    const looseKeys = new Map<string, number>();
    // A few files at a time: the Pagefind service answers in order, reading is the slow part.
    const BATCH = 32;
    for (let i = 0; i < files.length; i += BATCH) {
      await Promise.all(
        files.slice(i, i + BATCH).map(async (file) => {
          const html = await readFile(file, 'utf8');
          if (!html.includes('data-pagefind-body')) return;
          const enriched = enrichForIndex(html, synonyms);
          const url = urlOfHtmlFile(path.relative(root, file));
          const target = await indexFor(provinceOfPage(html));
          check(await target.index.addHTMLFile({ url, content: pagefindDocument(enriched.html) }), `addHTMLFile ${url}`, logger);
          target.pages += 1;
          pages += 1;
          if (enriched.added.length > 0) withSynonyms += 1;
          if (enriched.defaultType) defaultType += 1;
          for (const key of enriched.looseKeys) looseKeys.set(key, (looseKeys.get(key) ?? 0) + 1);
        }),
      );
    }
    if (pages === 0) throw new Error(`Pagefind: no page under ${root} has data-pagefind-body`);
    let shards = 0;
    let brotliSaved = 0;
    // The site index first (key ''): the province indexes are written inside its folder, so nothing
    // Pagefind does to its own output folder can touch them.
    for (const key of [...open.keys()].sort()) {
      const target = await open.get(key)!;
      check(await target.index.writeFiles({ outputPath: target.outputPath }), `writeFiles ${target.outputPath}`, logger);
      await target.index.deleteIndex();
      widenIndexChunks(target.outputPath);
      const copies = await writeBrotliCopies(target.outputPath);
      brotliSaved += copies.saved;
      const named = writeNamesFiles(target.outputPath);
      if (named.pages !== target.pages)
        throw new Error(`Pagefind wrote ${named.pages} fragments for ${target.pages} pages in ${target.outputPath}`);
      shards += named.shards;
      const entry = JSON.parse(readFileSync(path.join(target.outputPath, 'pagefind-entry.json'), 'utf8')) as {
        languages: Record<string, unknown>;
      };
      const languages = Object.keys(entry.languages);
      if (languages.length !== 1 || languages[0] !== INDEX_LANGUAGE)
        throw new Error(`Pagefind wrote indexes for ${languages.join(', ')} in ${target.outputPath}; expected only ${INDEX_LANGUAGE}`);
    }
    const provinces = open.size - 1;
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    // searchAs trades exactness for bytes: say how many pages a search for the key alone finds beyond the canonical word.
    for (const [word, key] of synonyms.searchAs ?? [])
      logger.info(`名录较大时搜索「${word}」只查「${key}」：另有 ${looseKeys.get(key) ?? 0} 个页面单独出现「${key}」，届时也会被搜到`);
    logger.info(
      `索引了 ${pages} 个页面（${withSynonyms} 个补了同义词，${defaultType} 个未声明类型、按「${DEFAULT_SEARCH_TYPE}」计；机构名称分 ${shards} 片；brotli 副本省 ${(brotliSaved / 1024).toFixed(0)} KB${provinces > 0 ? `；机构和市县页面按省份分成 ${provinces} 个索引` : ''}），用时 ${seconds} 秒 → ${outputPath}`,
    );
    return { pages, withSynonyms, defaultType, outputPath, provinces };
  } finally {
    await pagefind.close();
  }
}

/** The Astro integration: add `pagefindIndex()` to `integrations` in astro.config.mjs. */
export default function pagefindIndex(): AstroIntegration {
  return {
    name: 'anning:pagefind',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        await indexSite({ dir, logger });
      },
    },
  };
}

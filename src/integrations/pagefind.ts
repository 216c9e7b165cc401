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
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration, AstroIntegrationLogger } from 'astro';
import * as pagefind from 'pagefind';
import { DEFAULT_SEARCH_TYPE, NAMES_FILE, NAMES_FILE_GZ, encodeNames, findSynonymWords, type PageNames, type SynonymTable } from '../lib/search/query.ts';
import { loadSynonymTable } from '../lib/search/synonyms.ts';

/** The one language of the site's index (pages are lang="zh-CN"). */
export const INDEX_LANGUAGE = 'zh-cn';

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

/** Text of the page's <main>, tags removed (enough to look for words). */
function mainText(html: string): string {
  const start = html.indexOf('<main');
  const end = html.lastIndexOf('</main>');
  if (start === -1 || end === -1) return '';
  return html.slice(start, end).replace(/<[^>]*>/gu, ' ').replace(/&[a-z#0-9]+;/giu, ' ');
}

/** Canonical words missing from a text that uses one of their synonyms. */
export function missingCanonicals(text: string, table: SynonymTable): string[] {
  const missing = new Set<string>();
  for (const m of findSynonymWords(text, table)) if (!text.includes(m.canonical)) missing.add(m.canonical);
  return [...missing];
}

export interface Enriched {
  readonly html: string;
  /** Canonical words added to the index entry. */
  readonly added: readonly string[];
  /** True when the page declared no type and got 页面. */
  readonly defaultType: boolean;
}

/**
 * What Pagefind indexes for one page: the page itself plus, just inside the end of <main>,
 * a hidden block with the canonical words it lacks and, when it declares no type, the
 * default type filter. The file on disk is not touched.
 */
export function enrichForIndex(html: string, table: SynonymTable): Enriched {
  const end = html.lastIndexOf('</main>');
  if (end === -1) return { html, added: [], defaultType: false };
  const added = missingCanonicals(mainText(html), table);
  const defaultType = !/data-pagefind-filter="type[:"]/u.test(html);
  if (added.length === 0 && !defaultType) return { html, added, defaultType };
  const block =
    (added.length > 0 ? `<div hidden>${added.join(' ')}</div>` : '') +
    (defaultType ? `<div hidden data-pagefind-ignore><span data-pagefind-filter="type">${DEFAULT_SEARCH_TYPE}</span></div>` : '');
  return { html: html.slice(0, end) + block + html.slice(end), added, defaultType };
}

/** The part of a Pagefind fragment (pagefind/fragment/*.pf_fragment) the names file needs. */
interface Fragment {
  url: string;
  meta: Record<string, string | undefined>;
  filters: Record<string, string[] | undefined>;
}

/** Reads a fragment: gzip, then the signature "pagefind_dcd", then JSON. */
function readFragment(file: string): Fragment {
  const text = gunzipSync(readFileSync(file)).toString('utf8');
  const SIGNATURE = 'pagefind_dcd';
  if (!text.startsWith(SIGNATURE)) throw new Error(`Pagefind fragment ${file} has an unknown format`);
  return JSON.parse(text.slice(SIGNATURE.length)) as Fragment;
}

const clean = (values: readonly (string | undefined)[]) => [...new Set(values.filter((v): v is string => v !== undefined && v.trim() !== '').map((v) => v.trim()))];

/** A page's names (title, an institution's other names) and facts (type unless 页面, kind, city, county, audience) for reranking. */
export function namesOf(fragment: Fragment): PageNames {
  const { meta, filters } = fragment;
  const type = filters['type']?.[0];
  return {
    names: clean([meta['title'], ...(meta['aliases']?.split('、') ?? [])]),
    facts: clean([type === DEFAULT_SEARCH_TYPE ? undefined : type, meta['kind'], ...(filters['city'] ?? []), ...(filters['county'] ?? []), ...(filters['audience'] ?? [])]),
  };
}

/**
 * Writes pagefind/<NAMES_FILE> (and a gzip copy, NAMES_FILE_GZ): fragment id → the page's
 * names and facts. Pagefind cannot match a Chinese phrase or an exact name; with this small
 * file the search page can (query.ts nameScore) without downloading every result's fragment.
 */
export function writeNamesFile(outputPath: string): number {
  const dir = path.join(outputPath, 'fragment');
  const names: Record<string, PageNames> = {};
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.pf_fragment')).sort()) {
    names[file.replace(/\.pf_fragment$/u, '')] = namesOf(readFragment(path.join(dir, file)));
  }
  const json = JSON.stringify(encodeNames(names));
  writeFileSync(path.join(outputPath, NAMES_FILE), json);
  writeFileSync(path.join(outputPath, NAMES_FILE_GZ), gzipSync(json, { level: 9 }));
  return Object.keys(names).length;
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
}

/** Index every searchable page under `dir` and write `dir/pagefind/`. */
export async function indexSite({ dir, logger, synonyms = loadSynonymTable() }: IndexSiteOptions): Promise<IndexSummary> {
  const root = fileURLToPath(dir);
  const outputPath = path.join(root, 'pagefind');
  const started = performance.now();
  try {
    const { index } = check(await pagefind.createIndex({ forceLanguage: INDEX_LANGUAGE }), 'createIndex', logger);
    if (!index) throw new Error('Pagefind createIndex returned no index');
    const files = htmlFiles(root);
    let pages = 0;
    let withSynonyms = 0;
    let defaultType = 0;
    // A few files at a time: the Pagefind service answers in order, reading is the slow part.
    const BATCH = 32;
    for (let i = 0; i < files.length; i += BATCH) {
      await Promise.all(
        files.slice(i, i + BATCH).map(async (file) => {
          const html = await readFile(file, 'utf8');
          if (!html.includes('data-pagefind-body')) return;
          const enriched = enrichForIndex(html, synonyms);
          const url = urlOfHtmlFile(path.relative(root, file));
          check(await index.addHTMLFile({ url, content: enriched.html }), `addHTMLFile ${url}`, logger);
          pages += 1;
          if (enriched.added.length > 0) withSynonyms += 1;
          if (enriched.defaultType) defaultType += 1;
        }),
      );
    }
    if (pages === 0) throw new Error(`Pagefind: no page under ${root} has data-pagefind-body`);
    check(await index.writeFiles({ outputPath }), 'writeFiles', logger);
    const named = writeNamesFile(outputPath);
    if (named !== pages) throw new Error(`Pagefind wrote ${named} fragments for ${pages} pages`);
    const entry = JSON.parse(readFileSync(path.join(outputPath, 'pagefind-entry.json'), 'utf8')) as { languages: Record<string, unknown> };
    const languages = Object.keys(entry.languages);
    if (languages.length !== 1 || languages[0] !== INDEX_LANGUAGE) throw new Error(`Pagefind wrote indexes for ${languages.join(', ')}; expected only ${INDEX_LANGUAGE}`);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    logger.info(`索引了 ${pages} 个页面（${withSynonyms} 个补了同义词，${defaultType} 个未声明类型、按「${DEFAULT_SEARCH_TYPE}」计），用时 ${seconds} 秒 → ${outputPath}`);
    return { pages, withSynonyms, defaultType, outputPath };
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

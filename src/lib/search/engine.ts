/**
 * Runs a site search with Pagefind in the browser: plans the query (query.ts), runs the
 * canonical and as-typed searches, merges their rankings, lifts pages whose names match
 * (title, institution names, kind, place, audience) and counts results per content type
 * and city. No DOM here; the search page (components/search/search-element.ts) and the
 * search-quality test both go through `runSearch`.
 */
import {
  REGISTRY_SEARCH_TYPE,
  filtersFor,
  typeFilter,
  mergeRankings,
  nameScore,
  pagefindTerm,
  planQuery,
  titleKey,
  type PagefindFilter,
  type PlannedQuery,
  type SearchState,
  type SynonymTable,
} from './query.ts';
import { SAMPLE_FILTER, SAMPLE_META } from './page-meta.ts';
import { provinceIndexPath } from './split.ts';
import {
  GZIP_EXT,
  JSON_EXT,
  NAMES_STEM,
  SHARD_DIR,
  decodeShard,
  decodeSiteNames,
  namesOf,
  shardOf,
  type NameShard,
  type NamesById,
} from './names.ts';

/** What a result's fragment holds (the subset we use). */
export interface PagefindResultData {
  readonly url: string;
  readonly excerpt: string;
  readonly meta: Readonly<Record<string, string>>;
  readonly filters: Readonly<Record<string, readonly string[]>>;
}

export interface PagefindResult {
  readonly id: string;
  readonly score: number;
  data(): Promise<PagefindResultData>;
}

export type FilterCounts = Readonly<Record<string, Readonly<Record<string, number>>>>;

export interface PagefindSearchResponse {
  readonly results: readonly PagefindResult[];
  /** Counts per filter value among the results, with the given filters applied. */
  readonly filters: FilterCounts;
}

/** The part of Pagefind's JavaScript API (pagefind.js) we use. */
export interface PagefindApi {
  options(options: Record<string, unknown>): Promise<void>;
  init(): Promise<void>;
  search(term: string, options?: { filters?: Record<string, PagefindFilter> }): Promise<PagefindSearchResponse | null>;
  /** Every filter value in the index, with its page count. */
  filters(): Promise<FilterCounts>;
  /** Adds another index's pages to every search (it shares this one's WebAssembly). */
  mergeIndex(indexPath: string, options?: Record<string, unknown>): Promise<void>;
}

/**
 * Pagefind options. `noWorker`: run in the page rather than a Web Worker, which saves
 * downloading a second 43 KB copy of the search code (the search page's CSP allows
 * 'wasm-unsafe-eval' for this). Ranking: headings already weigh more than body text
 * (h1 7, h2 6 … body 1) and `metaWeights.title` lifts pages whose title has the words;
 * `termSimilarity` 3 prefers whole-word matches over longer words the query is only a
 * prefix of (Pagefind splits 安宁疗护 into 安宁 疗 护, and 护 would match every 护理);
 * `pageLength` 0.5 keeps long guides from sinking under short pages. Tuned against
 * tests/e2e/search-quality.spec.ts: recall@5 stayed within 0.95–0.98 over a range of
 * these values, so the result does not hang on one setting.
 */
export const PAGEFIND_OPTIONS = {
  noWorker: true,
  excerptLength: 36,
  ranking: { pageLength: 0.5, termFrequency: 1.0, termSaturation: 1.4, termSimilarity: 3.0, metaWeights: { title: 5 } },
} as const;

/** Where the built index lives. */
export const PAGEFIND_BASE = '/pagefind/';

/**
 * How the rankings combine. `laterWeight`: the as-typed search counts this much next to the
 * canonical one (it lifts pages using the person's own word, 临终关怀 in the FAQ).
 * `nameWeight`: a full match on a page's names adds this much to a merged score that is
 * about 1 for the best body match (an exact name adds twice as much).
 * Tuned against tests/e2e/search-quality.spec.ts.
 */
export const SEARCH_TUNING = { laterWeight: 0.6, nameWeight: 0.7 } as const;

export type SearchTuning = { readonly laterWeight: number; readonly nameWeight: number };

/** Pagefind plus the names (names.ts): what a search needs. */
export interface SearchIndex {
  readonly pagefind: PagefindApi;
  /** Names of every page that is not an institution. */
  readonly names: NamesById;
  /** Institutions' exact names → page ids, one shard per hash bucket (fetched on demand). */
  shard(key: string): Promise<NameShard>;
}

/**
 * Loads and configures Pagefind and the names file (only ever on the search page, only when
 * a search runs). With a province (the search split by province, split.ts), its index and
 * names are merged in; each province gets its own copy of Pagefind's module (the query
 * string), so choosing another province starts clean rather than adding to the last.
 */
export async function loadSearchIndex(base: string = PAGEFIND_BASE, province = ''): Promise<SearchIndex> {
  const provinceBase = province ? `${base}${provinceIndexPath(province)}` : undefined;
  const loadPagefind = async () => {
    const script = `${base}pagefind.js${province ? `?p=${province}` : ''}`;
    const pagefind = (await import(/* @vite-ignore */ script)) as PagefindApi;
    await pagefind.options({ ...PAGEFIND_OPTIONS, basePath: base });
    await pagefind.init();
    if (provinceBase !== undefined) {
      const { excerptLength, ranking } = PAGEFIND_OPTIONS;
      // A province without pages has no index: the site's pages are still searched.
      await pagefind.mergeIndex(provinceBase, { excerptLength, ranking }).catch((error: unknown) => {
        console.warn('搜索：未能读取该省份的索引', error);
      });
    }
    // Pagefind only counts results per filter value once the filter index is loaded.
    await pagefind.filters();
    return pagefind;
  };
  const namesFile = (folder: string) =>
    fetchJson(`${folder}${NAMES_STEM}`).then(decodeSiteNames, (error: unknown) => {
      // Search still works, ranked by Pagefind alone.
      console.warn('搜索：未能读取页面名称文件', error);
      return decodeSiteNames(null);
    });
  const [pagefind, site, placed] = await Promise.all([
    loadPagefind(),
    namesFile(base),
    provinceBase === undefined ? Promise.resolve(undefined) : namesFile(provinceBase),
  ]);
  // Institutions' exact names: in the province's shards when split, else in the site's.
  const named = placed ?? site;
  const shardBase = provinceBase ?? base;
  const shards = new Map<number, Promise<NameShard>>();
  const shard = (key: string): Promise<NameShard> => {
    if (named.shards === 0) return Promise.resolve({});
    const k = shardOf(key, named.shards);
    let hit = shards.get(k);
    if (!hit) {
      hit = fetchJson(`${shardBase}${SHARD_DIR}/${k}`).then(decodeShard, () => ({}));
      shards.set(k, hit);
    }
    return hit;
  };
  return { pagefind, names: { ...site.pages, ...placed?.pages }, shard };
}

/** A names file: the gzip copy where the browser can unpack it (a fifth of the size), else the plain one. */
async function fetchJson(stem: string): Promise<unknown> {
  const get = async (file: string) => {
    const response = await fetch(file);
    if (!response.ok || !response.body) throw new Error(`${file}: HTTP ${response.status}`);
    return response;
  };
  if (typeof DecompressionStream === 'function') {
    try {
      const { body } = await get(`${stem}${GZIP_EXT}`);
      if (body) return JSON.parse(await new Response(body.pipeThrough(new DecompressionStream('gzip'))).text()) as unknown;
    } catch {
      // Fall back to the plain file (e.g. a proxy already unpacked it).
    }
  }
  return (await get(`${stem}${JSON_EXT}`)).json() as Promise<unknown>;
}

export interface RankedResult {
  readonly id: string;
  readonly score: number;
  data(): Promise<PagefindResultData>;
}

export interface SearchOutcome {
  readonly plan: PlannedQuery;
  /** Merged results, best first, with the state's filters applied. */
  readonly results: readonly RankedResult[];
  /** Results per content type with the city filter applied (not the type filter). */
  readonly typeCounts: Readonly<Record<string, number>>;
  /** Results per city with the type filter applied (not the city filter). */
  readonly cityCounts: Readonly<Record<string, number>>;
  /** True when no page had all the words and these results have some of them. */
  readonly partial: boolean;
}

type Facet = 'type' | 'city';

/**
 * How many of the first results get an institution's name score from their fragment (the
 * rest rank by Pagefind and exact names). Two pages of results: the fragments of the first
 * page are fetched to show it anyway, and a second page's worth lets a well-named result
 * climb onto the first page.
 */
export const RERANK_DEPTH = 20;

/** Results on the search page's first page (search-element.ts shows them ten at a time). */
export const FIRST_PAGE = 10;

/**
 * Name scores of the results whose names are not in the site names file (institutions):
 * 2 for an exact name, 1 for an exact name of the canonical query (as nameScore).
 */
async function exactNameScores(index: SearchIndex, plan: PlannedQuery): Promise<Map<string, number>> {
  const scores = new Map<string, number>();
  const keys: [string, number][] = [[titleKey(plan.normalized), 2]];
  if (plan.canonical !== plan.normalized) keys.push([titleKey(plan.canonical), 1]);
  for (const [key, score] of keys) {
    if (!key) continue;
    for (const id of (await index.shard(key))[key] ?? []) scores.set(id, Math.max(scores.get(id) ?? 0, score));
  }
  return scores;
}

async function searchOrEmpty(
  pagefind: PagefindApi,
  term: string,
  filters: Record<string, PagefindFilter>,
): Promise<PagefindSearchResponse> {
  return (await pagefind.search(term, { filters })) ?? { results: [], filters: {} };
}

function nonZero(counts: Readonly<Record<string, number>>): Record<string, number> {
  return Object.fromEntries(Object.entries(counts).filter(([, n]) => n > 0));
}

function without(filters: Record<string, PagefindFilter>, facet: Facet): Record<string, PagefindFilter> {
  const rest = { ...filters };
  delete rest[facet];
  return rest;
}

/** Remembers a result's fragment so it downloads once. */
function memo(result: PagefindResult, score: number): RankedResult {
  let data: Promise<PagefindResultData> | undefined;
  return { id: result.id, score, data: () => (data ??= result.data()) };
}

/**
 * Per-facet counts for one search (the canonical one): the index carries the canonical word
 * on every page that uses a synonym, so it finds every page the as-typed search finds.
 * A facet that is itself filtered is counted by a search without that filter.
 */
async function singleSearchCounts(
  pagefind: PagefindApi,
  term: string,
  filters: Record<string, PagefindFilter>,
  main: PagefindSearchResponse,
  facet: Facet,
) {
  return facetCounts(facet in filters ? await searchOrEmpty(pagefind, term, without(filters, facet)) : main, facet);
}

/** Counts per value of a facet among a response's results; institutions (no type filter value) are the results without another type. */
function facetCounts(response: PagefindSearchResponse, facet: Facet): Record<string, number> {
  const counts = { ...(response.filters[facet] ?? {}) };
  if (facet === 'type') counts[REGISTRY_SEARCH_TYPE] = response.results.length - Object.values(counts).reduce((a, b) => a + b, 0);
  return counts;
}

/** The filter that selects one value of a facet (filtersFor's rule for the type without a filter value). */
function facetFilter(facet: Facet, value: string): PagefindFilter {
  return facet === 'type' ? typeFilter(value) : value;
}

/** Per-facet counts for an any-of-the-words search: pages are counted once however many words they match. */
async function unionCounts(pagefind: PagefindApi, terms: readonly string[], filters: Record<string, PagefindFilter>, facet: Facet) {
  const values = [...Object.keys((await pagefind.filters())[facet] ?? {}), ...(facet === 'type' ? [REGISTRY_SEARCH_TYPE] : [])];
  const counts: Record<string, number> = {};
  for (const value of values) {
    const ids = new Set<string>();
    for (const term of terms)
      for (const r of (await searchOrEmpty(pagefind, term, { ...without(filters, facet), [facet]: facetFilter(facet, value) })).results)
        ids.add(r.id);
    counts[value] = ids.size;
  }
  return counts;
}

/** Ids of the sample records among a search's results (one more search per term, with the sample filter). */
async function sampleIds(pagefind: PagefindApi, terms: readonly string[], filters: Record<string, PagefindFilter>): Promise<Set<string>> {
  const ids = new Set<string>();
  for (const term of terms)
    for (const r of (await searchOrEmpty(pagefind, term, { ...filters, [SAMPLE_FILTER]: SAMPLE_META })).results) ids.add(r.id);
  return ids;
}

/**
 * Real pages first, then sample records, each in rank order (issue #14 item 4: six sample
 * hospitals used to come before the guide that answers 止痛). A sample asked for by its
 * exact name keeps its place.
 */
export function realBeforeSamples<T extends { readonly id: string }>(
  ranked: readonly T[],
  samples: ReadonlySet<string>,
  exactNames: ReadonlyMap<string, number>,
): T[] {
  const keep = (r: T) => !samples.has(r.id) || (exactNames.get(r.id) ?? 0) > 0;
  return [...ranked.filter(keep), ...ranked.filter((r) => !keep(r))];
}

/** Runs the searches for one state of the search page. */
export async function runSearch(
  index: SearchIndex,
  table: SynonymTable,
  state: SearchState,
  tuning: SearchTuning = SEARCH_TUNING,
): Promise<SearchOutcome> {
  const { pagefind, names } = index;
  const plan = planQuery(state.q, table);
  const primary = plan.searches[0];
  if (primary === undefined) return { plan, results: [], typeCounts: {}, cityCounts: {}, partial: false };
  const filters = filtersFor(state);
  const run = (terms: readonly string[]) => Promise.all(terms.map((term) => searchOrEmpty(pagefind, term, filters)));

  // What Pagefind is asked for: the canonical query and the words as typed, each with
  // searchAs keys (安宁疗护 → 安宁).
  const asTerms = (searches: readonly string[]) => [...new Set(searches.map((s) => pagefindTerm(s, table)))];
  // The exact-name shard depends on the query alone: fetched while Pagefind searches, not after.
  const exactScores = exactNameScores(index, plan);
  let terms: readonly string[] = asTerms(plan.searches);
  let responses = await run(terms);
  let partial = false;
  // No page has all the words (怎么申请 转介): show pages with any of them, most words first.
  const words = [...new Set(plan.searches.flatMap((q) => q.split(' ')))];
  if (responses.every((r) => r.results.length === 0) && words.length > 1) {
    terms = asTerms(words);
    responses = await run(terms);
    partial = responses.some((r) => r.results.length > 0);
  }

  const byId = new Map<string, PagefindResult>();
  for (const response of responses) for (const r of response.results) if (!byId.has(r.id)) byId.set(r.id, r);
  const merged = mergeRankings(
    responses.map((response) => response.results),
    partial ? 1 : tuning.laterWeight,
  );
  const exact = await exactScores;
  const ranked = merged
    .map((m, order) => {
      const known = names[m.id];
      return { m, order, score: m.score + tuning.nameWeight * (known ? nameScore(plan, known) : (exact.get(m.id) ?? 0)) };
    })
    .sort((a, b) => b.score - a.score || a.order - b.order)
    .flatMap(({ m, order, score }) => {
      const r = byId.get(m.id);
      return r ? [{ result: memo(r, score), base: m.score, order, known: names[m.id] !== undefined }] : [];
    });
  // Which results are samples: a search over the words' chunks and the filters, all loaded
  // by now, so no request to wait for.
  const samples = await sampleIds(pagefind, terms, filters);
  // What follows needs no further ranking, so its requests go out together rather than one
  // wave after another (issue #20: each wave is a round trip a person waits for):
  // - the fragments of the first page as it will be shown. Name scores, still to come, only
  //   move institutions up, so a page outside these ten cannot reach the first page but by
  //   a name score, and those fragments are fetched below anyway;
  // - the facet counts;
  // - the institutions' fragments for their full name score.
  const firstPage = realBeforeSamples(
    ranked.map((entry) => entry.result),
    samples,
    exact,
  ).slice(0, FIRST_PAGE);
  for (const result of firstPage) result.data().catch(() => undefined); // a failure shows where the page awaits it
  const counts = Promise.all(
    (['type', 'city'] as const).map((facet) =>
      partial
        ? unionCounts(pagefind, terms, filters, facet)
        : singleSearchCounts(pagefind, terms[0] ?? primary, filters, responses[0] ?? { results: [], filters: {} }, facet),
    ),
  );
  // Institutions among the first results: their full name score, from the fragment.
  const head = await Promise.all(
    ranked.slice(0, RERANK_DEPTH).map(async (entry) => {
      if (entry.known) return entry;
      const score =
        entry.base + tuning.nameWeight * Math.max(nameScore(plan, namesOf(await entry.result.data())), exact.get(entry.result.id) ?? 0);
      return { ...entry, result: { ...entry.result, score } };
    }),
  );
  head.sort((a, b) => b.result.score - a.result.score || a.order - b.order);
  const results = realBeforeSamples(
    [...head, ...ranked.slice(RERANK_DEPTH)].map((entry) => entry.result),
    samples,
    exact,
  );
  const [typeCounts, cityCounts] = await counts;
  return { plan, results, typeCounts: nonZero(typeCounts ?? {}), cityCounts: nonZero(cityCounts ?? {}), partial };
}

/** URLs of the first `limit` results, as the search page ranks them (used by the search-quality test). */
export async function topUrls(
  index: SearchIndex,
  table: SynonymTable,
  query: string,
  limit = 5,
  tuning: SearchTuning = SEARCH_TUNING,
): Promise<string[]> {
  const { results } = await runSearch(index, table, { q: query, type: '', city: '' }, tuning);
  const data = await Promise.all(results.slice(0, limit).map((r) => r.data()));
  return data.map((d) => d.url);
}

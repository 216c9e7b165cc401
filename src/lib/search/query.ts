/**
 * Query handling for site search: pure functions shared by the search page (browser),
 * the Pagefind integration (build) and the tests. No DOM, no Pagefind, no zod here:
 * the search page's JavaScript budget is small.
 */
import { provinceParam } from './split.ts';
import * as routes from '../routes.ts';

/** Compact synonyms (made from content/search-synonyms.json by synonyms.ts). */
export interface SynonymTable {
  /** Each group: [canonical, ...variants], simplified characters. */
  readonly groups: readonly (readonly string[])[];
  /** Traditional spelling → simplified spelling (a word of some group). */
  readonly traditional: readonly (readonly [string, string])[];
  /** Canonical word → the part of it Pagefind is asked for (the group's searchAs). */
  readonly searchAs?: readonly (readonly [string, string])[];
}

/** Content types every indexed page carries as the `type` filter, in display order. */
export const SEARCH_TYPES = ['机构', '课程', '课时', '指南', '页面'] as const;
export type SearchType = (typeof SEARCH_TYPES)[number];

/** Type of a page that does not declare one (home, finder, region pages …). */
export const DEFAULT_SEARCH_TYPE: SearchType = '页面';

/**
 * The type of the pages that grow with the registry: institutions, nearly every page at
 * national scale. Two things follow, both so that a first query stays small:
 * - it is metadata only, not a Pagefind filter value: a filter lists every page that has
 *   each value and the search page loads it before the first query (at 10 000 institutions
 *   the 机构 list alone would be 20 KB). An institution is whatever has none of the other
 *   types (typeFilter, engine.ts);
 * - its pages' names are not in the site names file but in hashed shards (names.ts).
 */
export const REGISTRY_SEARCH_TYPE: SearchType = '机构';

/** A Pagefind filter: one value, or a compound such as { none: [...] }. */
export type PagefindFilter = string | { readonly none: readonly string[] };

/** Longest query we pass on; longer input is cut (a pasted paragraph is not a query). */
export const MAX_QUERY_LENGTH = 100;

interface SynonymWord {
  readonly word: string;
  readonly canonical: string;
  readonly group: number;
}

interface Lookup {
  /** Every simplified word of every group with its group's canonical word, by first character, longest first. */
  readonly byFirst: ReadonlyMap<string, readonly SynonymWord[]>;
  /** Whole traditional spellings, longest first. */
  readonly tradWords: readonly (readonly [string, string])[];
  /** Character map derived from the listed traditional spellings (only characters that differ). */
  readonly tradChars: ReadonlyMap<string, string>;
}

const lookups = new WeakMap<SynonymTable, Lookup>();

function lookup(table: SynonymTable): Lookup {
  const hit = lookups.get(table);
  if (hit) return hit;
  const words = table.groups
    .flatMap((group, g) => group.map((word) => ({ word, canonical: group[0] ?? word, group: g })))
    .sort((a, b) => b.word.length - a.word.length);
  const tradWords = [...table.traditional].sort((a, b) => b[0].length - a[0].length);
  const tradChars = new Map<string, string>();
  for (const [trad, simp] of table.traditional) {
    const t = [...trad];
    const s = [...simp];
    if (t.length !== s.length) continue;
    t.forEach((ch, i) => {
      const to = s[i];
      if (to !== undefined && to !== ch) tradChars.set(ch, to);
    });
  }
  // Candidates per first character, longest first as in `words`: finding synonyms in a page
  // tried every word at every position (4 s of a 10 000-institution build, issue #20).
  const byFirst = new Map<string, SynonymWord[]>();
  for (const w of words) {
    const first = w.word[0];
    if (first === undefined) continue;
    const list = byFirst.get(first);
    if (list) list.push(w);
    else byFirst.set(first, [w]);
  }
  const built: Lookup = { byFirst, tradWords, tradChars };
  lookups.set(table, built);
  return built;
}

/** Quotes and title marks: Pagefind returns nothing for quoted Chinese phrases, so they go. */
const QUOTES = /["'`“”‘’„‟«»「」『』《》〈〉〝〞]/gu;

/** A run that looks like a phone number: digits with separators, optional 转 extension. */
const PHONE_RUN = /\+?[(（]?\d[\d\s\-–—()（）]*\d(?:\s*转\s*\d+)?/gu;

/** A date such as 2026-11-22 is not a phone number. */
const DATE = /^\s*\d{4}[-/.]\d{1,2}[-/.]\d{1,2}\s*$/u;

/**
 * Rewrites a phone-like run so it matches how pages are indexed: Pagefind splits
 * 0571-87654321 into "0571" and "87654321", so 057187654321, (0571) 8765 4321 and
 * +86 571 8765 4321 all become "0571 87654321"; a mobile number typed in groups is joined.
 * Anything that is not shaped like a Chinese landline, mobile or local number (years,
 * 6-digit region codes, dates, several numbers in a row) is left alone.
 */
export function normalizePhoneRun(run: string): string {
  const [main = '', extension] = run.split('转');
  if (DATE.test(main)) return run;
  let digits = main.replace(/\D/gu, '');
  if (/^\s*\+\s*86/u.test(main) || /^0086\d{9,}/u.test(digits)) {
    digits = digits.replace(/^(?:0086|86)/u, '');
    if (!digits.startsWith('0') && !digits.startsWith('1')) digits = `0${digits}`;
  }
  const landline = /^0\d{9,11}$/u.test(digits);
  const mobile = /^1[3-9]\d{9}$/u.test(digits);
  const local = /^[2-9]\d{6,7}$/u.test(digits);
  if (!landline && !mobile && !local) return run;
  // Area codes: 010 and 02x have three digits, the others four.
  const area = /^0(?:10|2\d)/u.test(digits) ? 3 : 4;
  const out = landline ? `${digits.slice(0, area)} ${digits.slice(area)}` : digits;
  const ext = extension?.replace(/\D/gu, '');
  return ext ? `${out} ${ext}` : out;
}

/** Traditional → simplified for the listed terms: whole spellings first, then their characters. */
export function toSimplified(text: string, table: SynonymTable): string {
  const { tradWords, tradChars } = lookup(table);
  let out = text;
  for (const [trad, simp] of tradWords) if (out.includes(trad)) out = out.split(trad).join(simp);
  return [...out].map((ch) => tradChars.get(ch) ?? ch).join('');
}

/**
 * Normalises what a person typed: full-width letters, digits and spaces to half-width
 * (NFKC), quotes removed, listed traditional spellings to simplified, phone numbers in the
 * indexed form, blanks collapsed, trimmed, at most MAX_QUERY_LENGTH characters.
 */
export function normalizeQuery(raw: string, table: SynonymTable): string {
  let q = raw.normalize('NFKC').replace(QUOTES, ' ');
  q = toSimplified(q, table);
  q = q.replace(PHONE_RUN, (run) => ` ${normalizePhoneRun(run)} `);
  q = q.replace(/\s+/gu, ' ').trim();
  return [...q].slice(0, MAX_QUERY_LENGTH).join('').trim();
}

export interface TermMatch {
  readonly start: number;
  readonly end: number;
  readonly word: string;
  readonly canonical: string;
  readonly group: number;
}

/** Synonym words found in a text, longest first at each position, not overlapping. */
export function findSynonymWords(text: string, table: SynonymTable): TermMatch[] {
  const { byFirst } = lookup(table);
  const found: TermMatch[] = [];
  let i = 0;
  while (i < text.length) {
    const hit = byFirst.get(text[i] ?? '')?.find((w) => text.startsWith(w.word, i));
    if (hit) {
      found.push({ start: i, end: i + hit.word.length, word: hit.word, canonical: hit.canonical, group: hit.group });
      i += hit.word.length;
    } else {
      i += 1;
    }
  }
  return found;
}

/** Replaces every synonym in a (normalised) query with its group's canonical word. */
export function canonicalize(query: string, table: SynonymTable): string {
  let out = '';
  let last = 0;
  for (const m of findSynonymWords(query, table)) {
    out += query.slice(last, m.start) + m.canonical;
    last = m.end;
  }
  return out + query.slice(last);
}

export interface PlannedQuery {
  /** The normalised query (empty when there is nothing to search for). */
  readonly normalized: string;
  /** The same with every synonym replaced by its canonical word. */
  readonly canonical: string;
  /**
   * Pagefind searches to run, most important first: the canonical query (the index holds
   * the canonical word on every page that uses any of its synonyms, so its results and
   * filter counts cover them all), then the query as typed, which lifts pages using
   * the person's own word.
   */
  readonly searches: readonly string[];
  /** Words to mark in excerpts, longest first: the query's own words and every word of each synonym group it touches. */
  readonly highlight: readonly string[];
}

/** Turns raw input into the searches to run and the words to highlight. */
export function planQuery(raw: string, table: SynonymTable): PlannedQuery {
  const normalized = normalizeQuery(raw, table);
  if (normalized === '') return { normalized, canonical: '', searches: [], highlight: [] };
  const canonical = canonicalize(normalized, table);
  const searches = canonical === normalized ? [canonical] : [canonical, normalized];
  const words = new Set(normalized.split(' ').filter(Boolean));
  for (const m of findSynonymWords(normalized, table)) for (const w of table.groups[m.group] ?? []) words.add(w);
  for (const w of canonical.split(' ')) if (w) words.add(w);
  const highlight = [...words].sort((a, b) => b.length - a.length);
  return { normalized, canonical, searches, highlight };
}

/**
 * The term handed to Pagefind for one of the plan's searches: each canonical word with a
 * searchAs key (安宁疗护 → 安宁) is replaced by the key, as a word of its own. Ranking,
 * names and highlighting still use the whole words.
 */
export function pagefindTerm(search: string, table: SynonymTable): string {
  let term = search;
  for (const [word, key] of table.searchAs ?? []) if (term.includes(word)) term = term.split(word).join(` ${key} `);
  return [...new Set(term.split(' ').filter(Boolean))].join(' ');
}

/** Comparison form of a title or query: half-width, lower case, no blanks or punctuation, no trailing 示例 badge. */
export function titleKey(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]/gu, '')
    .replace(/(?:示例)+$/u, '');
}

/**
 * The pieces of a query compared with page names: each word of one or two characters
 * whole, longer words as overlapping character pairs (安宁疗护中心 → 安宁 宁疗 疗护 护中 中心),
 * the usual way to match Chinese without a dictionary, so a query typed without spaces
 * (如何转介) still meets the title 如何获得安宁疗护服务 on 如何.
 */
export function queryPieces(query: string): string[] {
  return query
    .split(' ')
    .map(titleKey)
    .flatMap((w) => {
      const chars = [...w];
      return chars.length <= 2 ? (w ? [w] : []) : chars.slice(1).map((c, i) => `${chars[i] ?? ''}${c}`);
    });
}

/** What the build knows about a page for reranking (names.ts): its names (title, an institution's other names) and key facts (type, kind, city, county, audience). */
export interface PageNames {
  readonly names: readonly string[];
  readonly facts: readonly string[];
}

/**
 * How well a page's names and facts answer the query (the search page adds this to
 * Pagefind's score). 2 when a name is the query itself (an institution's exact name).
 * Otherwise `coverage`, the share of the query's pieces (queryPieces) found in some name
 * or fact: 杭州 安宁疗护中心 covers an institution whose kind is 安宁疗护中心 and city
 * 杭州市 fully, a page titled 杭州市示例综合医院 only on 杭州; plus a quarter of `focus`,
 * the share of the best-matching name the query's pieces account for (认识安宁疗护 is
 * more about 安宁疗护 than 安宁疗护志愿者做什么、不做什么). The words typed count fully, the
 * canonical synonyms they were turned into half, so 缓和医疗 does not simply become a
 * search for every title with 安宁疗护. Pagefind cannot see any of this: it splits Chinese
 * words and has no phrases.
 */
export function nameScore(plan: Pick<PlannedQuery, 'normalized' | 'canonical'>, page: PageNames): number {
  const names = page.names.map(titleKey).filter((k) => k.length > 0);
  const all = [...names, ...page.facts.map(titleKey).filter((k) => k.length > 0)];
  if (all.length === 0) return 0;
  const score = (query: string) => {
    if (names.includes(titleKey(query))) return 2;
    const pieces = queryPieces(query);
    if (pieces.length === 0) return 0;
    const coverage = pieces.filter((p) => all.some((k) => k.includes(p))).length / pieces.length;
    const focus = Math.max(
      0,
      ...names.map((k) => Math.min(1, pieces.filter((p) => k.includes(p)).length / Math.max(1, [...k].length - 1))),
    );
    return coverage + 0.25 * focus;
  };
  const typed = score(plan.normalized);
  return plan.canonical === plan.normalized ? typed : Math.max(typed, score(plan.canonical) / 2);
}

export interface ExcerptSegment {
  readonly text: string;
  readonly mark: boolean;
}

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** Decodes the HTML entities Pagefind puts in excerpts. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/giu, (whole, name: string) => {
    if (name.startsWith('#x') || name.startsWith('#X')) return String.fromCodePoint(Number.parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(Number.parseInt(name.slice(1), 10));
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/**
 * Marks the query's words in a Pagefind excerpt. Pagefind marks Chinese matches character
 * by character (<mark>安宁</mark><mark>疗</mark>…), so whole query words and their synonyms
 * are marked instead; when none of them occurs, Pagefind's own marks are kept, joined where
 * they touch. Returns plain-text segments (the caller builds DOM nodes, never HTML).
 */
export function highlightExcerpt(excerptHtml: string, words: readonly string[]): ExcerptSegment[] {
  const pieces = excerptHtml.split(/(<\/?mark>)/u);
  let text = '';
  const pagefindMarks: [number, number][] = [];
  let inMark = false;
  for (const piece of pieces) {
    if (piece === '<mark>') inMark = true;
    else if (piece === '</mark>') inMark = false;
    else {
      const plain = decodeEntities(piece.replace(/<[^>]*>/gu, ''));
      if (inMark && plain) {
        const previous = pagefindMarks.at(-1);
        if (previous && previous[1] === text.length) previous[1] += plain.length;
        else pagefindMarks.push([text.length, text.length + plain.length]);
      }
      text += plain;
    }
  }
  const taken = new Array<boolean>(text.length).fill(false);
  const lower = text.toLowerCase();
  for (const word of [...words].sort((a, b) => b.length - a.length)) {
    const w = word.toLowerCase();
    if (!w) continue;
    let from = lower.indexOf(w);
    while (from !== -1) {
      if (!taken.slice(from, from + w.length).some(Boolean)) taken.fill(true, from, from + w.length);
      from = lower.indexOf(w, from + w.length);
    }
  }
  if (!taken.some(Boolean)) for (const [start, end] of pagefindMarks) taken.fill(true, start, end);
  const segments: ExcerptSegment[] = [];
  let start = 0;
  for (let i = 1; i <= text.length; i++) {
    if (i === text.length || taken[i] !== taken[start]) {
      segments.push({ text: text.slice(start, i), mark: taken[start] === true });
      start = i;
    }
  }
  return segments;
}

export interface Scored {
  readonly id: string;
  readonly score: number;
}

/**
 * Merges the rankings of several searches for one query (CombSUM): each list's scores are
 * divided by its best score, later lists count `laterWeight` as much as the first, and a
 * page's merged score is the sum. Ties keep the first list's order.
 */
export function mergeRankings(lists: readonly (readonly Scored[])[], laterWeight = 0.6): Scored[] {
  const merged = new Map<string, { score: number; order: number }>();
  let order = 0;
  lists.forEach((list, i) => {
    const best = Math.max(0, ...list.map((r) => r.score));
    const weight = i === 0 ? 1 : laterWeight;
    for (const r of list) {
      const part = best > 0 ? (r.score / best) * weight : 0;
      const entry = merged.get(r.id);
      if (entry) entry.score += part;
      else merged.set(r.id, { score: part, order: order++ });
    }
  });
  return [...merged.entries()]
    .sort((a, b) => b[1].score - a[1].score || a[1].order - b[1].order)
    .map(([id, v]) => ({ id, score: v.score }));
}

/** The search page's state, kept in its URL so results can be shared and the back button works. */
export interface SearchState {
  readonly q: string;
  /** Content type filter, or '' for all. */
  readonly type: string;
  /** City filter, or '' for all. */
  readonly city: string;
  /** Province whose institutions and places are searched too, when the search is split by province (split.ts); '' or absent for none. */
  readonly province?: string;
}

/** Reads ?q=&type=&city=&province= (unknown types and provinces are ignored). */
export function readSearchState(search: string): SearchState {
  const params = new URLSearchParams(search);
  const type = params.get('type') ?? '';
  return {
    q: (params.get('q') ?? '').slice(0, 4 * MAX_QUERY_LENGTH),
    type: (SEARCH_TYPES as readonly string[]).includes(type) ? type : '',
    city: (params.get('city') ?? '').trim().slice(0, 20),
    province: provinceParam(params.get('province')),
  };
}

/** The search page URL for a state (empty parts left out). */
export function searchUrl(state: SearchState, base = routes.search): string {
  const params = new URLSearchParams();
  if (state.q.trim()) params.set('q', state.q.trim());
  if (state.type) params.set('type', state.type);
  if (state.city) params.set('city', state.city);
  if (state.province) params.set('province', state.province);
  const qs = params.toString();
  return qs ? `${base}?${qs}` : base;
}

/** The Pagefind filter for one content type: institutions are the pages with none of the others. */
export function typeFilter(type: string): PagefindFilter {
  return type === REGISTRY_SEARCH_TYPE ? { none: SEARCH_TYPES.filter((t) => t !== REGISTRY_SEARCH_TYPE) } : type;
}

/** Pagefind filters for a state. */
export function filtersFor(state: SearchState): Record<string, PagefindFilter> {
  const filters: Record<string, PagefindFilter> = {};
  if (state.type) filters['type'] = typeFilter(state.type);
  if (state.city) filters['city'] = state.city;
  return filters;
}

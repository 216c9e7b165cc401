/**
 * Page weight of a built site, without a browser: for each built HTML page, what loads
 * before any interaction — the HTML, its stylesheets and the JavaScript it runs eagerly —
 * as gzip sizes (zlib level 9, each file compressed on its own, as a server would send it).
 *
 * Eager JavaScript: inline scripts, `<script src>` (module or classic), `<link rel=modulepreload>`
 * and Astro islands hydrated without waiting (`client="load" | "idle" | "only" | "media"`:
 * their component-url, renderer-url and before-hydration-url), each with every module it imports
 * statically (`import … from "./x.js"`, `import "./x.js"`, `export … from "./x.js"`), followed
 * through the built _astro chunks. `client:visible` islands and `import()` are not counted as
 * eager: `visibleJsGzip` adds the former, `jsWithMapGzip` adds the finder's map module (the
 * dynamic import whose address contains `mapModule`) and its static imports.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

export const PAGE_TYPES = ['home', 'finder', 'region', 'institution', 'course', 'lesson', 'guide', 'volunteer', 'search'] as const;
export type PageType = (typeof PAGE_TYPES)[number];

/** Figures of one page, bytes gzip. */
export interface PageWeight {
  /** Site path, e.g. /services/. */
  readonly page: string;
  readonly htmlGzip: number;
  /** Stylesheets linked from the page. */
  readonly cssGzip: number;
  /** JavaScript run before any interaction: external modules plus the inline scripts (compressed together). */
  readonly jsGzip: number;
  /** The inline part of jsGzip (already inside htmlGzip). */
  readonly inlineJsGzip: number;
  /** jsGzip plus the client:visible islands and their static imports. */
  readonly visibleJsGzip: number;
  /** jsGzip plus the map module and its static imports; null when the page has no such dynamic import. */
  readonly jsWithMapGzip: number | null;
  /** HTML + CSS + external eager JS: the bytes fetched before any interaction. */
  readonly totalGzip: number;
  /** External eager scripts (site paths). */
  readonly scripts: readonly string[];
  /** Problems: referenced files that are missing or outside the site. */
  readonly problems: readonly string[];
}

/** Per page type: how many pages, and the heaviest value of each figure with the page it comes from. */
export interface TypeWeight {
  readonly type: PageType;
  readonly pages: number;
  readonly max: {
    readonly [K in 'htmlGzip' | 'cssGzip' | 'jsGzip' | 'visibleJsGzip' | 'jsWithMapGzip' | 'totalGzip']: {
      readonly value: number;
      readonly page: string;
    } | null;
  };
  readonly problems: readonly string[];
}

const gzipCache = new Map<string, number>();
export const gzipSize = (data: string | Buffer): number => gzipSync(data, { level: 9 }).length;

/** Gzip size of a file (memoised by path). */
function fileGzip(file: string): number {
  let size = gzipCache.get(file);
  if (size === undefined) {
    size = gzipSize(readFileSync(file));
    gzipCache.set(file, size);
  }
  return size;
}

/** Attributes of a start tag's attribute text (values entity-decoded for &amp; &quot; &#39;). */
export function parseAttributes(text: string): Map<string, string> {
  const attrs = new Map<string, string>();
  for (const m of text.matchAll(/([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/gu)) {
    const name = (m[1] ?? '').toLowerCase();
    const value = m[2] ?? m[3] ?? m[4] ?? '';
    if (!attrs.has(name))
      attrs.set(
        name,
        value
          .replace(/&quot;/gu, '"')
          .replace(/&#39;/gu, "'")
          .replace(/&amp;/gu, '&'),
      );
  }
  return attrs;
}

const QUOTE = String.raw`(["'\x60])`;
/** `import x from "./a.js"`, `import{a}from"./a.js"`, `import"./a.js"`, `import*as x from"./a.js"`. */
const STATIC_IMPORT = new RegExp(String.raw`(?:^|[;\s{}()])import\s*(?:[\w$*{}\s,]+?\s*from\s*)?${QUOTE}([^"'\x60]+)\1`, 'gu');
/** `export{a}from"./a.js"`, `export*from"./a.js"`, `export * as x from "./a.js"`. */
const STATIC_EXPORT = new RegExp(
  String.raw`(?:^|[;\s{}()])export\s*(?:\*(?:\s*as\s+[\w$]+)?|\{[^}]*\})\s*from\s*${QUOTE}([^"'\x60]+)\1`,
  'gu',
);
/** `import("./a.js")` with a literal address (template addresses with ${…} are not followed). */
const DYNAMIC_IMPORT = /\bimport\(\s*(["'`])([^"'`$]+)\1\s*\)/gu;

/** Addresses a module imports statically. */
export function staticImports(code: string): string[] {
  return [...code.matchAll(STATIC_IMPORT), ...code.matchAll(STATIC_EXPORT)].map((m) => m[2] ?? '').filter((s) => s !== '');
}

/** Addresses a module imports dynamically (literal addresses only). */
export function dynamicImports(code: string): string[] {
  return [...code.matchAll(DYNAMIC_IMPORT)].map((m) => m[2] ?? '').filter((s) => s !== '');
}

/** What the HTML of one page asks the browser to load up front. */
export interface PageRefs {
  readonly stylesheets: string[];
  /** External scripts and module preloads, run or fetched before interaction. */
  readonly eagerScripts: string[];
  /** Modules of client:visible islands. */
  readonly visibleScripts: string[];
  /** Text of inline JavaScript (classic and module). */
  readonly inlineScripts: string[];
  /** Addresses imported statically by inline module scripts (relative to the page). */
  readonly inlineImports: string[];
}

const JS_TYPES = new Set(['', 'module', 'text/javascript', 'application/javascript']);
const EAGER_CLIENTS = new Set(['load', 'idle', 'only', 'media']);

/** The stylesheets, scripts and islands of a page's HTML. */
export function pageRefs(html: string): PageRefs {
  const refs: PageRefs = { stylesheets: [], eagerScripts: [], visibleScripts: [], inlineScripts: [], inlineImports: [] };
  for (const m of html.matchAll(/<link\b([^>]*)>/giu)) {
    const a = parseAttributes(m[1] ?? '');
    const rel = (a.get('rel') ?? '').toLowerCase().split(/\s+/u);
    const href = a.get('href');
    if (href === undefined) continue;
    if (rel.includes('stylesheet')) refs.stylesheets.push(href);
    else if (rel.includes('modulepreload')) refs.eagerScripts.push(href);
  }
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/giu)) {
    const a = parseAttributes(m[1] ?? '');
    const type = (a.get('type') ?? '').toLowerCase();
    if (!JS_TYPES.has(type)) continue; // JSON-LD, import maps, templates
    const src = a.get('src');
    if (src !== undefined) {
      refs.eagerScripts.push(src);
    } else {
      const code = m[2] ?? '';
      refs.inlineScripts.push(code);
      if (type === 'module') refs.inlineImports.push(...staticImports(code));
    }
  }
  for (const m of html.matchAll(/<astro-island\b([^>]*)>/giu)) {
    const a = parseAttributes(m[1] ?? '');
    const urls = ['component-url', 'renderer-url', 'before-hydration-url']
      .map((k) => a.get(k))
      .filter((u): u is string => u !== undefined && u !== '');
    if (EAGER_CLIENTS.has(a.get('client') ?? 'load')) refs.eagerScripts.push(...urls);
    else refs.visibleScripts.push(...urls);
  }
  return refs;
}

const ORIGIN = 'http://site.invalid';

/** Reads built modules under a client folder and follows their imports. */
export class ModuleGraph {
  readonly #clientDir: string;
  readonly #code = new Map<string, string | null>();
  readonly problems = new Set<string>();

  constructor(clientDir: string) {
    this.#clientDir = clientDir;
  }

  /** Site path of an address as seen from `from` (a site path), or null when it leaves the site. */
  resolve(address: string, from: string): string | null {
    const url = new URL(address, ORIGIN + from);
    if (url.origin !== ORIGIN) {
      this.problems.add(`external script not counted: ${address}`);
      return null;
    }
    return decodeURIComponent(url.pathname);
  }

  file(sitePath: string): string {
    return path.join(this.#clientDir, sitePath);
  }

  code(sitePath: string): string | null {
    if (!this.#code.has(sitePath)) {
      const file = this.file(sitePath);
      const ok = existsSync(file) && statSync(file).isFile();
      if (!ok) this.problems.add(`missing file: ${sitePath}`);
      this.#code.set(sitePath, ok ? readFileSync(file, 'utf8') : null);
    }
    return this.#code.get(sitePath) ?? null;
  }

  gzip(sitePath: string): number {
    return this.code(sitePath) === null ? 0 : fileGzip(this.file(sitePath));
  }

  /** The modules `roots` load statically (roots included), as site paths. */
  closure(roots: readonly string[], into: Set<string> = new Set()): Set<string> {
    const stack = [...roots];
    while (stack.length > 0) {
      const current = stack.pop() ?? '';
      if (into.has(current)) continue;
      into.add(current);
      const code = this.code(current);
      if (code === null) continue;
      for (const spec of staticImports(code)) {
        const target = this.resolve(spec, current);
        if (target !== null && !into.has(target)) stack.push(target);
      }
    }
    return into;
  }

  /** Dynamic imports found in the given modules, resolved. */
  dynamicTargets(modules: Iterable<string>): string[] {
    const found: string[] = [];
    for (const m of modules) {
      const code = this.code(m);
      if (code === null) continue;
      for (const spec of dynamicImports(code)) {
        const target = this.resolve(spec, m);
        if (target !== null) found.push(target);
      }
    }
    return found;
  }
}

const sum = (xs: Iterable<number>) => [...xs].reduce((a, b) => a + b, 0);

/** Weigh one built page. `sitePath` is its address (/services/), `file` its HTML file. */
export function weighPage(graph: ModuleGraph, sitePath: string, file: string, mapModule: string): PageWeight {
  const html = readFileSync(file, 'utf8');
  const refs = pageRefs(html);
  const resolveAll = (list: readonly string[]) => list.map((a) => graph.resolve(a, sitePath)).filter((p): p is string => p !== null);
  const eager = graph.closure(resolveAll([...refs.eagerScripts, ...refs.inlineImports]));
  const visible = graph.closure(resolveAll(refs.visibleScripts), new Set(eager));
  const maps = graph.dynamicTargets(eager).filter((t) => path.posix.basename(t).includes(mapModule));
  const withMap = maps.length > 0 ? graph.closure(maps, new Set(eager)) : null;
  const inlineJsGzip = refs.inlineScripts.length > 0 ? gzipSize(refs.inlineScripts.join('\n')) : 0;
  const eagerJs = sum([...eager].map((m) => graph.gzip(m)));
  const cssGzip = sum(resolveAll(refs.stylesheets).map((s) => graph.gzip(s)));
  const htmlGzip = gzipSize(html);
  return {
    page: sitePath,
    htmlGzip,
    cssGzip,
    jsGzip: eagerJs + inlineJsGzip,
    inlineJsGzip,
    visibleJsGzip: sum([...visible].map((m) => graph.gzip(m))) + inlineJsGzip,
    jsWithMapGzip: withMap === null ? null : sum([...withMap].map((m) => graph.gzip(m))) + inlineJsGzip,
    totalGzip: htmlGzip + cssGzip + eagerJs,
    scripts: [...eager].sort(),
    problems: [...graph.problems],
  };
}

/** Sub-folders of `dir` holding an index.html, sorted. */
function pageDirs(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(path.join(dir, d.name, 'index.html')))
    .map((d) => d.name)
    .sort();
}

/** Course slugs: folders of content/courses with an index.md(x). */
export function courseSlugs(contentDir: string): string[] {
  const dir = path.join(contentDir, 'courses');
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && ['index.mdx', 'index.md'].some((f) => existsSync(path.join(dir, d.name, f))))
    .map((d) => d.name)
    .sort();
}

/** Site paths of every built page of each type. */
export function pagesByType(clientDir: string, courses: readonly string[]): Record<PageType, string[]> {
  const one = (p: string) => (existsSync(path.join(clientDir, p, 'index.html')) ? [`/${p}${p === '' ? '' : '/'}`] : []);
  const regions: string[] = [];
  for (const code of pageDirs(path.join(clientDir, 'regions')).filter((c) => /^\d+$/u.test(c))) {
    regions.push(`/regions/${code}/`, ...pageDirs(path.join(clientDir, 'regions', code)).map((n) => `/regions/${code}/${n}/`));
  }
  const courseDirs = pageDirs(path.join(clientDir, 'courses')).filter((c) => courses.includes(c));
  return {
    home: one(''),
    finder: one('services'),
    region: regions,
    institution: pageDirs(path.join(clientDir, 'services'))
      .filter((id) => id !== 'shortlist')
      .map((id) => `/services/${id}/`),
    course: courseDirs.map((c) => `/courses/${c}/`),
    lesson: courseDirs.flatMap((c) => pageDirs(path.join(clientDir, 'courses', c)).map((l) => `/courses/${c}/${l}/`)),
    guide: pageDirs(path.join(clientDir, 'guides')).map((g) => `/guides/${g}/`),
    volunteer: one('volunteer'),
    search: one('search'),
  };
}

export type MaxKey = keyof TypeWeight['max'];
export const MAX_KEYS: readonly MaxKey[] = ['htmlGzip', 'cssGzip', 'jsGzip', 'visibleJsGzip', 'jsWithMapGzip', 'totalGzip'];

/** Weigh every page of every type; each figure is the heaviest page's. */
export function weighSite(clientDir: string, options: { readonly courses: readonly string[]; readonly mapModule: string }): TypeWeight[] {
  const graph = new ModuleGraph(clientDir);
  const byType = pagesByType(clientDir, options.courses);
  return PAGE_TYPES.map((type) => {
    const max: Record<MaxKey, { value: number; page: string } | null> = {
      htmlGzip: null,
      cssGzip: null,
      jsGzip: null,
      visibleJsGzip: null,
      jsWithMapGzip: null,
      totalGzip: null,
    };
    const problems = new Set<string>();
    for (const page of byType[type]) {
      const w = weighPage(graph, page, path.join(clientDir, page, 'index.html'), options.mapModule);
      for (const key of MAX_KEYS) {
        const value = w[key];
        const best = max[key];
        if (value !== null && (best === null || value > best.value)) max[key] = { value, page };
      }
      for (const p of w.problems) problems.add(p);
    }
    return { type, pages: byType[type].length, max, problems: [...problems] };
  });
}

/** Budgets for page weight, as in bench/budgets.json → pageWeight (schema: scripts/lib/budgets.ts). */
export interface PageWeightBudgets {
  readonly mapModule: string;
  /** Per page type, the figures with a budget (an absent or undefined figure has none). */
  readonly types: Readonly<Record<string, Readonly<{ [K in MaxKey]?: number | undefined }>>>;
}

export interface BudgetResult {
  readonly type: PageType;
  readonly figure: MaxKey;
  readonly value: number | null;
  readonly max: number;
  readonly page: string | null;
  readonly over: boolean;
}

/** Every budgeted figure against its budget; a missing figure (no page of the type, no map module) counts as over. */
export function checkBudgets(weights: readonly TypeWeight[], budgets: PageWeightBudgets): BudgetResult[] {
  const results: BudgetResult[] = [];
  for (const w of weights) {
    const limits = budgets.types[w.type] ?? {};
    for (const figure of MAX_KEYS) {
      const max = limits[figure];
      if (max === undefined) continue;
      const got = w.max[figure];
      results.push({
        type: w.type,
        figure,
        value: got?.value ?? null,
        max,
        page: got?.page ?? null,
        over: got === null || got.value > max,
      });
    }
  }
  return results;
}

export const kb = (bytes: number | null | undefined): string =>
  bytes === null || bytes === undefined ? '—' : `${(bytes / 1024).toFixed(1)} KB`;

/**
 * Kinds of page for the sampled accessibility sweep (a11y.spec.ts). A page's kind is the page
 * file in src/pages that builds it, so every template is a kind of its own — an institution,
 * a region, a lesson, a lesson's teacher page, an enrolment page, a course audience — and a
 * new page file is a new kind without anyone listing it here. Two templates lay out their
 * pages differently by data, and each such variant counts as a kind too (VARIANTS).
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';

const pagesDir = path.resolve(import.meta.dirname, '../../src/pages');

/** How a path segment of a route matches: a fixed name, one `[param]`, or a `[...rest]`. */
type Segment = { readonly static: string } | { readonly param: true } | { readonly rest: true };

export interface Route {
  /** The route as Astro writes it, e.g. "/courses/[course]/[lesson]/teacher/"; a page's kind. */
  readonly pattern: string;
  readonly segments: readonly Segment[];
}

/** The route of a page file, given relative to src/pages ("courses/[course]/index.astro"). */
export function routeOf(file: string): Route {
  const parts = file
    .replace(/\.astro$/, '')
    .split(/[\\/]/)
    .filter((part, i, all) => !(part === 'index' && i === all.length - 1));
  const segments = parts.map((part): Segment => {
    if (/^\[\.\.\..+\]$/.test(part)) return { rest: true };
    if (part.includes('[')) return { param: true };
    return { static: part };
  });
  return { pattern: parts.length === 0 ? '/' : `/${parts.join('/')}/`, segments };
}

/** The routes of the site's HTML pages (the `.astro` files under src/pages). */
export function pageRoutes(dir = pagesDir): Route[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.astro'))
    .sort()
    .map(routeOf);
}

/**
 * How well `route` matches `segments`: null when it does not; else one rank per segment (a
 * fixed name 2, a `[param]` 1, a `[...rest]` 0), compared in order as Astro prefers routes.
 */
function matchRanks(route: Route, segments: readonly string[]): number[] | null {
  const ranks: number[] = [];
  let i = 0;
  for (const [j, segment] of route.segments.entries()) {
    if ('rest' in segment) {
      // A rest parameter takes whatever is left, so only the last segment may be one.
      return j === route.segments.length - 1 ? [...ranks, 0] : null;
    }
    const actual = segments[i++];
    if (actual === undefined) return null;
    if ('static' in segment) {
      if (segment.static !== actual) return null;
      ranks.push(2);
    } else ranks.push(1);
  }
  return i === segments.length ? ranks : null;
}

const better = (a: readonly number[], b: readonly number[]): boolean => {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? -1) - (b[i] ?? -1);
    if (d !== 0) return d > 0;
  }
  return false;
};

/**
 * Templates whose pages differ in layout by their data, by route: a region page lists a
 * province's cities, a city's counties or a county's institutions; an institution page of a
 * demonstration record (ids "sample-…") carries the sample banner and leaves out the hotline.
 */
const VARIANTS: Readonly<Record<string, (segments: readonly string[]) => string>> = {
  '/regions/[code]/[...page]/': ([, code = '']) => (code.endsWith('0000') ? 'province' : code.endsWith('00') ? 'city' : 'county'),
  '/services/[id]/': ([, id = '']) => (id.startsWith('sample-') ? 'sample' : 'sourced'),
};

/**
 * The kind of the page at `pathname` ("/services/bj-x/" → "/services/[id]/ (sourced)"); a
 * path no page file matches is a kind of its own, so it is still checked.
 */
export function pageKind(pathname: string, routes: readonly Route[]): string {
  const segments = pathname.split('/').filter(Boolean);
  let best: { route: Route; ranks: number[] } | undefined;
  for (const route of routes) {
    const ranks = matchRanks(route, segments);
    if (ranks !== null && (best === undefined || better(ranks, best.ranks))) best = { route, ranks };
  }
  if (best === undefined) return pathname;
  const variant = VARIANTS[best.route.pattern]?.(segments);
  return variant === undefined ? best.route.pattern : `${best.route.pattern} (${variant})`;
}

/**
 * Up to `perKind` pages of every kind, picked by a shuffle driven by `random` (a seeded
 * generator, so the same seed picks the same pages), sorted by path.
 */
export function samplePages(
  paths: readonly string[],
  routes: readonly Route[],
  perKind: number,
  random: () => number,
): Map<string, string[]> {
  const byKind = new Map<string, string[]>();
  for (const p of [...paths].sort()) {
    const kind = pageKind(p, routes);
    byKind.set(kind, [...(byKind.get(kind) ?? []), p]);
  }
  const sample = new Map<string, string[]>();
  for (const kind of [...byKind.keys()].sort()) {
    const pages = [...(byKind.get(kind) ?? [])];
    // Fisher–Yates: an even shuffle, unlike sorting by a random comparison.
    for (let i = pages.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [pages[i], pages[j]] = [pages[j] as string, pages[i] as string];
    }
    sample.set(kind, pages.slice(0, perKind).sort());
  }
  return sample;
}

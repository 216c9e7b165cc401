/**
 * The accessibility sweep checks a seeded sample of every kind of page (tests/e2e/a11y.spec.ts):
 * a kind is the page file that builds the page, and the same seed picks the same pages.
 */
import { describe, expect, it } from 'vitest';
import { pageKind, pageRoutes, routeOf, samplePages } from '../e2e/page-kinds.ts';
import { seededRandom } from '../e2e/utils.ts';

const routes = pageRoutes();

describe('kinds of page', () => {
  it('are the page files of src/pages', () => {
    expect(routeOf('index.astro').pattern).toBe('/');
    expect(routeOf('courses/[course]/index.astro').pattern).toBe('/courses/[course]/');
    expect(routeOf('regions/[code]/[...page].astro').pattern).toBe('/regions/[code]/[...page]/');
    expect(routes.map((r) => r.pattern)).toContain('/courses/[course]/[lesson]/teacher/');
  });

  it('tell templates that share a depth apart, fixed names before parameters', () => {
    const cases: Record<string, string> = {
      '/': '/',
      '/about/': '/about/',
      '/services/': '/services/',
      '/services/shortlist/': '/services/shortlist/',
      '/services/bj-beijing-hospital/': '/services/[id]/ (sourced)',
      '/services/sample-330111/': '/services/[id]/ (sample)',
      '/regions/': '/regions/',
      '/regions/110000/': '/regions/[code]/[...page]/ (province)',
      '/regions/330100/': '/regions/[code]/[...page]/ (city)',
      '/regions/330106/': '/regions/[code]/[...page]/ (county)',
      '/regions/330106/2/': '/regions/[code]/[...page]/ (county)',
      '/courses/': '/courses/',
      '/courses/home-care-for-family/': '/courses/[course]/',
      '/courses/for/community/': '/courses/for/[audience]/',
      '/courses/format/workshop/': '/courses/format/[format]/',
      '/courses/elder-life-wisdom/01-ageing-well/': '/courses/[course]/[lesson]/',
      '/courses/elder-life-wisdom/01-ageing-well/teacher/': '/courses/[course]/[lesson]/teacher/',
      '/courses/elder-life-wisdom/enrol/2026-12-xihu-1/': '/courses/[course]/enrol/[session]/',
      '/guides/faq/': '/guides/[slug]/',
      '/volunteer/withdraw/confirm/': '/volunteer/withdraw/confirm/',
      '/search/': '/search/',
    };
    for (const [p, kind] of Object.entries(cases)) expect(pageKind(p, routes), p).toBe(kind);
    expect(pageKind('/no/such/page/here/', routes)).toBe('/no/such/page/here/');
  });
});

describe('the sample', () => {
  const paths = [
    '/',
    '/services/',
    '/services/shortlist/',
    ...Array.from({ length: 30 }, (_, i) => `/services/s${String(i).padStart(2, '0')}/`),
    ...Array.from({ length: 5 }, (_, i) => `/regions/33010${i + 1}/`),
  ];

  it('keeps every kind, at most perKind pages of each', () => {
    const sample = samplePages(paths, routes, 3, seededRandom(1));
    expect([...sample.keys()]).toEqual([
      '/',
      '/regions/[code]/[...page]/ (county)',
      '/services/',
      '/services/[id]/ (sourced)',
      '/services/shortlist/',
    ]);
    expect(sample.get('/services/[id]/ (sourced)')).toHaveLength(3);
    expect(sample.get('/regions/[code]/[...page]/ (county)')).toHaveLength(3);
    expect(samplePages(paths, routes, Infinity, seededRandom(1)).get('/services/[id]/ (sourced)')).toHaveLength(30);
  });

  it('is the same for the same seed, whatever order the paths come in', () => {
    const a = samplePages(paths, routes, 3, seededRandom(7));
    expect(samplePages([...paths].reverse(), routes, 3, seededRandom(7))).toEqual(a);
    const others = [2, 3, 4, 5, 6].map((seed) => samplePages(paths, routes, 3, seededRandom(seed)).get('/services/[id]/ (sourced)'));
    expect(others.some((o) => JSON.stringify(o) !== JSON.stringify(a.get('/services/[id]/ (sourced)')))).toBe(true);
  });
});

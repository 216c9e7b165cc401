/** One Content-Security-Policy, defined once, the same in the server, the build and the nginx example. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  ASTRO_CSP_DIRECTIVES,
  CSP_DIRECTIVES,
  CSP_HEADER,
  HSTS_HEADER,
  SECURITY_HEADERS,
  STAFF_HEADERS,
  completePolicy,
  isStaffPage,
} from '../../src/server/security-headers.ts';
import { ON_DEMAND_PAGES, ON_DEMAND_SECTIONS, allowedMethods, isCachedApi, pageRefuses } from '../../src/server/api-paths.ts';

const names = (policy: string) =>
  policy
    .split(';')
    .map((p) => p.trim().split(/\s+/)[0])
    .filter(Boolean);

describe('the site policy', () => {
  it("is whole when a static page's <meta> and the server header are put together", () => {
    const together = new Set([...names(CSP_HEADER), ...ASTRO_CSP_DIRECTIVES.map((d) => d.split(' ')[0])]);
    expect([...together].sort()).toEqual(Object.keys(CSP_DIRECTIVES).sort());
    // A <meta> cannot carry frame-ancestors; a header without the page's hashes must not carry default-src.
    expect(ASTRO_CSP_DIRECTIVES.some((d) => d.startsWith('frame-ancestors'))).toBe(false);
    expect(names(CSP_HEADER)).not.toContain('default-src');
  });

  it('completes a page policy from Astro without changing what it says', () => {
    const astro = "default-src 'self';img-src 'self' data: https:; script-src 'self' 'sha256-abc='; style-src 'self'";
    const done = completePolicy(astro);
    expect(done.startsWith("default-src 'self'; img-src 'self' data: https:; script-src 'self' 'sha256-abc='; style-src 'self'")).toBe(
      true,
    );
    expect(done).toContain("frame-ancestors 'none'");
    expect(done).toContain("form-action 'self'");
    expect(names(done).filter((n) => n === 'img-src')).toHaveLength(1);
  });

  it('is what the nginx example in docs/deploy.md sends', () => {
    const doc = readFileSync(path.resolve(import.meta.dirname, '../../docs/deploy.md'), 'utf8');
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) expect(doc, name).toContain(`add_header ${name} "${value}" always;`);
    expect(doc).toContain(`add_header Strict-Transport-Security "${HSTS_HEADER}" always;`);
  });
});

describe('the staff console', () => {
  it('is every path under /staff, and it is never cached or indexed', () => {
    for (const p of ['/staff', '/staff/', '/staff/volunteers/', '/staff/volunteers/V-AAAAAAAA/', '/staff/audit/'])
      expect(isStaffPage(p), p).toBe(true);
    for (const p of ['/', '/staffing/', '/volunteer/', '/about/staff/', '/api/volunteers']) expect(isStaffPage(p), p).toBe(false);
    expect(STAFF_HEADERS).toMatchObject({ 'Cache-Control': 'no-store', 'X-Robots-Tag': 'noindex, nofollow' });
  });
});

describe('Allow for a 405', () => {
  it('names the methods each route answers', () => {
    expect(allowedMethods('/api/volunteers/')).toBe('POST');
    expect(allowedMethods('/api/enrollments')).toBe('GET, POST');
    expect(allowedMethods('/api/volunteers/withdraw')).toBe('POST');
    expect(allowedMethods('/report/')).toBe('GET, HEAD');
    expect(allowedMethods('/api/availability')).toBe('GET, HEAD');
    expect(allowedMethods('/api/availability/')).toBe('GET, HEAD');
    // The no-JavaScript withdrawal posts to its confirmation page first (nothing is deleted there).
    expect(allowedMethods('/volunteer/withdraw/confirm/')).toBe('GET, HEAD, POST');
    expect(pageRefuses('/volunteer/withdraw/confirm/', 'POST')).toBe(false);
    expect(pageRefuses('/volunteer/withdraw/confirm/', 'PUT')).toBe(true);
    expect(pageRefuses('/volunteer/withdraw/', 'POST')).toBe(true);
    expect(pageRefuses('/report/', 'GET')).toBe(false);
  });
});

describe('the availability feed', () => {
  it('is the one API path that may be cached (it sets its own Cache-Control); every other /api/ answer is no-store', () => {
    expect(isCachedApi('/api/availability')).toBe(true);
    expect(isCachedApi('/api/availability/')).toBe(true);
    for (const p of ['/api/volunteers/', '/api/enrollments/', '/api/availability/x/', '/availability/bj-pumch/'])
      expect(isCachedApi(p), p).toBe(false);
  });
});

describe('pages rendered by Node (nginx must forward them: docs/deploy.md)', () => {
  it('ON_DEMAND_PAGES and ON_DEMAND_SECTIONS list every page that is not prerendered, and the nginx example forwards them all', () => {
    const all = readdirSync('src/pages', { recursive: true, encoding: 'utf8' })
      .filter(
        (f) =>
          f.endsWith('.astro') &&
          !f.startsWith('api/') &&
          !f.startsWith('staff/') &&
          readFileSync(`src/pages/${f}`, 'utf8').includes('export const prerender = false'),
      )
      .map((f) => `/${f.replace(/\.astro$/, '').replace(/(^|\/)index$/, '')}/`.replace(/\/+/g, '/'));
    // A page with a parameter in its path ([id].astro) is a whole section: /availability/[id]/ → /availability/.
    const pages = all.filter((p) => !p.includes('['));
    const sections = [...new Set(all.filter((p) => p.includes('[')).map((p) => p.slice(0, p.indexOf('['))))];
    expect([...ON_DEMAND_PAGES].sort()).toEqual(pages.sort());
    expect([...ON_DEMAND_SECTIONS].sort()).toEqual(sections.sort());
    const deploy = readFileSync('docs/deploy.md', 'utf8');
    for (const section of ON_DEMAND_SECTIONS) expect(deploy, section).toContain(`location ${section} {`);
    const nginx =
      /location ~ \^\/\(([^)]+)\)\/\$/
        .exec(readFileSync('docs/deploy.md', 'utf8'))?.[1]
        ?.split('|')
        .map((p) => `/${p}/`) ?? [];
    expect(nginx.sort()).toEqual([...ON_DEMAND_PAGES].sort());
  });

  it('the staff console is forwarded whole (/staff/), takes posts, and is never cached or indexed', () => {
    expect(readFileSync('docs/deploy.md', 'utf8')).toMatch(/location \/staff\/ \{/);
    expect(pageRefuses('/staff/people/', 'POST')).toBe(false);
    expect(pageRefuses('/staff/sign-in/', 'PUT')).toBe(true);
    expect(allowedMethods('/staff/')).toBe('GET, HEAD, POST');
    expect(isStaffPage('/staff/')).toBe(true);
    expect(isStaffPage('/staff/invite/abc/')).toBe(true);
    expect(isStaffPage('/staffing/')).toBe(false);
    expect(pageRefuses('/admin/', 'POST')).toBe(true);
  });
});

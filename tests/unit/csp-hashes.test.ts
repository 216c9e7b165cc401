import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { blockedInline, metaPolicy, pruneCspMeta, prunePolicy } from '../../src/lib/html/csp-hashes.ts';

const hash = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
const OWN_SCRIPT = 'document.documentElement.dataset.js=""';
const OWN_STYLE = 'astro-island{display:contents}';
const OTHER = hash("someone else's script");

function page(body: string, scriptSources: string[], styleSources: string[]): string {
  const policy = `default-src 'self';script-src 'self' ${scriptSources.join(' ')};style-src 'self' ${styleSources.join(' ')}`;
  return `<!DOCTYPE html><html><head><meta http-equiv="content-security-policy" content="${policy}"><style>${OWN_STYLE}</style></head><body>${body}</body></html>`;
}

describe('pruneCspMeta', () => {
  it("keeps only the hashes of the page's own inline elements, and every other source", () => {
    const html = page(
      `<script>${OWN_SCRIPT}</script><script type="application/ld+json">{"a":1}</script>`,
      [hash(OWN_SCRIPT), OTHER, "'wasm-unsafe-eval'"],
      [hash(OWN_STYLE), OTHER],
    );
    const policy = metaPolicy(pruneCspMeta(html));
    expect(policy?.get('script-src')).toEqual(["'self'", hash(OWN_SCRIPT), "'wasm-unsafe-eval'"]);
    expect(policy?.get('style-src')).toEqual(["'self'", hash(OWN_STYLE)]);
    expect(policy?.get('default-src')).toEqual(["'self'"]);
    expect(blockedInline(pruneCspMeta(html))).toEqual([]);
  });

  it('leaves pages without a <meta> policy alone', () => {
    const html = `<html><head></head><body><script>${OWN_SCRIPT}</script></body></html>`;
    expect(pruneCspMeta(html)).toBe(html);
    expect(blockedInline(html)).toEqual([]);
  });

  it('does not count external scripts or JSON data blocks as inline scripts', () => {
    const html = page(
      '<script type="module" src="/a.js"></script><script type="application/ld+json">{}</script>',
      [OTHER],
      [hash(OWN_STYLE)],
    );
    expect(metaPolicy(pruneCspMeta(html))?.get('script-src')).toEqual(["'self'"]);
  });
});

describe('blockedInline', () => {
  it('names an inline script whose hash the policy lacks, so the build check fails', () => {
    const html = page(`<script>${OWN_SCRIPT}</script>`, [OTHER], [hash(OWN_STYLE)]);
    expect(blockedInline(html)).toEqual([`script ${hash(OWN_SCRIPT)}`]);
  });

  it('names an inline style whose hash the policy lacks', () => {
    expect(blockedInline(page('', [], []))).toEqual([`style ${hash(OWN_STYLE)}`]);
  });
});

describe('prunePolicy', () => {
  it("cuts a header policy (an on-demand page) down to the page's own hashes, keeping its separator", () => {
    const html = `<html><head><style>${OWN_STYLE}</style></head><body><script>${OWN_SCRIPT}</script></body></html>`;
    const header = `default-src 'self'; script-src 'self' ${hash(OWN_SCRIPT)} ${OTHER}; style-src 'self' ${OTHER} ${hash(OWN_STYLE)}; frame-ancestors 'none'`;
    expect(prunePolicy(header, html, '; ')).toBe(
      `default-src 'self'; script-src 'self' ${hash(OWN_SCRIPT)}; style-src 'self' ${hash(OWN_STYLE)}; frame-ancestors 'none'`,
    );
  });
});

/**
 * Astro's CSP puts the hash of every inline script and style of the whole build into each
 * static page's <meta> policy: 49 hashes, 2.7 KB on every page, most of them for other
 * pages' elements. A page needs only the hashes of its own inline elements, so the meta (and
 * the header of a page rendered on demand) is cut down to those (and everything that is not a hash stays, e.g. 'wasm-unsafe-eval').
 * scripts/check-html.ts checks on every build that each inline element is still allowed.
 */
import { createHash } from 'node:crypto';

const META = /<meta http-equiv="content-security-policy" content="([^"]*)">/iu;
// Raw-text elements end at the first "</script" / "</style" (HTML parsing rules).
const SCRIPT = /<script\b([^>]*)>([\s\S]*?)<\/script\s*>/giu;
const STYLE = /<style\b[^>]*>([\s\S]*?)<\/style\s*>/giu;
const HASH_SOURCE = /^'sha(256|384|512)-[A-Za-z0-9+/=]+'$/u;
/** Script types a browser runs; data blocks (JSON-LD) need no hash. */
const RUNNABLE_TYPE = /^\s*(?:|text\/javascript|module|application\/javascript)\s*$/iu;

/**
 * Hash sources by element text. Almost every page has the same few inline elements (the
 * display-settings script, island styles), so a national build hashed the same text tens of
 * thousands of times; a page's own (rare) inline text is hashed once and forgotten when the
 * memo is full.
 */
const hashes = new Map<string, string>();
const REMEMBERED = 256;

function sha256(text: string): string {
  let hash = hashes.get(text);
  if (hash === undefined) {
    hash = `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
    if (hashes.size >= REMEMBERED) hashes.clear();
    hashes.set(text, hash);
  }
  return hash;
}

/** The hash sources the page's inline scripts and styles need, by directive. */
export function inlineHashes(html: string): { script: Set<string>; style: Set<string> } {
  const script = new Set<string>();
  const style = new Set<string>();
  for (const [, attributes = '', body = ''] of html.matchAll(SCRIPT)) {
    if (/\bsrc\s*=/iu.test(attributes)) continue;
    const type = /\btype\s*=\s*"([^"]*)"/iu.exec(attributes)?.[1] ?? '';
    if (RUNNABLE_TYPE.test(type)) script.add(sha256(body));
  }
  for (const [, body = ''] of html.matchAll(STYLE)) style.add(sha256(body));
  return { script, style };
}

/** A policy's text as directive name → sources. */
function parsePolicy(content: string): Map<string, string[]> {
  const policy = new Map<string, string[]>();
  for (const part of content.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/u);
    if (name) policy.set(name.toLowerCase(), sources);
  }
  return policy;
}

/** The page's <meta> policy, directive name → sources; null when the page has none. */
export function metaPolicy(html: string): Map<string, string[]> | null {
  const content = META.exec(html)?.[1];
  return content === undefined ? null : parsePolicy(content);
}

/** `policy` keeping, of its script and style hashes, only those of `html`'s own inline elements. */
export function prunePolicy(policy: string, html: string, separator = ';'): string {
  const needed = inlineHashes(html);
  const keep = (directive: 'script' | 'style', sources: string[]) =>
    sources.filter((source) => !HASH_SOURCE.test(source) || needed[directive].has(source));
  return [...parsePolicy(policy)]
    .map(([name, sources]) => {
      const kept = name === 'script-src' ? keep('script', sources) : name === 'style-src' ? keep('style', sources) : sources;
      return [name, ...kept].join(' ');
    })
    .join(separator);
}

/** The page with its <meta> policy holding only the hashes of its own inline elements. */
export function pruneCspMeta(html: string): string {
  const content = META.exec(html)?.[1];
  if (content === undefined) return html;
  return html.replace(META, () => `<meta http-equiv="content-security-policy" content="${prunePolicy(content, html)}">`);
}

/** Inline elements the page's <meta> policy would block, as "script sha256-…" lines. */
export function blockedInline(html: string): string[] {
  const policy = metaPolicy(html);
  if (policy === null) return [];
  const needed = inlineHashes(html);
  const allowed = (directive: 'script' | 'style') => new Set(policy.get(`${directive}-src`) ?? policy.get('default-src') ?? []);
  const blocked: string[] = [];
  for (const directive of ['script', 'style'] as const) {
    const sources = allowed(directive);
    if (sources.has("'unsafe-inline'") && ![...sources].some((s) => HASH_SOURCE.test(s))) continue;
    for (const hash of needed[directive]) if (!sources.has(hash)) blocked.push(`${directive} ${hash}`);
  }
  return blocked;
}

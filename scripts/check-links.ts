/**
 * Internal link check over the built site: every href/src that points inside the site must
 * resolve to a built file, and every #fragment to an id on the target page.
 * Exits 1 and lists each broken link with the page it is on.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { filesUnder } from './lib/walk.ts';
import { ON_DEMAND_PAGES, ON_DEMAND_SECTIONS } from '../src/server/api-paths.ts';

const root = path.resolve(import.meta.dirname, '..');
const clientDir = path.join(path.resolve(root, process.env.DIST_DIR ?? 'dist'), 'client');
const site = new URL(process.env.SITE_URL ?? 'http://localhost:4321');
/**
 * On-demand routes are served by the Node process, not files: the API (forms post there),
 * the live availability aggregate under /data/availability/, and the on-demand pages with a
 * parameter (/availability/<id>/).
 */
const DYNAMIC_PREFIXES = ['/api/', '/data/availability/', '/data/unmet-demand/', ...ON_DEMAND_SECTIONS];
/** On-demand pages (the report form, pages showing a reference code): exact paths. */
const DYNAMIC_PAGES = new Set(ON_DEMAND_PAGES);

const pages = filesUnder(clientDir, '.html');
const idCache = new Map<string, Set<string>>();

function idsOf(file: string): Set<string> {
  let ids = idCache.get(file);
  if (!ids) {
    const html = readFileSync(file, 'utf8');
    ids = new Set([...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1] ?? ''));
    idCache.set(file, ids);
  }
  return ids;
}

/** The built file a site path maps to, or undefined. */
function fileFor(urlPath: string): string | undefined {
  const decoded = decodeURIComponent(urlPath);
  const candidates = decoded.endsWith('/')
    ? [path.join(clientDir, decoded, 'index.html')]
    : [path.join(clientDir, decoded), path.join(clientDir, decoded, 'index.html'), path.join(clientDir, `${decoded}.html`)];
  return candidates.find((c) => existsSync(c) && statSync(c).isFile());
}

function pagePath(file: string): string {
  const rel = path.relative(clientDir, file).split(path.sep).join('/');
  return '/' + rel.replace(/index\.html$/, '').replace(/\.html$/, '');
}

const broken: string[] = [];
let checked = 0;
for (const page of pages) {
  const html = readFileSync(page, 'utf8');
  const base = new URL(pagePath(page), site);
  for (const m of html.matchAll(/\s(?:href|src)="([^"]*)"/g)) {
    const raw = (m[1] ?? '').replaceAll('&amp;', '&');
    if (/^(mailto:|tel:|javascript:|data:|sms:)/i.test(raw)) continue;
    let url: URL;
    try {
      url = new URL(raw, base);
    } catch {
      broken.push(`${pagePath(page)}: 无法解析的链接 ${raw}`);
      continue;
    }
    if (url.origin !== site.origin) continue;
    if (DYNAMIC_PREFIXES.some((p) => url.pathname.startsWith(p)) || DYNAMIC_PAGES.has(url.pathname)) continue;
    checked++;
    const target = fileFor(url.pathname);
    if (!target) {
      broken.push(`${pagePath(page)}: 链接指向不存在的页面 ${raw}`);
      continue;
    }
    const fragment = decodeURIComponent(url.hash.slice(1));
    if (fragment && target.endsWith('.html') && !idsOf(target).has(fragment)) {
      broken.push(`${pagePath(page)}: 锚点不存在 ${raw}`);
    }
  }
}
for (const line of broken) console.log(line);
console.log(`链接检查：${pages.length} 个页面，${checked} 个站内链接，${broken.length} 个失效。`);
process.exit(broken.length > 0 ? 1 : 0);

import http from 'node:http';
import compression from 'compression';
import { pathToFileURL } from 'node:url';
import path from 'node:path';
import { formsConfig } from './config.ts';
import {
  CSP_HEADER,
  HSTS_HEADER,
  NO_STORE_HEADERS,
  SECURITY_HEADERS,
  STAFF_HEADERS,
  completePolicy,
  isStaffPage,
} from './security-headers.ts';
import { methodNotAllowedBody } from './responses.ts';
import { servePrecompressed } from './precompressed.ts';
import { FORBIDDEN_METHODS, allowedMethods, isApiPath, isCachedApi, pageRefuses, withApiSlash } from './api-paths.ts';

type NodeHandler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

export interface ServerOptions {
  /** Folder holding the Astro build (client/ and server/), or a holder that can switch builds. */
  distDir: string;
  site?: SiteHolder;
  port: number;
  host: string;
}

/** What the server decides about a response's headers, whoever set them before. */
interface HeaderRules {
  /** Staff pages and the API: no-store and noindex. */
  readonly staff: boolean;
  /** GET /api/availability: noindex, and the route's own Cache-Control (no-store when it set none). */
  readonly cachedApi: boolean;
  readonly hsts: boolean;
}

/**
 * Makes the last word on a response's headers ours: Astro's handler sets its own headers
 * (a page policy on on-demand pages, `Cache-Control: public` on static files) after ours,
 * and headers passed to writeHead would replace what we set. So the headers are settled
 * just before they are sent: the page policy completed with the site's directives, staff
 * pages made no-store and noindex, HSTS added when the site is served over TLS.
 */
function settleHeadersBeforeSending(res: http.ServerResponse, rules: HeaderRules): void {
  // Bound once: the original is called after the headers are settled.
  const send = res.writeHead.bind(res) as (...args: unknown[]) => http.ServerResponse;
  const settle = () => {
    const policy = res.getHeader('content-security-policy');
    const text = Array.isArray(policy) ? policy.join('; ') : typeof policy === 'string' ? policy : '';
    // Still ours: the page's <meta> carries the rest. Astro's own (an on-demand page): completed.
    if (text !== '' && text !== CSP_HEADER) res.setHeader('Content-Security-Policy', completePolicy(text));
    else res.setHeader('Content-Security-Policy', CSP_HEADER);
    if (rules.staff) for (const [name, value] of Object.entries(STAFF_HEADERS)) res.setHeader(name, value);
    if (rules.cachedApi) {
      res.setHeader('X-Robots-Tag', STAFF_HEADERS['X-Robots-Tag'] ?? 'noindex');
      if (!res.hasHeader('cache-control')) for (const [name, value] of Object.entries(NO_STORE_HEADERS)) res.setHeader(name, value);
    }
    if (rules.hsts) res.setHeader('Strict-Transport-Security', HSTS_HEADER);
  };
  res.writeHead = function (status: number, ...rest: unknown[]) {
    const message = typeof rest[0] === 'string' ? rest[0] : undefined;
    const headers = typeof rest[0] === 'string' ? rest[1] : rest[0];
    if (Array.isArray(headers)) {
      for (let i = 0; i + 1 < headers.length; i += 2) res.setHeader(String(headers[i]), headers[i + 1] as string);
    } else if (typeof headers === 'object' && headers !== null) {
      for (const [name, value] of Object.entries(headers as http.OutgoingHttpHeaders)) if (value !== undefined) res.setHeader(name, value);
    }
    settle();
    return message === undefined ? send(status) : send(status, message);
  };
}

/**
 * The build being served, and the switch to another one (a published rebuild,
 * src/server/listings/site-sync.ts). The new build's handler is loaded completely before
 * the switch, so a request is always answered by one whole build, the old or the new.
 * Each build's server code stays in memory once loaded (Node keeps every ES module it
 * imported): a few megabytes per publish, given back at the next restart.
 */
export class SiteHolder {
  private dir: string;
  private handler: NodeHandler;

  private constructor(dir: string, handler: NodeHandler) {
    this.dir = dir;
    this.handler = handler;
  }

  static async load(distDir: string): Promise<SiteHolder> {
    return new SiteHolder(path.resolve(distDir), await importHandler(distDir));
  }

  /** The build folder being served (absolute). */
  get distDir(): string {
    return this.dir;
  }

  async switchTo(distDir: string): Promise<void> {
    const dir = path.resolve(distDir);
    if (dir === this.dir) return;
    const handler = await importHandler(dir);
    this.handler = handler;
    this.dir = dir;
  }

  handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    this.handler(req, res);
  }
}

async function importHandler(distDir: string): Promise<NodeHandler> {
  process.env.ASTRO_NODE_AUTOSTART = 'disabled';
  const entry = pathToFileURL(path.resolve(distDir, 'server/entry.mjs')).href;
  return ((await import(entry)) as { handler: NodeHandler }).handler;
}

let warnedAboutProxy = false;

/**
 * A request forwarded by a proxy while TRUST_PROXY is off makes every visitor one client
 * for the rate limits and every address-based throttle: say so once.
 */
function warnIfProxiedWithoutTrust(req: http.IncomingMessage, trustProxy: boolean): void {
  if (trustProxy || warnedAboutProxy || req.headers['x-forwarded-for'] === undefined) return;
  warnedAboutProxy = true;
  console.warn(
    '[server] 请求带有 X-Forwarded-For，但没有设置 TRUST_PROXY=1：所有访客会被当成同一个来源，共用表单频率限制和工作人员登录的失败限制。Node 在本机 nginx 之后时，请设置 TRUST_PROXY=1（见 docs/deploy.md）。',
  );
}

/**
 * Serves the built site (static pages and the on-demand API routes) from one Node process.
 * Astro's standalone handler does the serving; we wrap it to add security headers to
 * every response, static files included, and to compress text (HTML, CSS, JavaScript,
 * JSON, SVG: about a quarter of the bytes on a weak phone connection) when the browser
 * accepts it. Files that are compressed already (Pagefind's index, images) go as they are:
 * `compression` only touches compressible content types. A CDN in front may compress
 * again or instead; either way the browser gets the same bytes.
 */
export async function startServer({ distDir, port, host, site: given }: ServerOptions): Promise<http.Server> {
  const site = given ?? (await SiteHolder.load(distDir));
  const { trustProxy, siteOrigin } = formsConfig();
  const hsts = siteOrigin?.startsWith('https:') === true;
  // `compression` is written for Express but only needs Node's request and response.
  const compress = compression() as unknown as (req: http.IncomingMessage, res: http.ServerResponse, next: () => void) => void;
  const server = http.createServer((req, res) => {
    warnIfProxiedWithoutTrust(req, trustProxy);
    const pathname = (req.url ?? '/').split(/[?#]/)[0] ?? '/';
    const api = isApiPath(req.url);
    // The availability feed is public and the same for everyone: the one API answer that may be cached.
    const cachedApi = api && isCachedApi(pathname);
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
    settleHeadersBeforeSending(res, { staff: (api && !cachedApi) || isStaffPage(pathname), cachedApi, hsts });
    const method = req.method ?? 'GET';
    // Pages only answer GET and HEAD (every form posts to /api/, except the withdrawal's
    // no-JavaScript confirmation step: POST_PAGES). Astro cannot even represent TRACE and
    // the like: answered here, and not an error worth logging.
    if (FORBIDDEN_METHODS.has(method) || (!api && pageRefuses(pathname, method))) {
      res.writeHead(405, { Allow: allowedMethods(pathname), 'Content-Type': 'application/json; charset=utf-8', ...NO_STORE_HEADERS });
      res.end(JSON.stringify(methodNotAllowedBody()));
      return;
    }
    if (api) {
      // API replies are never cached (but the availability feed, which sets its own);
      // /api/volunteers reaches its route without a redirect.
      if (!cachedApi) for (const [name, value] of Object.entries(NO_STORE_HEADERS)) res.setHeader(name, value);
      req.url = withApiSlash(req.url ?? '/api/');
    }
    if (!api && servePrecompressed(path.join(site.distDir, 'client'), pathname, req, res)) return;
    compress(req, res, () => site.handle(req, res));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return server;
}

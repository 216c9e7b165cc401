import http from 'node:http';
import compression from 'compression';
import { pathToFileURL } from 'node:url';
import path from 'node:path';
import { NO_STORE_HEADERS, SECURITY_HEADERS } from './security-headers.ts';
import { isApiPath, withApiSlash } from './api-paths.ts';

type NodeHandler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

export interface ServerOptions {
  /** Folder holding the Astro build (client/ and server/). */
  distDir: string;
  port: number;
  host: string;
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
export async function startServer({ distDir, port, host }: ServerOptions): Promise<http.Server> {
  process.env.ASTRO_NODE_AUTOSTART = 'disabled';
  const entry = pathToFileURL(path.resolve(distDir, 'server/entry.mjs')).href;
  const { handler } = (await import(entry)) as { handler: NodeHandler };
  // `compression` is written for Express but only needs Node's request and response.
  const compress = compression() as unknown as (req: http.IncomingMessage, res: http.ServerResponse, next: () => void) => void;
  const server = http.createServer((req, res) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
    if (isApiPath(req.url)) {
      // API replies are never cached; /api/volunteers reaches its route without a redirect.
      for (const [name, value] of Object.entries(NO_STORE_HEADERS)) res.setHeader(name, value);
      req.url = withApiSlash(req.url ?? '/api/');
    }
    compress(req, res, () => handler(req, res));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return server;
}

import http from 'node:http';
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
 * every response, static files included.
 */
export async function startServer({ distDir, port, host }: ServerOptions): Promise<http.Server> {
  process.env.ASTRO_NODE_AUTOSTART = 'disabled';
  const entry = pathToFileURL(path.resolve(distDir, 'server/entry.mjs')).href;
  const { handler } = (await import(entry)) as { handler: NodeHandler };
  const server = http.createServer((req, res) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
    if (isApiPath(req.url)) {
      // API replies are never cached; /api/volunteers reaches its route without a redirect.
      for (const [name, value] of Object.entries(NO_STORE_HEADERS)) res.setHeader(name, value);
      req.url = withApiSlash(req.url ?? '/api/');
    }
    handler(req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return server;
}

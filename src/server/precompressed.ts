/**
 * Search files brotli-compressed at build time (src/integrations/pagefind-brotli.ts): for a
 * Pagefind file with a `.br` copy beside it, a browser that accepts brotli gets the copy,
 * with `Content-Encoding: br`; any other gets the file as Pagefind wrote it (gzip inside,
 * which Pagefind's script unpacks itself). Both hold the same data once unpacked.
 */
import { existsSync, statSync, createReadStream } from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import { BROTLI_SUFFIX, acceptsBrotli } from '../lib/brotli-copies.ts';

/** Where the copies are: Pagefind's folder of the built site. */
const PAGEFIND_PREFIX = '/pagefind/';

/** The `.br` copy of a Pagefind file asked for by `pathname`, if the build wrote one. */
export function brotliCopy(clientDir: string, pathname: string): string | undefined {
  if (!pathname.startsWith(PAGEFIND_PREFIX) || pathname.endsWith(BROTLI_SUFFIX)) return undefined;
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
  const file = path.join(clientDir, decoded);
  // path.join resolves ".." segments: whatever is asked for must stay inside Pagefind's folder.
  if (!file.startsWith(path.join(clientDir, PAGEFIND_PREFIX))) return undefined;
  const copy = `${file}${BROTLI_SUFFIX}`;
  return existsSync(copy) ? copy : undefined;
}

/**
 * Answers a GET or HEAD for a Pagefind file from its `.br` copy when there is one; says
 * Vary: Accept-Encoding either way, so a cache in between keeps the two apart. Returns
 * false when the request is left to the site's handler.
 */
export function servePrecompressed(clientDir: string, pathname: string, req: http.IncomingMessage, res: http.ServerResponse): boolean {
  const method = req.method ?? 'GET';
  if (method !== 'GET' && method !== 'HEAD') return false;
  const copy = brotliCopy(clientDir, pathname);
  if (copy === undefined) return false;
  res.setHeader('Vary', 'Accept-Encoding');
  if (!acceptsBrotli(req.headers['accept-encoding'])) return false;
  const { size, mtime } = statSync(copy);
  const since = Date.parse(String(req.headers['if-modified-since'] ?? ''));
  // HTTP dates have whole seconds.
  if (!Number.isNaN(since) && Math.floor(mtime.getTime() / 1000) * 1000 <= since) {
    res.writeHead(304, { 'Cache-Control': 'public, max-age=0', 'Last-Modified': mtime.toUTCString() });
    res.end();
    return true;
  }
  res.writeHead(200, {
    'Content-Type': 'application/octet-stream',
    'Content-Encoding': 'br',
    'Content-Length': size,
    // As the site's handler answers its static files: the browser revalidates.
    'Cache-Control': 'public, max-age=0',
    'Last-Modified': mtime.toUTCString(),
  });
  if (method === 'HEAD') res.end();
  else createReadStream(copy).pipe(res);
  return true;
}

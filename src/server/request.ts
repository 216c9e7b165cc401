/**
 * What every form POST goes through before its fields are looked at: the same-site check,
 * the content type, the body size limit and parsing, and who the client is.
 */
import { paramsToRecord } from '../lib/forms/form-data.ts';

/** How the body was sent. */
export type BodyKind = 'form' | 'json';

/** application/x-www-form-urlencoded → form, application/json → json, anything else undefined. */
export function bodyKind(request: Request): BodyKind | undefined {
  const header = request.headers.get('content-type');
  if (header === null) return undefined;
  const [type = '', ...params] = header.toLowerCase().split(';').map((p) => p.trim());
  const charset = params.find((p) => p.startsWith('charset='))?.slice('charset='.length).replace(/"/g, '');
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') return undefined;
  if (type === 'application/x-www-form-urlencoded') return 'form';
  if (type === 'application/json') return 'json';
  return undefined;
}

/** Whether the client would rather read HTML (a browser form) than JSON. */
export function wantsHtml(request: Request): boolean {
  if (bodyKind(request) === 'form') return true;
  if (bodyKind(request) === 'json') return false;
  return (request.headers.get('accept') ?? '').includes('text/html');
}

/**
 * True for a POST that another site made a browser send: an Origin header that is neither
 * the site's public origin (SITE_URL) nor the host the request was sent to, an opaque
 * "null" origin, or (without Origin) a browser's Sec-Fetch-Site saying cross-site.
 * Requests with neither header (curl, scripts) are not cross-site.
 */
export function isCrossSite(request: Request, siteOrigin: string | undefined, trustProxy = false): boolean {
  const origin = request.headers.get('origin');
  if (origin === null) {
    const fetchSite = request.headers.get('sec-fetch-site');
    return fetchSite === 'cross-site' || fetchSite === 'same-site';
  }
  if (origin === 'null') return true;
  let originUrl: URL;
  try {
    originUrl = new URL(origin);
  } catch {
    return true;
  }
  if (siteOrigin !== undefined && originUrl.origin === siteOrigin) return false;
  // Compare hosts, not schemes: behind a TLS-terminating proxy the request arrives as http.
  const hosts = [request.headers.get('host'), trustProxy ? request.headers.get('x-forwarded-host') : null]
    .filter((h): h is string => h !== null && h !== '')
    .map((h) => h.split(',')[0]?.trim().toLowerCase() ?? '');
  if (hosts.length === 0) hosts.push(new URL(request.url).host.toLowerCase());
  return !hosts.includes(originUrl.host.toLowerCase());
}

export type BodyResult =
  | { readonly ok: true; readonly kind: BodyKind; readonly data: Record<string, unknown> }
  | { readonly ok: false; readonly status: 400 | 413 | 415; readonly reason: 'bad-json' | 'too-large' | 'unsupported-type' };

/** Reads at most `maxBytes` of the body; undefined when it is longer. */
async function readLimited(request: Request, maxBytes: number): Promise<Uint8Array | undefined> {
  if (request.body === null) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return undefined;
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

/**
 * Parses a urlencoded or JSON body of at most `maxBytes` into a plain object. A declared
 * Content-Length over the limit is refused before anything is read.
 */
export async function readBody(request: Request, maxBytes: number): Promise<BodyResult> {
  const kind = bodyKind(request);
  if (kind === undefined) return { ok: false, status: 415, reason: 'unsupported-type' };
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > maxBytes) return { ok: false, status: 413, reason: 'too-large' };
  const bytes = await readLimited(request, maxBytes);
  if (bytes === undefined) return { ok: false, status: 413, reason: 'too-large' };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, status: 400, reason: 'bad-json' };
  }
  if (kind === 'form') return { ok: true, kind, data: paramsToRecord(new URLSearchParams(text)) };
  try {
    const data: unknown = JSON.parse(text);
    if (typeof data !== 'object' || data === null || Array.isArray(data)) return { ok: false, status: 400, reason: 'bad-json' };
    return { ok: true, kind, data: data as Record<string, unknown> };
  } catch {
    return { ok: false, status: 400, reason: 'bad-json' };
  }
}

/**
 * The client's address: the socket's peer, or with `trustProxy` the address a reverse
 * proxy on this machine put last in X-Forwarded-For (the one it saw itself).
 */
export function clientAddress(request: Request, socketAddress: string | undefined, trustProxy: boolean): string | undefined {
  if (trustProxy) {
    const forwarded = request.headers.get('x-forwarded-for');
    const last = forwarded?.split(',').map((s) => s.trim()).filter(Boolean).pop();
    if (last !== undefined) return last;
  }
  return socketAddress;
}

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
  const [type = '', ...params] = header
    .toLowerCase()
    .split(';')
    .map((p) => p.trim());
  const charset = params
    .find((p) => p.startsWith('charset='))
    ?.slice('charset='.length)
    .replace(/"/g, '');
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
 * True for a POST that another site made a browser send. The source is the Origin header,
 * or without it the Referer (some browsers and privacy settings leave Origin out):
 * cross-site when it is neither the site's public origin (SITE_URL) nor the host the
 * request was sent to, when it is an opaque "null" or unreadable, or when the browser's
 * Sec-Fetch-Site says cross-site. A request with neither Origin nor Referer (curl,
 * scripts, a browser told to send no referrer) is not cross-site: browsers send Origin on
 * every cross-site POST, so only a non-browser can leave both out, and a non-browser
 * could forge either header anyway. docs/forms.md states the rule.
 */
export function isCrossSite(request: Request, siteOrigin: string | undefined, trustProxy = false): boolean {
  const origin = request.headers.get('origin');
  if (origin === null) {
    const fetchSite = request.headers.get('sec-fetch-site');
    if (fetchSite === 'cross-site' || fetchSite === 'same-site') return true;
  }
  const source = origin ?? request.headers.get('referer');
  if (source === null) return false;
  if (source === 'null') return true;
  let sourceUrl: URL;
  try {
    sourceUrl = new URL(source);
  } catch {
    return true;
  }
  if (siteOrigin !== undefined && sourceUrl.origin === siteOrigin) return false;
  // Compare hosts, not schemes: behind a TLS-terminating proxy the request arrives as http.
  const hosts = [request.headers.get('host'), trustProxy ? request.headers.get('x-forwarded-host') : null]
    .filter((h): h is string => h !== null && h !== '')
    .map((h) => h.split(',')[0]?.trim().toLowerCase() ?? '');
  if (hosts.length === 0) hosts.push(new URL(request.url).host.toLowerCase());
  return !hosts.includes(sourceUrl.host.toLowerCase());
}

export type BodyResult =
  | {
      readonly ok: true;
      readonly kind: BodyKind;
      readonly data: Record<string, unknown>;
      /** Fields whose name or value is not valid text (a lone surrogate, broken UTF-8 in %XX). */
      readonly illFormed: readonly string[];
    }
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

/** True when every string in a JSON value is valid Unicode (no lone surrogate such as \ud800). */
function isWellFormedDeep(value: unknown): boolean {
  if (typeof value === 'string') return value.isWellFormed();
  if (Array.isArray(value)) return value.every(isWellFormedDeep);
  if (typeof value === 'object' && value !== null) return Object.entries(value).every(([k, v]) => k.isWellFormed() && isWellFormedDeep(v));
  return true;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
const utf8 = new TextEncoder();

/** Whether a urlencoded name or value's %XX bytes are valid UTF-8 (URLSearchParams would put U+FFFD instead). */
function decodesCleanly(component: string): boolean {
  if (!component.includes('%')) return true;
  const bytes: number[] = [];
  for (let i = 0; i < component.length;) {
    const hex = component.slice(i + 1, i + 3);
    if (component[i] === '%' && /^[0-9a-fA-F]{2}$/.test(hex)) {
      bytes.push(Number.parseInt(hex, 16));
      i += 3;
    } else {
      const char = String.fromCodePoint(component.codePointAt(i) ?? 0);
      bytes.push(...utf8.encode(char));
      i += char.length;
    }
  }
  try {
    strictUtf8.decode(new Uint8Array(bytes));
    return true;
  } catch {
    return false;
  }
}

/** The names of urlencoded fields whose name or value would not decode to valid text. */
function illFormedFormFields(text: string): string[] {
  const bad = new Set<string>();
  for (const pair of text.split('&')) {
    const eq = pair.indexOf('=');
    const [name, value] = eq === -1 ? [pair, ''] : [pair.slice(0, eq), pair.slice(eq + 1)];
    if (!decodesCleanly(name) || !decodesCleanly(value)) bad.add(new URLSearchParams(`${name}=`).keys().next().value ?? '');
  }
  return [...bad];
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
  if (kind === 'form') return { ok: true, kind, data: paramsToRecord(new URLSearchParams(text)), illFormed: illFormedFormFields(text) };
  try {
    const data: unknown = JSON.parse(text);
    if (typeof data !== 'object' || data === null || Array.isArray(data)) return { ok: false, status: 400, reason: 'bad-json' };
    const illFormed = Object.entries(data)
      .filter(([key, value]) => !key.isWellFormed() || !isWellFormedDeep(value))
      .map(([key]) => key);
    return { ok: true, kind, data: data as Record<string, unknown>, illFormed };
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
    const last = forwarded
      ?.split(',')
      .map((s) => s.trim())
      .filter(Boolean)
      .pop();
    if (last !== undefined) return last;
  }
  return socketAddress;
}

/**
 * Small response builders for the API: JSON with the right type, redirects after a form
 * post, and `Cache-Control: no-store` on all of them.
 */
import { t } from '../i18n/index.ts';
import { NO_STORE_HEADERS } from './security-headers.ts';

/** A JSON response; `extra` headers are added (e.g. Retry-After). */
export function jsonResponse(status: number, body: unknown, extra: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8', ...NO_STORE_HEADERS, ...extra },
  });
}

/** 303 See Other: after a successful form post, the browser GETs `location`. */
export function seeOther(location: string): Response {
  return new Response(null, { status: 303, headers: { Location: location, ...NO_STORE_HEADERS } });
}

/** A plain-text CSV download. */
export function csvResponse(body: string, filename: string): Response {
  return new Response(body, {
    status: 200,
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${filename}"`,
      ...NO_STORE_HEADERS,
    },
  });
}

/** The body of every 405, with its Chinese message (also sent by http-server.ts). */
export const methodNotAllowedBody = () => ({ ok: false, error: 'method-not-allowed', message: t('forms.error.method') });

/** 405 with the methods a route does answer. */
export function methodNotAllowed(allow: string): Response {
  return jsonResponse(405, methodNotAllowedBody(), { Allow: allow });
}

/** 404 with a Chinese message; `error` says what was not found. */
export function notFound(error = 'not-found'): Response {
  return jsonResponse(404, { ok: false, error, message: t('forms.error.notFound') });
}

/** Reason phrases for the statuses the form pages answer with. */
export const STATUS_TEXT: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  403: 'Forbidden',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
};

/** Astro's clientAddress, or undefined where the adapter cannot tell. */
export function peerAddress(read: () => string): string | undefined {
  try {
    return read();
  } catch {
    return undefined;
  }
}

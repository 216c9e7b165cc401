/**
 * The security headers of every response, defined once. The Node server (http-server.ts)
 * sends them; astro.config.mjs takes the page policy from here; docs/deploy.md repeats the
 * header values for nginx (tests/unit/security-headers.test.ts keeps the copy equal).
 */

/**
 * The site's one Content-Security-Policy, directive → sources. Astro adds script-src and
 * style-src to each page (the hashes of its inline scripts and styles): in a <meta> on
 * static pages, in the header on pages rendered on demand.
 */
export const CSP_DIRECTIVES = {
  'default-src': "'self'",
  'img-src': "'self' data: https:",
  'connect-src': "'self'",
  'object-src': "'none'",
  'base-uri': "'self'",
  'form-action': "'self'",
  'frame-ancestors': "'none'",
} as const;

type Directive = keyof typeof CSP_DIRECTIVES;
const entries = Object.entries(CSP_DIRECTIVES) as [Directive, string][];

/** Browsers ignore these in a <meta> policy, so only the header carries them. */
const HEADER_ONLY: ReadonlySet<Directive> = new Set(['frame-ancestors']);
/**
 * Left out of the header on responses whose page policy is a <meta>: without the page's
 * hashes, a header default-src would block its inline scripts (every policy must allow).
 */
const NEEDS_PAGE_HASHES: ReadonlySet<Directive> = new Set(['default-src']);

/** For astro.config.mjs `security.csp.directives`: everything a <meta> can carry. */
export const ASTRO_CSP_DIRECTIVES: `${Directive} ${string}`[] = entries
  .filter(([name]) => !HEADER_ONLY.has(name))
  .map(([name, value]) => `${name} ${value}` as const);

/**
 * The header on responses without a policy from Astro (static pages, API replies, files).
 * Together with a static page's <meta> it is the whole policy.
 */
export const CSP_HEADER = entries
  .filter(([name]) => !NEEDS_PAGE_HASHES.has(name))
  .map(([name, value]) => `${name} ${value}`)
  .join('; ');

/**
 * A page's own policy from Astro (an on-demand page's header, with its script and style
 * hashes) completed with every directive of CSP_DIRECTIVES it lacks, so no response
 * loses frame-ancestors or form-action whichever layer set the header.
 */
export function completePolicy(pagePolicy: string): string {
  const parts = pagePolicy
    .split(';')
    .map((p) => p.trim())
    .filter((p) => p !== '');
  const present = new Set(parts.map((p) => p.split(/\s+/)[0]?.toLowerCase()));
  for (const [name, value] of entries) if (!present.has(name)) parts.push(`${name} ${value}`);
  return parts.join('; ');
}

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CSP_HEADER,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
  'X-Frame-Options': 'DENY',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(self), payment=()',
  'Cross-Origin-Opener-Policy': 'same-origin',
};

/**
 * Strict-Transport-Security: one year. Sent by the Node server only when SITE_URL is https
 * (the site is reached over TLS, usually through nginx); nginx sends it where it ends TLS.
 */
export const HSTS_HEADER = 'max-age=31536000';

/**
 * Added to every response from the API and from the on-demand pages that show a
 * submission's reference code: nothing there may be kept by a browser or proxy cache.
 */
export const NO_STORE_HEADERS: Readonly<Record<string, string>> = {
  'Cache-Control': 'no-store',
};

/** Staff pages and the API: never cached, never indexed. */
export const STAFF_HEADERS: Readonly<Record<string, string>> = {
  ...NO_STORE_HEADERS,
  'X-Robots-Tag': 'noindex, nofollow',
};

/** True for the staff back office: the console (/staff/ and below) and the token page (/admin/). */
export function isStaffPage(pathname: string): boolean {
  return ['/admin', '/staff'].some((p) => pathname === p || pathname.startsWith(`${p}/`));
}

/**
 * Headers sent with every response from our Node server. The page-level script and style
 * policy comes from Astro's CSP <meta> (it knows the hashes of its own scripts); this header
 * adds what a <meta> cannot carry, such as frame-ancestors. docs/deploy.md repeats these for nginx.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': "frame-ancestors 'none'; object-src 'none'; base-uri 'self'; form-action 'self'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
  'X-Frame-Options': 'DENY',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(self), payment=()',
  'Cross-Origin-Opener-Policy': 'same-origin',
};

/**
 * Added to every response from the API and from the on-demand pages that show a
 * submission's reference code: nothing there may be kept by a browser or proxy cache.
 */
export const NO_STORE_HEADERS: Readonly<Record<string, string>> = {
  'Cache-Control': 'no-store',
};

// @ts-check
import { createHash } from 'node:crypto';
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import preact from '@astrojs/preact';
import node from '@astrojs/node';
import sitemap from '@astrojs/sitemap';
import { DISPLAY_PREFS_INIT_SCRIPT } from './src/lib/display-prefs.ts';
import { SEARCH_LATE_SCRIPT } from './src/lib/search/late.ts';
import pagefindIndex from './src/integrations/pagefind.ts';
import { ASTRO_CSP_DIRECTIVES } from './src/server/security-headers.ts';
import { siteFromEnv } from './src/lib/site-url.ts';

// The public origin is used for canonical URLs, Open Graph cards and the sitemap. A build
// without it warns once (a public site with localhost canonicals would vanish from search).
const { site, warning: siteWarning } = siteFromEnv(process.env);
if (siteWarning !== null && process.argv.includes('build')) console.warn(`\u26a0 ${siteWarning}`);

/**
 * CSP hash of an inline script we print ourselves (Astro hashes only its own scripts).
 * @param {string} code
 * @returns {`sha256-${string}`}
 */
const sha256 = (code) => `sha256-${createHash('sha256').update(code).digest('base64')}`;

export default defineConfig({
  site,
  // DIST_DIR / ASTRO_CACHE_DIR let several builds run side by side (benchmarks, parallel work).
  outDir: process.env.DIST_DIR ?? './dist',
  cacheDir: process.env.ASTRO_CACHE_DIR ?? './node_modules/.astro',
  output: 'static',
  adapter: node({ mode: 'standalone' }),
  trailingSlash: 'always',
  build: { format: 'directory' },
  integrations: [mdx(), preact(), sitemap({ filter: (page) => !/\/(staff|api)\//.test(new URL(page).pathname) }), pagefindIndex()],
  devToolbar: { enabled: false },
  security: {
    // Astro's own origin check refuses plain form posts without an Origin header (curl,
    // some old browsers) and posts that arrive over http behind a TLS proxy. The API's own
    // check (src/server/request.ts) compares Origin with Host and SITE_URL instead.
    checkOrigin: false,
    csp: {
      // The one policy (src/server/security-headers.ts); the server adds frame-ancestors.
      directives: [...ASTRO_CSP_DIRECTIVES],
      scriptDirective: { hashes: [sha256(DISPLAY_PREFS_INIT_SCRIPT), sha256(SEARCH_LATE_SCRIPT)] },
    },
  },
});

// @ts-check
import { createHash } from 'node:crypto';
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import preact from '@astrojs/preact';
import node from '@astrojs/node';
import sitemap from '@astrojs/sitemap';
import { DISPLAY_PREFS_INIT_SCRIPT } from './src/lib/display-prefs.ts';

// The public origin is used for canonical URLs, Open Graph cards and the sitemap.
const site = process.env.SITE_URL ?? 'http://localhost:4321';

/** CSP hash of an inline script we print ourselves (Astro hashes only its own scripts). */
const sha256 = (code) => `sha256-${createHash('sha256').update(code).digest('base64')}`;

export default defineConfig({
  site,
  output: 'static',
  adapter: node({ mode: 'standalone' }),
  trailingSlash: 'always',
  build: { format: 'directory' },
  integrations: [mdx(), preact(), sitemap({ filter: (page) => !page.includes('/admin/') })],
  devToolbar: { enabled: false },
  security: {
    csp: {
      directives: ["default-src 'self'", "img-src 'self' data: https:", "connect-src 'self'", "object-src 'none'", "base-uri 'self'"],
      scriptDirective: { hashes: [sha256(DISPLAY_PREFS_INIT_SCRIPT)] },
    },
  },
});

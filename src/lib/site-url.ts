/**
 * The public origin (SITE_URL) used for canonical links, link cards and the sitemap.
 * Unset, it falls back to the local address, which is right for `npm start` on one's own
 * machine and wrong for any public site: the build then says so in one line.
 */
export const LOCAL_SITE = 'http://localhost:4321';

export function siteFromEnv(env: Record<string, string | undefined>): { site: string; warning: string | null } {
  const value = env['SITE_URL']?.trim();
  if (value === undefined || value === '') {
    return {
      site: LOCAL_SITE,
      warning: `SITE_URL is not set: canonical links, link cards and the sitemap will say ${LOCAL_SITE}. Set SITE_URL=https://<your domain> when building for the public.`,
    };
  }
  return { site: value, warning: null };
}

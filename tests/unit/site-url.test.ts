import { describe, expect, it } from 'vitest';
import { LOCAL_SITE, siteFromEnv } from '../../src/lib/site-url.ts';

describe('SITE_URL', () => {
  it('falls back to the local address with one warning line when unset or empty', () => {
    for (const env of [{}, { SITE_URL: '' }, { SITE_URL: '  ' }]) {
      const { site, warning } = siteFromEnv(env);
      expect(site).toBe(LOCAL_SITE);
      expect(warning).toMatch(/^SITE_URL is not set/);
      expect(warning).not.toContain('\n');
    }
  });
  it('uses the configured origin without a warning', () => {
    expect(siteFromEnv({ SITE_URL: 'https://anning.example.cn' })).toEqual({ site: 'https://anning.example.cn', warning: null });
  });
});

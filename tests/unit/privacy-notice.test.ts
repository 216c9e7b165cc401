/**
 * The privacy notice states where the data is only when the operator has said so
 * (PRIVACY_DATA_LOCATION); a deployment fact is never hard-coded into the notice.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { privacySettings } from '../../src/lib/privacy.ts';

describe('PRIVACY_DATA_LOCATION', () => {
  it('is unset until the operator configures it, and then read as written', () => {
    expect(privacySettings({}).dataLocation).toBeUndefined();
    expect(privacySettings({ PRIVACY_DATA_LOCATION: '  ' }).dataLocation).toBeUndefined();
    expect(privacySettings({ PRIVACY_DATA_LOCATION: '服务器和数据都在中国境内，不向境外提供。' }).dataLocation).toBe(
      '服务器和数据都在中国境内，不向境外提供。',
    );
  });

  it('changes the notice version when set, and leaves existing versions alone when not', () => {
    const base = { PRIVACY_CONTROLLER_NAME: '某市卫生健康委员会', PRIVACY_CONTACT: 'privacy@example.org.cn' };
    expect(privacySettings({ ...base, PRIVACY_DATA_LOCATION: '中国境内' }).noticeVersion).not.toBe(privacySettings(base).noticeVersion);
  });

  it('is the only source of the data-location sentence on /privacy/', () => {
    const page = readFileSync('src/pages/privacy.astro', 'utf8');
    expect(page).not.toMatch(/服务器和数据在中国境内/);
    expect(page).toContain('settings.dataLocation');
  });
});

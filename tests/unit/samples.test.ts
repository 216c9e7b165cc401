/** The switch that decides whether sample records are shown (src/lib/samples.ts) and the registry loader that obeys it. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { isDemonstration, showSamples, visibleSamples } from '../../src/lib/samples.ts';
import { clearRegistryCache, loadRegistry } from '../../src/lib/registry/load.ts';

const OPERATOR = { PRIVACY_CONTROLLER_NAME: '某某市卫生健康委员会', PRIVACY_CONTACT: '电话 0000-0000000' };
const isSample = (r: { provenance: { kind: string } }) => r.provenance.kind === 'sample';

describe('showSamples', () => {
  it('shows samples on a demonstration site (no operator), hides them once an operator is set', () => {
    expect(showSamples({})).toBe(true);
    expect(isDemonstration({})).toBe(true);
    expect(showSamples({ ...OPERATOR })).toBe(false);
    expect(isDemonstration({ ...OPERATOR })).toBe(false);
  });

  it('needs both the operator name and contact: half a configuration is still a demonstration', () => {
    expect(showSamples({ PRIVACY_CONTROLLER_NAME: '某某单位' })).toBe(true);
    expect(showSamples({ PRIVACY_CONTACT: '  ' })).toBe(true);
  });

  it('SHOW_SAMPLES overrides either way', () => {
    expect(showSamples({ ...OPERATOR, SHOW_SAMPLES: '1' })).toBe(true);
    expect(showSamples({ ...OPERATOR, SHOW_SAMPLES: 'true' })).toBe(true);
    expect(showSamples({ SHOW_SAMPLES: '0' })).toBe(false);
    expect(showSamples({ SHOW_SAMPLES: 'false' })).toBe(false);
    expect(showSamples({ ...OPERATOR, SHOW_SAMPLES: '' })).toBe(false);
  });

  it('visibleSamples filters only when hiding', () => {
    const items = [{ s: true }, { s: false }];
    expect(visibleSamples(items, (i) => i.s, true)).toHaveLength(2);
    expect(visibleSamples(items, (i) => i.s, false)).toEqual([{ s: false }]);
  });
});

describe('loadRegistry and the sample switch', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    clearRegistryCache();
  });

  it('keeps sample records on a demonstration site and drops them on a site with an operator', () => {
    vi.stubEnv('PRIVACY_CONTROLLER_NAME', '');
    vi.stubEnv('PRIVACY_CONTACT', '');
    vi.stubEnv('SHOW_SAMPLES', '');
    const demo = loadRegistry();
    expect(demo.records.some(isSample)).toBe(true);

    vi.stubEnv('PRIVACY_CONTROLLER_NAME', OPERATOR.PRIVACY_CONTROLLER_NAME);
    vi.stubEnv('PRIVACY_CONTACT', OPERATOR.PRIVACY_CONTACT);
    const real = loadRegistry();
    expect(real.records.some(isSample)).toBe(false);
    expect(real.records.length).toBe(demo.records.filter((r) => !isSample(r)).length);
    expect(real.records.length).toBeGreaterThan(0);

    vi.stubEnv('SHOW_SAMPLES', '1');
    expect(loadRegistry().records).toHaveLength(demo.records.length);
  });

  it('an explicit option wins over the environment (the course schema checks against every record)', () => {
    vi.stubEnv('PRIVACY_CONTROLLER_NAME', OPERATOR.PRIVACY_CONTROLLER_NAME);
    vi.stubEnv('PRIVACY_CONTACT', OPERATOR.PRIVACY_CONTACT);
    vi.stubEnv('SHOW_SAMPLES', '');
    expect(loadRegistry({ samples: true }).records.some(isSample)).toBe(true);
    expect(loadRegistry({ samples: false }).records.some(isSample)).toBe(false);
  });
});

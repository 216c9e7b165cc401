/**
 * What the target tracker says beyond the plans' words (review U6, U7): the site's own
 * readings are labelled as such, and a target whose year has passed says so.
 */
import { describe, expect, it } from 'vitest';
import { loadPolicyTargets } from '../../src/lib/targets/data.ts';
import { deadlinePassed } from '../../src/lib/targets/wording.ts';

describe('deadlinePassed', () => {
  it('「到2025年」 runs to the end of 2025 and has passed from 1 January 2026', () => {
    expect(deadlinePassed(2025, '2025-12-31')).toBe(false);
    expect(deadlinePassed(2025, '2026-01-01')).toBe(true);
    expect(deadlinePassed(2027, '2026-12-03')).toBe(false);
  });
});

describe('content/policy-targets.json', () => {
  const targets = loadPolicyTargets();

  it('labels the site’s readings of 市级医院, 县级医院 and 普遍 as its own, not the official measure', () => {
    for (const id of ['zj-city-hospital-ward', 'zj-county-hospital-ward', 'bj-chc-home-care']) {
      expect(targets.find((x) => x.id === id)?.interpretation, id).toMatch(/这是本站的理解，不是官方口径/);
    }
  });

  it('keeps those readings out of the counting method, so the method states only what is counted', () => {
    for (const target of targets) expect(target.method, target.id).not.toMatch(/视为/);
  });
});

import { describe, expect, it } from 'vitest';
import { realBeforeSamples } from '../../src/lib/search/engine.ts';

describe('realBeforeSamples', () => {
  const r = (id: string) => ({ id });
  it('puts every real page before every sample, keeping rank order within each', () => {
    const out = realBeforeSamples([r('s1'), r('guide'), r('s2'), r('real')], new Set(['s1', 's2']), new Map());
    expect(out.map((x) => x.id)).toEqual(['guide', 'real', 's1', 's2']);
  });
  it('keeps a sample asked for by its exact name where it ranked', () => {
    const out = realBeforeSamples([r('s1'), r('guide')], new Set(['s1']), new Map([['s1', 2]]));
    expect(out.map((x) => x.id)).toEqual(['s1', 'guide']);
  });
});

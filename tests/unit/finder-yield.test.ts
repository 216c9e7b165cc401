/**
 * The finder's first render in steps (src/islands/finder/yield.ts): giving the main thread
 * back, and where each step of the city list ends.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { stepEnd, yieldToMain } from '../../src/islands/finder/yield.ts';

describe('yieldToMain', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('uses scheduler.yield where the browser has it', async () => {
    const yielded = vi.fn(() => Promise.resolve());
    vi.stubGlobal('scheduler', { yield: yielded });
    await yieldToMain();
    expect(yielded).toHaveBeenCalledTimes(1);
  });

  it('falls back to a zero timer: the continuation runs after the work already queued', async () => {
    vi.stubGlobal('scheduler', undefined);
    const order: string[] = [];
    setTimeout(() => order.push('queued before'), 0);
    await yieldToMain();
    order.push('after the yield');
    expect(order).toEqual(['queued before', 'after the yield']);
  });
});

describe('stepEnd', () => {
  it('takes whole groups until at least the step size is reached', () => {
    expect(stepEnd([30, 20, 15, 40], 0, 60)).toBe(3);
    expect(stepEnd([30, 20, 15, 40], 3, 60)).toBe(4);
  });
  it('a group larger than a step is one step; the end is the end', () => {
    expect(stepEnd([100, 5], 0, 60)).toBe(1);
    expect(stepEnd([100, 5], 2, 60)).toBe(2);
    expect(stepEnd([], 0, 60)).toBe(0);
  });
  it('the 361 places of a national scope in 31 provinces take a few steps, each whole provinces', () => {
    const sizes = Array.from({ length: 31 }, (_, i) => (i % 3 === 0 ? 1 : 14));
    const ends: number[] = [];
    for (let at = 0; at < sizes.length; at = stepEnd(sizes, at, 60)) ends.push(stepEnd(sizes, at, 60));
    expect(ends.at(-1)).toBe(31);
    expect(ends.length).toBeGreaterThan(3);
    expect(ends.length).toBeLessThan(10);
  });
});

import { describe, expect, it } from 'vitest';
import { isStale } from '../../src/lib/finder/freshness.ts';

describe('record freshness', () => {
  it('warns only when the last check is more than a year before the build day', () => {
    expect(isStale('2025-12-03', '2026-12-03')).toBe(false);
    expect(isStale('2025-12-02', '2026-12-03')).toBe(true);
    expect(isStale('2026-11-22', '2026-12-03')).toBe(false);
    expect(isStale('not a date', '2026-12-03')).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { distanceKm } from '../../src/lib/geo.ts';
import { formatKm } from '../../src/lib/finder/format.ts';
import { regions } from './registry-helpers.ts';

describe('distances as the finder uses them', () => {
  const at = (code: string) => {
    const r = regions().byCode.get(code);
    if (!r) throw new Error(code);
    return r.centre;
  };

  it('gives sensible straight-line distances between real places', () => {
    // 北京 (东城区) to 杭州 (上城区): about 1 120 km as the crow flies.
    expect(distanceKm(at('110101'), at('330102'))).toBeGreaterThan(1080);
    expect(distanceKm(at('110101'), at('330102'))).toBeLessThan(1160);
    // 东城区 to 西城区: a few km.
    expect(distanceKm(at('110101'), at('110102'))).toBeLessThan(6);
  });

  it('is symmetric and zero for the same point', () => {
    const a = at('330106');
    const b = at('331002');
    expect(distanceKm(a, b)).toBeCloseTo(distanceKm(b, a), 9);
    expect(distanceKm(a, a)).toBe(0);
  });

  it('is shown in km: one decimal below 10, whole numbers above', () => {
    expect(formatKm(0)).toBe('0.0');
    expect(formatKm(2.345)).toBe('2.3');
    expect(formatKm(9.96)).toBe('10.0');
    expect(formatKm(12.5)).toBe('13');
    expect(formatKm(1234.4)).toBe('1234');
    expect(formatKm(Number.NaN)).toBe('?');
  });
});

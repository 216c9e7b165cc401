import { describe, expect, it } from 'vitest';
import { bd09ToGcj02, gcj02ToBd09, gcj02ToWgs84, isOutsideChina, wgs84ToBd09, wgs84ToGcj02 } from '../../src/lib/geo-cn.ts';
import { distanceKm } from '../../src/lib/geo.ts';

// Reference values published with the widely used coordtransform library (lng 116.404, lat 39.915).
const P = { lat: 39.915, lng: 116.404 };

describe('China coordinate systems', () => {
  it('WGS-84 → GCJ-02 matches the reference implementation', () => {
    const g = wgs84ToGcj02(P);
    expect(g.lng).toBeCloseTo(116.41024449916938, 9);
    expect(g.lat).toBeCloseTo(39.91640428150164, 9);
  });

  it('GCJ-02 → BD-09 and back match the reference implementation', () => {
    const b = gcj02ToBd09(P);
    expect(b.lng).toBeCloseTo(116.41036949371029, 9);
    expect(b.lat).toBeCloseTo(39.92133699351021, 9);
    const g = bd09ToGcj02(P);
    expect(g.lng).toBeCloseTo(116.39762729119315, 9);
    expect(g.lat).toBeCloseTo(39.90865673957631, 9);
  });

  it('GCJ-02 → WGS-84 matches the reference implementation', () => {
    const w = gcj02ToWgs84(P);
    expect(w.lng).toBeCloseTo(116.39775550083061, 9);
    expect(w.lat).toBeCloseTo(39.91359571849836, 9);
  });

  it('shifts by a few hundred metres inside China and round-trips within a few metres', () => {
    for (const p of [P, { lat: 30.2595, lng: 120.13 }, { lat: 27.99, lng: 120.69 }]) {
      const shift = distanceKm(p, wgs84ToGcj02(p));
      expect(shift).toBeGreaterThan(0.1);
      expect(shift).toBeLessThan(1);
      expect(distanceKm(p, gcj02ToWgs84(wgs84ToGcj02(p)))).toBeLessThan(0.005);
      expect(distanceKm(gcj02ToBd09(wgs84ToGcj02(p)), wgs84ToBd09(p))).toBe(0);
      expect(distanceKm(bd09ToGcj02(gcj02ToBd09(p)), p)).toBeLessThan(0.001);
    }
  });

  it('leaves positions outside China unchanged', () => {
    const london = { lat: 51.5, lng: -0.12 };
    expect(isOutsideChina(london)).toBe(true);
    expect(wgs84ToGcj02(london)).toEqual(london);
    expect(isOutsideChina(P)).toBe(false);
  });
});

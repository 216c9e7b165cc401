import { describe, expect, it } from 'vitest';
import { EARTH_RADIUS_KM, distanceKm, nearest } from '../../src/lib/geo.ts';

describe('distanceKm (haversine)', () => {
  it('is zero for the same point', () => {
    expect(distanceKm({ lat: 30.2595, lng: 120.13 }, { lat: 30.2595, lng: 120.13 })).toBe(0);
  });

  it('matches known great-circle distances', () => {
    // One degree of latitude along a meridian: 2πR / 360.
    expect(distanceKm({ lat: 0, lng: 0 }, { lat: 1, lng: 0 })).toBeCloseTo((2 * Math.PI * EARTH_RADIUS_KM) / 360, 6);
    // A quarter of the equator.
    expect(distanceKm({ lat: 0, lng: 0 }, { lat: 0, lng: 90 })).toBeCloseTo((Math.PI * EARTH_RADIUS_KM) / 2, 6);
    // Beijing (Tiananmen) to Hangzhou (West Lake): about 1,125 km in a straight line.
    expect(distanceKm({ lat: 39.9087, lng: 116.3975 }, { lat: 30.2431, lng: 120.1508 })).toBeGreaterThan(1110);
    expect(distanceKm({ lat: 39.9087, lng: 116.3975 }, { lat: 30.2431, lng: 120.1508 })).toBeLessThan(1140);
    // Hangzhou 西湖区 to 上城区 county centres: a few km.
    expect(distanceKm({ lat: 30.2595, lng: 120.13 }, { lat: 30.2424, lng: 120.1693 })).toBeCloseTo(4.2, 1);
  });

  it('is symmetric and crosses the antimeridian the short way', () => {
    const a = { lat: 10, lng: 179.5 };
    const b = { lat: 10, lng: -179.5 };
    expect(distanceKm(a, b)).toBeCloseTo(distanceKm(b, a), 9);
    expect(distanceKm(a, b)).toBeLessThan(120);
  });

  it('gives half the circumference for antipodal points (no NaN)', () => {
    expect(distanceKm({ lat: 0, lng: 0 }, { lat: 0, lng: 180 })).toBeCloseTo(Math.PI * EARTH_RADIUS_KM, 6);
    expect(distanceKm({ lat: 90, lng: 0 }, { lat: -90, lng: 0 })).toBeCloseTo(Math.PI * EARTH_RADIUS_KM, 6);
  });
});

describe('nearest', () => {
  const places = [
    { id: 'far', at: { lat: 39.9, lng: 116.4 } },
    { id: 'near', at: { lat: 30.26, lng: 120.14 } },
    { id: 'nowhere', at: undefined },
    { id: 'middle', at: { lat: 29.86, lng: 121.55 } },
  ];

  it('returns the closest items first with their distance, skipping items without a position', () => {
    const found = nearest({ lat: 30.2595, lng: 120.13 }, places, (p) => p.at, 3);
    expect(found.map((f) => f.item.id)).toEqual(['near', 'middle', 'far']);
    expect(found[0]?.km).toBeLessThan(2);
  });

  it('returns at most count items', () => {
    expect(nearest({ lat: 30, lng: 120 }, places, (p) => p.at, 1)).toHaveLength(1);
    expect(nearest({ lat: 30, lng: 120 }, places, (p) => p.at, 0)).toEqual([]);
    expect(() => nearest({ lat: 30, lng: 120 }, places, (p) => p.at, -1)).toThrow(RangeError);
  });
});

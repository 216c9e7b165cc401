/**
 * China's map coordinate systems. The registry stores WGS-84 (GPS, 天地图/CGCS2000,
 * OpenStreetMap). 高德 and 腾讯 maps use GCJ-02 (国测局坐标, an obfuscated offset of a
 * few hundred metres inside China); 百度 uses BD-09, a further offset of GCJ-02.
 * These are the standard published conversions (as in the widely used coordtransform
 * and eviltransform libraries); outside China GCJ-02 equals WGS-84.
 */
import type { LatLng } from './geo.ts';

/** Krasovsky 1940 ellipsoid, which the GCJ-02 algorithm is defined on. */
const A = 6378245.0;
// The algorithm's published constant, written out to the digits a double keeps.
const EE = 0.006693421622965943;
const X_PI = (Math.PI * 3000.0) / 180.0;

/** Rough box outside which GCJ-02 applies no offset (the usual test in these libraries). */
export function isOutsideChina({ lat, lng }: LatLng): boolean {
  return lng < 72.004 || lng > 137.8347 || lat < 0.8293 || lat > 55.8271;
}

function transformLat(x: number, y: number): number {
  let ret = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
  ret += ((20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0) / 3.0;
  ret += ((20.0 * Math.sin(y * Math.PI) + 40.0 * Math.sin((y / 3.0) * Math.PI)) * 2.0) / 3.0;
  ret += ((160.0 * Math.sin((y / 12.0) * Math.PI) + 320 * Math.sin((y * Math.PI) / 30.0)) * 2.0) / 3.0;
  return ret;
}

function transformLng(x: number, y: number): number {
  let ret = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
  ret += ((20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0) / 3.0;
  ret += ((20.0 * Math.sin(x * Math.PI) + 40.0 * Math.sin((x / 3.0) * Math.PI)) * 2.0) / 3.0;
  ret += ((150.0 * Math.sin((x / 12.0) * Math.PI) + 300.0 * Math.sin((x / 30.0) * Math.PI)) * 2.0) / 3.0;
  return ret;
}

/** WGS-84 → GCJ-02 (高德, 腾讯). Unchanged outside China. */
export function wgs84ToGcj02(point: LatLng): LatLng {
  if (isOutsideChina(point)) return { lat: point.lat, lng: point.lng };
  const { lat, lng } = point;
  let dLat = transformLat(lng - 105.0, lat - 35.0);
  let dLng = transformLng(lng - 105.0, lat - 35.0);
  const radLat = (lat / 180.0) * Math.PI;
  let magic = Math.sin(radLat);
  magic = 1 - EE * magic * magic;
  const sqrtMagic = Math.sqrt(magic);
  dLat = (dLat * 180.0) / (((A * (1 - EE)) / (magic * sqrtMagic)) * Math.PI);
  dLng = (dLng * 180.0) / ((A / sqrtMagic) * Math.cos(radLat) * Math.PI);
  return { lat: lat + dLat, lng: lng + dLng };
}

/** GCJ-02 → WGS-84 by one inverse step (error of a few metres, enough for maps). */
export function gcj02ToWgs84(point: LatLng): LatLng {
  if (isOutsideChina(point)) return { lat: point.lat, lng: point.lng };
  const shifted = wgs84ToGcj02(point);
  return { lat: point.lat * 2 - shifted.lat, lng: point.lng * 2 - shifted.lng };
}

/** GCJ-02 → BD-09 (百度). */
export function gcj02ToBd09({ lat, lng }: LatLng): LatLng {
  const z = Math.sqrt(lng * lng + lat * lat) + 0.00002 * Math.sin(lat * X_PI);
  const theta = Math.atan2(lat, lng) + 0.000003 * Math.cos(lng * X_PI);
  return { lat: z * Math.sin(theta) + 0.006, lng: z * Math.cos(theta) + 0.0065 };
}

/** BD-09 → GCJ-02. */
export function bd09ToGcj02({ lat, lng }: LatLng): LatLng {
  const x = lng - 0.0065;
  const y = lat - 0.006;
  const z = Math.sqrt(x * x + y * y) - 0.00002 * Math.sin(y * X_PI);
  const theta = Math.atan2(y, x) - 0.000003 * Math.cos(x * X_PI);
  return { lat: z * Math.sin(theta), lng: z * Math.cos(theta) };
}

/** WGS-84 → BD-09 (百度), via GCJ-02. */
export function wgs84ToBd09(point: LatLng): LatLng {
  return gcj02ToBd09(wgs84ToGcj02(point));
}

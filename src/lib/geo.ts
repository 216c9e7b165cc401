/**
 * Straight-line distances on the Earth's surface. Pure, so it runs in the build, the
 * browser (service finder) and the tests alike.
 */

/** A WGS-84 position in decimal degrees. */
export interface LatLng {
  readonly lat: number;
  readonly lng: number;
}

/** Mean Earth radius in km (IUGG), the usual choice for the haversine formula. */
export const EARTH_RADIUS_KM = 6371.0088;

const toRadians = (degrees: number) => (degrees * Math.PI) / 180;

/**
 * Great-circle distance between two points in km (haversine formula). Accurate to about
 * 0.5 % — plenty for "how far is it", not for surveying.
 */
export function distanceKm(a: LatLng, b: LatLng): number {
  const dLat = toRadians(b.lat - a.lat);
  const dLng = toRadians(b.lng - a.lng);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(toRadians(a.lat)) * Math.cos(toRadians(b.lat)) * Math.sin(dLng / 2) ** 2;
  // min() guards against rounding pushing h just above 1 for antipodal points.
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** An item with its distance from the origin of a search. */
export interface Near<T> {
  readonly item: T;
  readonly km: number;
}

/**
 * The `count` items nearest to `origin`, closest first (ties keep input order).
 * `position` returns an item's coordinates, or undefined to skip it.
 */
export function nearest<T>(origin: LatLng, items: Iterable<T>, position: (item: T) => LatLng | undefined, count: number): Near<T>[] {
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`nearest(): count must be a whole number ≥ 0, got ${count}`);
  const found: Near<T>[] = [];
  for (const item of items) {
    const at = position(item);
    if (at !== undefined) found.push({ item, km: distanceKm(origin, at) });
  }
  return found.sort((x, y) => x.km - y.km).slice(0, count);
}

/**
 * The browser's location, asked for only when the family taps "use my location" (or
 * arrives with ?near=me): the browser shows its own permission prompt.
 */
import { useCallback, useState } from 'preact/hooks';

export type GeoState =
  | { readonly kind: 'idle' }
  | { readonly kind: 'asking' }
  | { readonly kind: 'ok'; readonly lat: number; readonly lng: number }
  | { readonly kind: 'error'; readonly reason: 'denied' | 'unavailable' | 'timeout' | 'unsupported' };

export function useGeolocation(): [GeoState, () => Promise<GeoState>, () => void] {
  const [geo, setGeo] = useState<GeoState>({ kind: 'idle' });
  const ask = useCallback(
    () =>
      new Promise<GeoState>((resolve) => {
        const done = (next: GeoState) => {
          setGeo(next);
          resolve(next);
        };
        if (!('geolocation' in navigator)) {
          done({ kind: 'error', reason: 'unsupported' });
          return;
        }
        setGeo({ kind: 'asking' });
        navigator.geolocation.getCurrentPosition(
          (pos) => done({ kind: 'ok', lat: pos.coords.latitude, lng: pos.coords.longitude }),
          (err) =>
            done({
              kind: 'error',
              reason: err.code === err.PERMISSION_DENIED ? 'denied' : err.code === err.TIMEOUT ? 'timeout' : 'unavailable',
            }),
          { enableHighAccuracy: false, timeout: 15_000, maximumAge: 300_000 },
        );
      }),
    [],
  );
  const reset = useCallback(() => setGeo({ kind: 'idle' }), []);
  return [geo, ask, reset];
}

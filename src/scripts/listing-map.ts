/**
 * The listing form's map picker: a tap on the map fills the latitude and longitude fields
 * (WGS-84, six decimals: about 10 cm). Loaded after the form, with Leaflet and its CSS
 * fetched only when the form has a map slot and tiles are configured; without tiles or
 * without JavaScript the two fields are typed instead (the slot stays hidden).
 */
import { mapConfig } from '../lib/finder/map-config.ts';

const round = (x: number) => Math.round(x * 1e6) / 1e6;

export function startListingMap(): void {
  const slot = document.querySelector<HTMLElement>('[data-listing-map]');
  const canvas = slot?.querySelector<HTMLElement>('.listing-map__canvas');
  const latInput = document.querySelector<HTMLInputElement>('#field-lat');
  const lngInput = document.querySelector<HTMLInputElement>('#field-lng');
  if (slot == null || canvas == null || latInput === null || lngInput === null) return;
  const config = mapConfig(import.meta.env);
  if (config.tiles.length === 0) return;
  void (async () => {
    const [{ default: L }, { gcj02ToWgs84, wgs84ToGcj02 }, leafletCss] = await Promise.all([
      import('leaflet'),
      import('../lib/geo-cn.ts'),
      import('leaflet/dist/leaflet.css?url'),
    ]);
    // The map is made once Leaflet's stylesheet applies: unstyled, its controls are tiny links.
    await new Promise<void>((resolve) => {
      const link = document.createElement('link');
      link.rel = 'stylesheet';
      link.href = leafletCss.default;
      link.addEventListener('load', () => resolve(), { once: true });
      link.addEventListener('error', () => resolve(), { once: true });
      document.head.append(link);
    });
    slot.hidden = false;
    const toMap = (lat: number, lng: number): [number, number] => {
      const q = config.coords === 'gcj02' ? wgs84ToGcj02({ lat, lng }) : { lat, lng };
      return [q.lat, q.lng];
    };
    const start = toMap(Number(slot.dataset['lat']), Number(slot.dataset['lng']));
    const map = L.map(canvas, { scrollWheelZoom: false, keyboard: true, maxZoom: 18 }).setView(
      start,
      slot.dataset['exact'] === 'true' ? 17 : 13,
    );
    for (const spec of config.tiles) {
      L.tileLayer(spec.url, { subdomains: spec.subdomains as string | string[], maxZoom: spec.maxZoom }).addTo(map);
    }
    if (config.source !== null) map.attributionControl.setPrefix(false).addAttribution(config.source);
    const marker = L.circleMarker(start, { radius: 10, weight: 3 });
    if (slot.dataset['exact'] === 'true') marker.addTo(map);
    map.on('click', (event) => {
      const picked = config.coords === 'gcj02' ? gcj02ToWgs84({ lat: event.latlng.lat, lng: event.latlng.lng }) : event.latlng;
      latInput.value = String(round(picked.lat));
      lngInput.value = String(round(picked.lng));
      marker.setLatLng(event.latlng).addTo(map);
    });
  })();
}

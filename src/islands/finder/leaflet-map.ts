/**
 * The finder's map, on Leaflet with marker clustering. Loaded by dynamic import only
 * when the map is shown, together with Leaflet's CSS (nothing of it reaches visitors
 * who never open the map). Never draws administrative boundaries: only tiles (if any),
 * one marker per institution and a marker for the chosen place.
 */
import L from 'leaflet';
import 'leaflet.markercluster';
// Stylesheets as URLs, linked by loadMapStyles() when the map is created: imported as CSS,
// Astro would put them on the finder page up front, for visitors who never open the map.
import leafletCss from 'leaflet/dist/leaflet.css?url';
import clusterCss from 'leaflet.markercluster/dist/MarkerCluster.css?url';
import mapCss from './finder-map.css?url';
import type { LatLng } from '../../lib/geo.ts';
import { wgs84ToGcj02 } from '../../lib/geo-cn.ts';
import type { MapConfig } from '../../lib/finder/map-config.ts';

export interface MapPoint {
  /** Record position in the finder data. */
  readonly i: number;
  readonly lat: number;
  readonly lng: number;
  readonly name: string;
  readonly href: string;
  readonly kind: string;
  readonly sample: boolean;
  /** First phone as [label, tel: href, number as shown], if any. */
  readonly phone: readonly [string, string, string] | null;
}

export interface MapLabels {
  readonly zoomIn: string;
  readonly zoomOut: string;
  readonly closePopup: string;
  readonly sample: string;
  readonly samplePopup: string;
  readonly noPhone: string;
  readonly samplePhone: string;
  readonly origin: string;
  readonly originMe: string;
  readonly reviewNo: (no: string) => string;
  readonly source: (name: string) => string;
  readonly cluster: (count: number) => string;
  readonly call: (number: string) => string;
}

export interface MapEvents {
  /** A marker was chosen on the map. */
  onSelect(i: number): void;
  /** A tile failed to load (called at most once). */
  onTileError(): void;
  /** The live availability badge of record i, read when its popup opens (so it is never older than the page's). */
  badge(i: number): { readonly text: string; readonly tone: string; readonly reported: boolean } | null;
}

export interface FinderMap {
  /** Show these markers (the filtered results); fit the view to `fit` (record positions) and the origin. */
  setPoints(points: readonly MapPoint[], fit: readonly number[], origin: LatLng | null, originIsMe: boolean): void;
  /** Highlight one marker (null: none); with `reveal`, zoom to it and open its popup. */
  select(i: number | null, reveal: boolean): void;
  destroy(): void;
}

/** Link the map's stylesheets (once) and wait until they apply. */
export async function loadMapStyles(): Promise<void> {
  await Promise.all(
    [leafletCss, clusterCss, mapCss].map(
      (href) =>
        new Promise<void>((resolve) => {
          if (document.querySelector(`link[data-map-css="${href}"]`) !== null) {
            resolve();
            return;
          }
          const link = document.createElement('link');
          link.rel = 'stylesheet';
          link.href = href;
          link.dataset['mapCss'] = href;
          // Resolve on error too: an unstyled map is still better than none.
          link.addEventListener('load', () => resolve(), { once: true });
          link.addEventListener('error', () => resolve(), { once: true });
          document.head.append(link);
        }),
    ),
  );
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The whole area covered (Beijing and Zhejiang), shown before a place is chosen. */
const COVERAGE = L.latLngBounds([27.0, 115.4], [41.1, 123.2]);

export function createFinderMap(el: HTMLElement, config: MapConfig, labels: MapLabels, events: MapEvents): FinderMap {
  const toMap = (p: LatLng): L.LatLngExpression => {
    const q = config.coords === 'gcj02' ? wgs84ToGcj02(p) : p;
    return [q.lat, q.lng];
  };

  const map = L.map(el, { zoomControl: false, attributionControl: false, scrollWheelZoom: false, keyboard: true, maxZoom: 18 });
  L.control.zoom({ position: 'topright', zoomInTitle: labels.zoomIn, zoomOutTitle: labels.zoomOut }).addTo(map);

  // Source and 审图号 at the bottom left, as Chinese rules for published maps require.
  const credits: string[] = [];
  if (config.source !== null) {
    const name = escapeHtml(labels.source(config.source));
    credits.push(config.sourceUrl === null ? name : `<a href="${escapeHtml(config.sourceUrl)}" rel="noopener" target="_blank">${name}</a>`);
  }
  if (config.reviewNo !== null) credits.push(escapeHtml(labels.reviewNo(config.reviewNo)));
  if (credits.length > 0) L.control.attribution({ position: 'bottomleft', prefix: false }).addAttribution(credits.join(' · ')).addTo(map);

  el.classList.toggle('fm-map--plain', config.tiles.length === 0);
  let tileFailed = false;
  for (const spec of config.tiles) {
    const layer = L.tileLayer(spec.url, { subdomains: spec.subdomains as string | string[], maxZoom: spec.maxZoom, crossOrigin: false });
    layer.on('tileerror', () => {
      if (tileFailed) return;
      tileFailed = true;
      el.classList.add('fm-map--plain');
      events.onTileError();
    });
    layer.addTo(map);
  }

  const cluster = L.markerClusterGroup({
    chunkedLoading: true,
    showCoverageOnHover: false,
    spiderfyOnMaxZoom: true,
    maxClusterRadius: 50,
    iconCreateFunction: (c) => {
      const count = c.getChildCount();
      return L.divIcon({
        html: `<span aria-hidden="true">${count}</span><span class="visually-hidden">${escapeHtml(labels.cluster(count))}</span>`,
        className: 'fm-cluster',
        iconSize: L.point(44, 44),
      });
    },
  });

  const markers = new Map<number, L.Marker>();
  let points = new Map<number, MapPoint>();
  let selected: number | null = null;
  let originMarker: L.Marker | null = null;

  const markerName = (p: MapPoint) => (p.sample && !p.name.includes(labels.sample) ? `${p.name}（${labels.sample}）` : p.name);
  const icon = (p: MapPoint, isSelected: boolean) =>
    L.divIcon({
      html: `<span class="fm-pin" aria-hidden="true"></span><span class="visually-hidden">${escapeHtml(markerName(p))}</span>`,
      className: `fm-marker${p.sample ? ' fm-marker--sample' : ''}${isSelected ? ' fm-marker--selected' : ''}`,
      iconSize: L.point(32, 32),
      iconAnchor: L.point(16, 30),
      popupAnchor: L.point(0, -28),
    });

  function popup(p: MapPoint): HTMLElement {
    const box = document.createElement('div');
    box.className = 'fm-popup';
    const title = document.createElement('p');
    title.className = 'fm-popup__name';
    const link = document.createElement('a');
    link.href = p.href;
    link.textContent = p.name;
    title.append(link);
    if (p.sample) {
      const badge = document.createElement('span');
      badge.className = 'badge-sample';
      badge.textContent = labels.sample;
      title.append(' ', badge);
    }
    const kind = document.createElement('p');
    kind.textContent = p.kind;
    box.append(title, kind);
    const badge = events.badge(p.i);
    // Only a report, fresh or expired: "never reported" is said in the list, and the popup stays small.
    if (badge !== null && badge.reported) {
      const live = document.createElement('p');
      live.className = `fm-popup__live fr-live fr-live--${badge.tone}`;
      live.textContent = badge.text;
      box.append(live);
    }
    if (p.sample) {
      const note = document.createElement('p');
      note.textContent = labels.samplePopup;
      box.append(note);
    }
    const call = document.createElement('p');
    if (p.phone !== null) {
      const tel = document.createElement('a');
      tel.href = p.phone[1];
      tel.className = 'button';
      tel.textContent = labels.call(p.phone[2]);
      call.append(tel);
    } else {
      call.textContent = p.sample ? labels.samplePhone : labels.noPhone;
    }
    box.append(call);
    return box;
  }

  function markerFor(p: MapPoint): L.Marker {
    let m = markers.get(p.i);
    if (m === undefined) {
      // title: the name also shows on hover and is the marker's accessible description.
      m = L.marker(toMap(p), { icon: icon(p, false), keyboard: true, riseOnHover: true, title: markerName(p) });
      m.bindPopup(() => popup(p), { autoPanPadding: L.point(24, 24) });
      m.on('click', () => {
        setSelected(p.i);
        events.onSelect(p.i);
      });
      markers.set(p.i, m);
    }
    return m;
  }

  function setSelected(i: number | null) {
    if (selected === i) return;
    const previous = selected === null ? undefined : points.get(selected);
    if (previous !== undefined) markers.get(previous.i)?.setIcon(icon(previous, false)).setZIndexOffset(0);
    selected = i;
    const current = i === null ? undefined : points.get(i);
    if (current !== undefined) markers.get(current.i)?.setIcon(icon(current, true)).setZIndexOffset(1000);
  }

  map.on('popupopen', (e) => {
    e.popup.getElement()?.querySelector('.leaflet-popup-close-button')?.setAttribute('aria-label', labels.closePopup);
  });

  return {
    setPoints(next, fit, origin, originIsMe) {
      points = new Map(next.map((p) => [p.i, p]));
      if (selected !== null && !points.has(selected)) selected = null;
      // Set the view first: tiles are only requested for the view the results need.
      const bounds = L.latLngBounds([]);
      for (const i of fit) {
        const p = points.get(i);
        if (p !== undefined) bounds.extend(toMap(p));
      }
      if (origin !== null) bounds.extend(toMap(origin));
      if (bounds.isValid()) map.fitBounds(bounds, { padding: L.point(28, 28), maxZoom: 14 });
      else map.fitBounds(COVERAGE);
      if (!map.hasLayer(cluster)) map.addLayer(cluster);
      cluster.clearLayers();
      cluster.addLayers(next.map(markerFor));
      originMarker?.remove();
      originMarker = null;
      if (origin !== null) {
        const label = originIsMe ? labels.originMe : labels.origin;
        originMarker = L.marker(toMap(origin), {
          icon: L.divIcon({
            html: `<span class="visually-hidden">${escapeHtml(label)}</span>`,
            className: originIsMe ? 'fm-origin fm-origin--me' : 'fm-origin',
            iconSize: L.point(22, 22),
          }),
          title: label,
          keyboard: false,
          interactive: false,
          zIndexOffset: -100,
        }).addTo(map);
      }
    },
    select(i, reveal) {
      setSelected(i);
      if (i === null || !reveal) return;
      const m = markers.get(i);
      if (m === undefined || !points.has(i)) return;
      cluster.zoomToShowLayer(m, () => m.openPopup());
    },
    destroy() {
      map.remove();
      markers.clear();
    },
  };
}

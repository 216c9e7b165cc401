/**
 * The map, an enhancement beside the list: Leaflet and its CSS are imported only once
 * the map is shown and its box scrolls into view. Markers follow the filtered results.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { FinderData } from '../../lib/finder/index-data.ts';
import { telHref } from '../../lib/finder/format.ts';
import type { MapConfig } from '../../lib/finder/map-config.ts';
import { institutionHref } from '../../lib/finder/record-view.ts';
import { recordBadge, type FinderLive } from '../../lib/finder/live.ts';
import { FLAG_SAMPLE } from '../../lib/finder/index-format.ts';
import { KIND_LIST } from '../../lib/finder/vocab.ts';
import type { LatLng } from '../../lib/geo.ts';
import type { FinderMap, MapLabels, MapPoint } from './leaflet-map.ts';
import type { Translate } from '../../i18n/island.ts';

/** The highlighted result; `reveal` (chosen from the list) also zooms to it and opens its popup. */
export interface Selection {
  readonly i: number;
  readonly reveal: boolean;
}

interface Props {
  readonly data: FinderData;
  readonly results: Uint32Array;
  /** Results the view should fit (the ones shown in the list). */
  readonly fit: Uint32Array;
  readonly origin: LatLng | null;
  /** The origin is the person's own location ("you are here"), not a district centre. */
  readonly originIsMe: boolean;
  readonly selection: Selection | null;
  /** The live availability feed, for the popups' badge (null: none). */
  readonly live: FinderLive | null;
  readonly config: MapConfig;
  readonly t: Translate;
  onSelect: (i: number) => void;
  onTileError: () => void;
}

function toPoints(data: FinderData, results: Uint32Array): MapPoint[] {
  const points: MapPoint[] = new Array<MapPoint>(results.length);
  for (let k = 0; k < results.length; k++) {
    const i = results[k] ?? 0;
    const phones = data.phones[i];
    const first = phones === undefined || phones === 0 ? undefined : phones[0];
    points[k] = {
      i,
      lat: data.lat[i] ?? 0,
      lng: data.lng[i] ?? 0,
      name: data.names[i] ?? '',
      href: institutionHref(data.ids[i] ?? ''),
      kind: KIND_LIST[data.kind[i] ?? 0] ?? '',
      sample: ((data.flags[i] ?? 0) & FLAG_SAMPLE) !== 0,
      phone: first === undefined ? null : [first[0], telHref(first[1]), first[1]],
    };
  }
  return points;
}

export function MapPanel({ data, results, fit, origin, originIsMe, selection, live, config, t, onSelect, onTileError }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const [map, setMap] = useState<FinderMap | null>(null);
  const [failed, setFailed] = useState(false);
  const badge = (i: number) => recordBadge(data, live, i, t);
  const events = useRef({ onSelect, onTileError, badge });
  events.current = { onSelect, onTileError, badge };

  // Load Leaflet when the map box comes into view (it may be below the fold on a phone).
  useEffect(() => {
    const el = box.current;
    if (el === null) return undefined;
    let created: FinderMap | null = null;
    let cancelled = false;
    const load = () => {
      import('./leaflet-map.ts')
        .then(async ({ createFinderMap, loadMapStyles }) => {
          await loadMapStyles();
          if (cancelled) return;
          const labels: MapLabels = {
            zoomIn: t('finder.map.zoomIn'),
            zoomOut: t('finder.map.zoomOut'),
            closePopup: t('finder.map.closePopup'),
            sample: t('sample.badge'),
            samplePopup: t('finder.map.samplePopup'),
            noPhone: t('finder.result.noPhone'),
            samplePhone: t('finder.result.samplePhone'),
            origin: t('finder.map.origin'),
            originMe: t('finder.map.originMe'),
            reviewNo: (no) => t('finder.map.reviewNo', { no }),
            source: (name) => t('finder.map.source', { name }),
            cluster: (count) => t('finder.map.cluster', { n: count }),
            call: (number) => t('finder.result.call', { number }),
          };
          created = createFinderMap(el, config, labels, {
            onSelect: (i) => events.current.onSelect(i),
            onTileError: () => events.current.onTileError(),
            badge: (i) => events.current.badge(i),
          });
          setMap(created);
        })
        .catch((error: unknown) => {
          console.error('map', error);
          if (!cancelled) setFailed(true);
        });
    };
    if (!('IntersectionObserver' in window)) {
      load();
    } else {
      const observer = new IntersectionObserver(
        (entries) => {
          if (entries.some((e) => e.isIntersecting)) {
            observer.disconnect();
            load();
          }
        },
        { rootMargin: '200px' },
      );
      observer.observe(el);
      return () => {
        cancelled = true;
        observer.disconnect();
        created?.destroy();
      };
    }
    return () => {
      cancelled = true;
      created?.destroy();
    };
    // The map is created once per showing; config and strings do not change meanwhile.
  }, []);

  useEffect(() => {
    map?.setPoints(toPoints(data, results), Array.from(fit), origin, originIsMe);
  }, [map, data, results, fit, origin, originIsMe]);

  useEffect(() => {
    map?.select(selection?.i ?? null, selection?.reveal ?? false);
  }, [map, selection]);

  return (
    <div class="fm-wrap">
      <div ref={box} class="fm-map" role="region" aria-label={t('finder.map.label')} aria-describedby="fm-help" />
      <p id="fm-help" class="fm-help">
        {failed ? t('finder.map.failed') : map === null ? t('finder.map.loading') : t('finder.map.help')}
      </p>
    </div>
  );
}

/**
 * The service finder (/services/): where → filters → nearest results with a call button,
 * the map as an optional extra. State lives in the URL (src/lib/finder/url.ts); filtering
 * and ordering are pure functions (src/lib/finder/filter.ts) over a compact index fetched
 * by place: the overview and the parts of the provinces looked in (/data/finder/*.json).
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { compileCriteria, filterRecords, liveFilterUsable, nearestCounty, orderRecords, sourcedWithPayment } from '../lib/finder/filter.ts';
import { formatKm } from '../lib/finder/format.ts';
import { mapConfig } from '../lib/finder/map-config.ts';
import { placeName } from '../lib/finder/record-view.ts';
import { activeFilterCount, clearFilters, type FinderState } from '../lib/finder/url.ts';
import type { LatLng } from '../lib/geo.ts';
import { EmptyResult } from './finder/EmptyResult.tsx';
import { FilterPanel } from './finder/FilterPanel.tsx';
import { MapPanel, type Selection } from './finder/MapPanel.tsx';
import { LiveCount } from './finder/LiveCount.tsx';
import { PlacePicker } from './finder/PlacePicker.tsx';
import { ResultList } from './finder/ResultList.tsx';
import { translator, type IslandStrings } from '../i18n/island.ts';
import { useFinderData, useNearProvinces, useOverview, type FinderSources, type IndexLoad } from './finder/use-finder-data.ts';
import { provinceOfCode } from '../lib/finder/parts.ts';
import { useLive } from './finder/use-live.ts';
import { useGeolocation } from './finder/use-geolocation.ts';
import { useShortlist } from './finder/use-shortlist.ts';
import { useUrlState, type HistoryMode } from './finder/use-url-state.ts';
import * as routes from '../lib/routes.ts';

interface Props {
  /** UI strings (finder.*, sample.*), picked on the server. */
  readonly strings: IslandStrings;
  /** Addresses of the finder's data (overview and one part per province), with version queries for caching. */
  readonly sources: FinderSources;
  /** The build day (YYYY-MM-DD): records last checked more than a year before it are flagged. */
  readonly today: string;
}

/** Results shown at first and added per "show more". */
const PAGE = 20;
/** Farther than this from every county centre, the location is outside the area covered. */
const OUTSIDE_KM = 80;

function timed<T>(name: string, work: () => T): T {
  const start = performance.now();
  const result = work();
  performance.measure(name, { start, end: performance.now() });
  return result;
}

export default function Finder({ strings, sources, today }: Props) {
  const t = useMemo(() => translator(strings), [strings]);
  const [state, update] = useUrlState();
  const [geo, askGeo, resetGeo] = useGeolocation();
  const overview = useOverview(sources);
  // Which provinces' records to load: all of them for a small registry (the shipped site);
  // otherwise the chosen place's province, or those near the person's location.
  const placeCode = state.county ?? state.city;
  const locatedAt = state.near && geo.kind === 'ok' ? `${geo.lat},${geo.lng}` : '';
  const everything = sources.all;
  const nearProvinces = useNearProvinces(sources, everything ? null : overview, locatedAt);
  // null: not known yet (the parts near the person's location are being looked at).
  const provinces = useMemo((): readonly string[] | null => {
    const all = Object.keys(sources.parts).sort();
    if (everything) return all;
    if (placeCode !== null && all.includes(provinceOfCode(placeCode))) return [provinceOfCode(placeCode)];
    if (locatedAt !== '') return nearProvinces;
    return [];
  }, [sources, everything, placeCode, locatedAt, nearProvinces]);
  const needPlace = !everything && provinces !== null && provinces.length === 0;
  const [loaded, retry] = useFinderData(sources, provinces ?? []);
  // While the provinces near the person are worked out, loading (unless the overview itself failed: say so, offer to try again).
  const load: IndexLoad = provinces === null && loaded.status !== 'error' ? { status: 'loading' } : loaded;
  const shortlist = useShortlist();
  // How many results to show, for one result list: a new list starts again at PAGE (derived, not
  // reset in an effect, so a filter change costs one render, not two).
  const [paging, setPaging] = useState<{ readonly of: Uint32Array | null; readonly n: number }>({ of: null, n: PAGE });
  const [picked, setSelection] = useState<Selection | null>(null);
  const [tileNotice, setTileNotice] = useState(false);
  const citySelect = useRef<HTMLSelectElement>(null);
  const latest = useRef(state);
  latest.current = state;
  const data = load.status === 'ready' ? load.data : null;
  const liveLoad = useLive(data);
  const live = liveLoad.status === 'ready' ? liveLoad.live : null;
  const liveFilter = liveLoad.status === 'ready' ? (liveFilterUsable(live) ? 'ready' : 'none') : liveLoad.status;
  const config = useMemo(() => mapConfig(import.meta.env, state.tiles), [state.tiles]);

  useEffect(() => {
    if (config.problem !== null) console.warn(config.problem);
  }, [config]);

  const locate = useCallback(
    async (how: HistoryMode) => {
      const result = await askGeo();
      const current = latest.current;
      if (result.kind === 'ok') {
        update({ ...current, near: true, city: null, county: null }, how);
      } else {
        if (current.near) update({ ...current, near: false }, 'replace');
        citySelect.current?.focus();
      }
    },
    [askGeo, update],
  );

  // Arriving with ?near=me (the home page's "查找我附近的服务"): ask right away; the browser shows its prompt.
  useEffect(() => {
    if (state.near && geo.kind === 'idle') void locate('replace');
  }, [state.near, geo.kind, locate]);

  // Where the search starts from.
  const place = useMemo(() => {
    if (data === null) return null;
    const code = state.county ?? state.city;
    const index = code === null ? undefined : data.regionByCode.get(code);
    return index === undefined ? null : (data.regions[index] ?? null);
  }, [data, state.county, state.city]);
  const countyIndex = place !== null && place.level === 2 ? place.index : -1;
  const cityCode = place === null ? '' : place.level === 2 ? (data?.regions[place.parent]?.code ?? '') : place.code;
  const located = state.near && geo.kind === 'ok' ? geo : null;
  const origin: LatLng | null =
    located !== null ? { lat: located.lat, lng: located.lng } : place !== null ? { lat: place.lat, lng: place.lng } : null;
  const originKey = origin === null ? '' : `${origin.lat},${origin.lng}`;
  const near = useMemo(() => (data === null || located === null ? null : nearestCounty(data, located)), [data, located]);
  const homeCounty = countyIndex >= 0 ? countyIndex : near !== null && near.km <= OUTSIDE_KM ? near.index : -1;

  // User Timing marks (finder:order, finder:filter) show the cost per update in the browser's profiler.
  const ordering = useMemo(() => (data === null ? null : timed('finder:order', () => orderRecords(data, origin))), [data, originKey]);
  // The live mask matters only while "现在可接收" is on; it keeps its identity while unchanged (live.ts).
  const acceptingMask = state.accepting && liveFilterUsable(live) ? live.accepting : null;
  const criteria = useMemo(() => compileCriteria(state, homeCounty, live), [state, homeCounty, acceptingMask]);
  const results = useMemo(
    () => (data === null || ordering === null ? new Uint32Array(0) : timed('finder:filter', () => filterRecords(data, criteria, ordering))),
    [data, ordering, criteria],
  );
  const shown = paging.of === results ? paging.n : PAGE;
  const showMore = (n: number) => setPaging({ of: results, n });
  const selection = picked !== null && results.includes(picked.i) ? picked : null;
  const fit = useMemo(() => results.subarray(0, shown), [results, shown]);

  const placeLabel = located !== null ? t('finder.results.fromMe') : place === null || data === null ? null : placeName(data, place.index);
  const countText =
    load.status === 'loading'
      ? t('finder.loading')
      : load.status === 'error'
        ? t('finder.loadError')
        : needPlace
          ? t('finder.results.choosePlace')
          : results.length === 0
            ? placeLabel === null
              ? t('finder.results.countNone')
              : t('finder.results.countNoneNear', { place: placeLabel })
            : placeLabel === null
              ? t('finder.results.countNoPlace', { n: results.length })
              : t('finder.results.count', { n: results.length, place: placeLabel });

  const onSelectMarker = useCallback(
    (i: number) => {
      // The marker's popup carries name, badge, link and phone; the list item is only highlighted
      // (and shown, if it was further down), never scrolled to: the page must not jump under the finger.
      setSelection({ i, reveal: false });
      const at = results.indexOf(i);
      if (at >= 0) setPaging((p) => ({ of: results, n: Math.max(p.of === results ? p.n : PAGE, at + 1) }));
    },
    [results],
  );

  // Stable callbacks (they read the latest state from a ref) so unchanged parts skip re-rendering.
  const cityRef = useRef(cityCode);
  cityRef.current = cityCode;
  const onCity = useCallback(
    (code: string) => {
      resetGeo();
      update({ ...latest.current, city: code === '' ? null : code, county: null, near: false }, 'push');
    },
    [resetGeo, update],
  );
  const onCounty = useCallback(
    (code: string) => {
      resetGeo();
      update(
        { ...latest.current, county: code === '' ? null : code, city: code === '' ? cityRef.current || null : null, near: false },
        'push',
      );
    },
    [resetGeo, update],
  );
  const onUseLocation = useCallback(() => void locate('push'), [locate]);
  const onShowOnMap = useCallback((i: number) => setSelection({ i, reveal: true }), []);

  const payment = useMemo(() => (data === null ? null : sourcedWithPayment(data)), [data]);
  const homeCountyName = data === null || homeCounty < 0 ? null : (data.regions[homeCounty]?.name ?? null);
  const outside = near !== null && near.km > OUTSIDE_KM;

  return (
    <div class="finder">
      <div class="finder-controls">
        <PlacePicker
          data={data}
          city={cityCode}
          county={countyIndex >= 0 ? (place?.code ?? '') : ''}
          near={state.near}
          geo={geo}
          nearLabel={
            near === null || data === null
              ? null
              : outside
                ? t('finder.where.outside', { km: formatKm(near.km) })
                : t('finder.where.near', { place: placeName(data, near.index) })
          }
          t={t}
          citySelect={citySelect}
          onCity={onCity}
          onCounty={onCounty}
          onUseLocation={onUseLocation}
        />
        <FilterPanel
          state={state}
          homeCountyName={homeCountyName}
          payment={payment}
          live={liveFilter}
          t={t}
          onChange={update}
          onClear={() => update(clearFilters(state), 'push')}
        />
      </div>

      <section class="finder-results" aria-labelledby="fr-title">
        <div class="fr-head">
          <h2 id="fr-title">{t('finder.results.title')}</h2>
          <LiveCount text={countText} />
          {/* Always in place (empty while loading), so its line is kept and nothing below moves when it fills. */}
          <p class="fr-order">
            {load.status !== 'ready' || results.length === 0
              ? null
              : origin === null
                ? t('finder.results.orderNoPlace')
                : t('finder.results.order')}
          </p>
          <div class="fr-tools">
            {/* The label says what a press does (显示地图 / 隐藏地图); no aria-pressed, which would read as "隐藏地图, pressed". */}
            <button
              type="button"
              class="button--secondary"
              aria-expanded={state.map}
              aria-controls="fr-body"
              onClick={() => update({ ...state, map: !state.map }, 'push')}
            >
              {state.map ? t('finder.map.hide') : t('finder.map.show')}
            </button>
            {shortlist.ids.length > 0 && (
              <a class="button button--secondary" href={routes.shortlist}>
                {t('finder.shortlist.link', { n: shortlist.ids.length })}
              </a>
            )}
          </div>
        </div>
        {tileNotice && (
          <p class="notice" role="status">
            {t('finder.map.tileError')}
          </p>
        )}
        <div id="fr-body" class={state.map ? 'fr-body has-map' : 'fr-body'}>
          {state.map && data !== null && (
            <MapPanel
              data={data}
              results={results}
              fit={fit}
              origin={origin}
              originIsMe={located !== null}
              selection={selection}
              live={live}
              config={config}
              t={t}
              onSelect={onSelectMarker}
              onTileError={() => setTileNotice(true)}
            />
          )}
          <div class="fr-main">
            {load.status === 'loading' && <p>{t('finder.loading')}</p>}
            {load.status === 'error' && (
              <div class="notice">
                <p>{t('finder.loadError')}</p>
                <p>
                  <button type="button" onClick={retry}>
                    {t('finder.retry')}
                  </button>{' '}
                  <a href={routes.regions}>{t('finder.byRegion')}</a>
                </p>
              </div>
            )}
            {data !== null && results.length === 0 && !needPlace && (
              <EmptyResult
                data={data}
                state={state}
                origin={origin}
                county={homeCounty}
                filtered={activeFilterCount(state) > 0 || state.q !== ''}
                accepting={acceptingMask !== null}
                t={t}
                onChange={update}
                onClearAll={() => update(clearFilters(state, true), 'push')}
              />
            )}
            {data !== null && (
              <ResultList
                data={data}
                results={results}
                km={ordering?.km ?? null}
                shown={shown}
                selected={selection?.i ?? null}
                saved={shortlist.ids}
                mapShown={state.map}
                today={today}
                live={live}
                t={t}
                onMore={() => showMore(shown + PAGE)}
                onToggleSaved={shortlist.toggle}
                onShowOnMap={onShowOnMap}
              />
            )}
          </div>
        </div>
      </section>
    </div>
  );
}

export type { FinderState };

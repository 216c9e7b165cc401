/**
 * What to do next when nothing matches: never a dead end. Home care is usually arranged by
 * the family doctor at the community health centre, so that route comes first for home-care
 * searches; then the nearest other districts with the same choices, the guides, the pathway
 * helper and the 12320 health hotline, and last "clear the filters".
 */
import type { FinderData } from '../../lib/finder/index-data.ts';
import { finderUrl, type FinderState } from '../../lib/finder/url.ts';
import { distanceKm, type LatLng } from '../../lib/geo.ts';
import type { HistoryMode } from './use-url-state.ts';
import type { Translate } from '../../i18n/island.ts';
import * as routes from '../../lib/routes.ts';

interface Props {
  readonly data: FinderData;
  readonly state: FinderState;
  readonly origin: LatLng | null;
  /** Region position of the county searched from (chosen or nearest to the location), or -1. */
  readonly county: number;
  /** True when filters are set (offer "clear the filters"). */
  readonly filtered: boolean;
  /** True when "现在可接收" narrowed the list (it can only apply with the live feed). */
  readonly accepting: boolean;
  readonly t: Translate;
  onChange: (next: FinderState, how: HistoryMode) => void;
  onClearAll: () => void;
}

/** Other districts nearest the place searched from. */
const NEARBY = 4;

function nearbyCounties(data: FinderData, origin: LatLng | null, county: number) {
  if (origin === null) return [];
  return data.regions
    .filter((r) => r.level === 2 && r.index !== county)
    .map((r) => ({ r, km: distanceKm(origin, r) }))
    .sort((a, b) => a.km - b.km)
    .slice(0, NEARBY)
    .map((x) => x.r);
}

export function EmptyResult({ data, state, origin, county, filtered, accepting, t, onChange, onClearAll }: Props) {
  const homeCare = state.visits || state.modes.includes('居家');
  const nearby = nearbyCounties(data, origin, county);
  return (
    <div class="notice fr-empty">
      <p>
        <strong>{t('finder.empty.title')}</strong>
      </p>
      <ul>
        {accepting && (
          <li>
            {t('live.filter.empty')}{' '}
            <button type="button" class="button--secondary" onClick={() => onChange({ ...state, accepting: false }, 'push')}>
              {t('live.filter.off')}
            </button>
          </li>
        )}
        {homeCare && (
          <li>
            {t('finder.empty.familyDoctor')} <a href={routes.guide('home-care')}>{t('finder.empty.homeCareGuide')}</a>
          </li>
        )}
        {!homeCare && (
          <li>
            {t('finder.empty.community')} <a href={routes.guide('how-to-get-care')}>{t('finder.empty.howToGuide')}</a>
          </li>
        )}
        {nearby.length > 0 && (
          <li>
            {t('finder.empty.nearby')}
            <span class="fr-empty-places">
              {nearby.map((r) => {
                const next: FinderState = { ...state, county: r.code, city: null, near: false };
                return (
                  <a
                    key={r.code}
                    href={finderUrl(next)}
                    onClick={(e) => {
                      e.preventDefault();
                      onChange(next, 'push');
                    }}
                  >
                    {r.name}
                  </a>
                );
              })}
            </span>
          </li>
        )}
        <li>
          {t('finder.empty.pathway')} <a href={routes.pathway}>{t('finder.empty.pathwayLink')}</a>
        </li>
        <li>
          {t('finder.empty.hotline')} <a href="tel:12320">{t('finder.empty.hotlineLink')}</a>
        </li>
      </ul>
      {filtered && (
        <p>
          <button type="button" class="button--secondary" onClick={onClearAll}>
            {t('finder.results.clearAll')}
          </button>
        </p>
      )}
    </div>
  );
}

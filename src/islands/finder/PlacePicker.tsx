/** Where to search from: the browser's location (on tap) or, always, a city → county choice. */
import type { RefObject } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { countiesOf, pickableCities, type FinderData } from '../../lib/finder/index-data.ts';
import type { GeoState } from './use-geolocation.ts';
import type { Translate } from '../../i18n/island.ts';
import { pure } from './pure.ts';
import { stepEnd, yieldToMain } from './yield.ts';

/**
 * Cities put into the city list per frame. A national scope has 361 places to pick; built and
 * laid out in one go they were one of the longest tasks of the finder's first render on a slow
 * phone. Meanwhile the list says it is still loading (as it does before the data is there).
 */
const CITIES_PER_STEP = 60;

interface Props {
  readonly data: FinderData | null;
  /** Chosen city and county codes ('' for none). */
  readonly city: string;
  readonly county: string;
  readonly near: boolean;
  readonly geo: GeoState;
  /** "You are near …" once the location is known. */
  readonly nearLabel: string | null;
  readonly t: Translate;
  readonly citySelect: RefObject<HTMLSelectElement>;
  onCity: (code: string) => void;
  onCounty: (code: string) => void;
  onUseLocation: () => void;
}

function Picker({ data, city, county, near, geo, nearLabel, t, citySelect, onCity, onCounty, onUseLocation }: Props) {
  const cities = data === null ? [] : pickableCities(data);
  const cityIndex = data?.regionByCode.get(city);
  const counties = data === null || cityIndex === undefined ? [] : countiesOf(data, cityIndex);
  const provinces = data === null ? [] : data.regions.filter((r) => r.level === 0);
  const groups = provinces.map((p) => ({ province: p, cities: cities.filter((c) => c.index === p.index || c.parent === p.index) }));
  // How many provinces' groups are in the list so far; once all have been, later data shows them all at once.
  const [built, setBuilt] = useState(0);
  const sizes = groups.map((g) => g.cities.length);
  const shownGroups = cities.length <= CITIES_PER_STEP ? groups.length : Math.max(built, stepEnd(sizes, 0, CITIES_PER_STEP));
  const building = shownGroups < groups.length;
  useEffect(() => {
    if (!building) return undefined;
    let live = true;
    // Effects run after the paint; the yield gives the next step a task of its own.
    void yieldToMain().then(() => {
      if (live) setBuilt(stepEnd(sizes, shownGroups, CITIES_PER_STEP));
    });
    return () => {
      live = false;
    };
    // `sizes` is new on every render; its content only changes with the data.
  }, [building, shownGroups, data]);
  const geoMessage =
    geo.kind === 'asking'
      ? t('finder.where.asking')
      : geo.kind === 'error'
        ? t(`finder.where.error.${geo.reason}`)
        : near && geo.kind === 'ok' && nearLabel !== null
          ? nearLabel
          : null;

  return (
    <section class="fp" aria-labelledby="fp-title">
      <h2 id="fp-title">{t('finder.where.title')}</h2>
      <p class="fp-locate">
        <button
          type="button"
          class="button"
          onClick={onUseLocation}
          aria-pressed={near && geo.kind === 'ok'}
          disabled={geo.kind === 'asking'}
        >
          {t('finder.where.useLocation')}
        </button>
        <span class="fp-hint">{t('finder.where.locationHint')}</span>
      </p>
      {geoMessage !== null && <p class={geo.kind === 'error' ? 'notice fp-geo' : 'fp-geo'}>{geoMessage}</p>}
      <div class="fp-selects">
        <div class="fp-field">
          <label for="fp-city">{t('finder.where.city')}</label>
          <select
            id="fp-city"
            ref={citySelect}
            value={city}
            aria-busy={data === null || building}
            onChange={(e) => onCity(e.currentTarget.value)}
          >
            <option value="">{data === null || building ? t('finder.loading.short') : t('finder.where.cityPrompt')}</option>
            {groups.slice(0, shownGroups).map(({ province, cities: inProvince }) => (
              <optgroup key={province.code} label={province.name}>
                {inProvince.map((c) => (
                  <option key={c.code} value={c.code}>
                    {c.name}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </div>
        <div class="fp-field">
          <label for="fp-county">{t('finder.where.county')}</label>
          <select id="fp-county" value={county} disabled={counties.length === 0} onChange={(e) => onCounty(e.currentTarget.value)}>
            <option value="">{counties.length === 0 ? t('finder.where.countyFirst') : t('finder.where.countyAll')}</option>
            {counties.map((c) => (
              <option key={c.code} value={c.code}>
                {c.name}
              </option>
            ))}
          </select>
        </div>
      </div>
    </section>
  );
}

export const PlacePicker = pure(Picker);

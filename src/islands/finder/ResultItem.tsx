/** One institution in the result list: the facts a family needs to decide whom to call. */
import { formatDateZh, formatKm, phoneGroups, telHref } from '../../lib/finder/format.ts';
import type { FinderData } from '../../lib/finder/index-data.ts';
import { recordView } from '../../lib/finder/record-view.ts';
import { recordBadge, type FinderLive } from '../../lib/finder/live.ts';
import { isStale } from '../../lib/finder/freshness.ts';
import { MODE_KEYS } from '../../lib/finder/vocab.ts';
import type { Translate } from '../../i18n/island.ts';
import { pure } from './pure.ts';

interface Props {
  readonly data: FinderData;
  /** Record position. */
  readonly i: number;
  /** Distance from the chosen place in km, or null without a place. */
  readonly km: number | null;
  readonly selected: boolean;
  readonly saved: boolean;
  readonly mapShown: boolean;
  /** Build day, for the "checked more than a year ago" warning. */
  readonly today: string;
  readonly live: FinderLive | null;
  readonly t: Translate;
  onToggleSaved: (id: string) => void;
  onShowOnMap: (i: number) => void;
}

function Item({ data, i, km, selected, saved, mapShown, today, live, t, onToggleSaved, onShowOnMap }: Props) {
  const view = recordView(data, i);
  const badge = recordBadge(data, live, i, t);
  const nameId = `fr-${view.id}-name`;
  const phone = view.phones[0];
  return (
    <li class={selected ? 'fr-item is-selected' : 'fr-item'} id={`fr-${view.id}`}>
      <article aria-labelledby={nameId}>
        <h3 class="fr-name" id={nameId}>
          <a href={view.href}>{view.name}</a>
          {view.sample && (
            <>
              {' '}
              <span class="badge-sample">{t('sample.badge')}</span>
            </>
          )}
        </h3>
        <p class="fr-meta">
          <span>{view.kind}</span>
          {km !== null && (
            <>
              <span aria-hidden="true"> · </span>
              <span class="fr-km" data-km={km.toFixed(3)}>
                {view.exact
                  ? km < 0.1
                    ? t('finder.result.kmVeryNear')
                    : t('finder.result.km', { km: formatKm(km) })
                  : km < 1
                    ? t('finder.result.kmUnder1Centre')
                    : t('finder.result.kmCentre', { km: formatKm(km) })}
              </span>
            </>
          )}
        </p>
        <p>
          <span class="fr-label">{t('finder.result.modes')}</span>
          {view.modes.length > 0 ? view.modes.map((m) => t(`finder.mode.${MODE_KEYS[m]}`)).join('、') : t('finder.result.modesUnknown')}
        </p>
        {badge !== null && <p class={`fr-live fr-live--${badge.tone}`}>{badge.text}</p>}
        {(view.beds !== undefined || view.modes.includes('住院')) && (
          <p>
            <span class="fr-label">{t('finder.result.beds')}</span>
            {view.beds === undefined || view.beds === null
              ? t('finder.result.bedsUnknown')
              : t('finder.result.bedsCount', { n: view.beds })}
            {view.free !== null && <> {t('finder.result.bedsFree', { n: view.free.count, date: formatDateZh(view.free.asOf) })}</>}
          </p>
        )}
        <p class="fr-call">
          {phone !== undefined ? (
            <a class="button fr-tel" href={telHref(phone.number)}>
              <span class="fr-tel-verb">{t('finder.result.callVerb')}</span>
              <span class="fr-tel-number">
                {phoneGroups(phone.number).map((g, n) => (
                  <span key={n} class={g.endsWith('\u2011') ? 'fr-tel-group' : 'fr-tel-group fr-tel-gap'}>
                    {g}
                  </span>
                ))}
              </span>
              {phone.label !== '' && <span class="fr-tel-label">{phone.label}</span>}
            </a>
          ) : view.sample ? (
            <span>{t('finder.result.samplePhone')}</span>
          ) : (
            <>
              <span>{t('finder.result.noPhone')}</span>
              {view.website !== null && (
                <>
                  {' '}
                  <a href={view.website} rel="noopener">
                    {t('finder.result.website')}
                  </a>
                </>
              )}
            </>
          )}
        </p>
        <p class="fr-verified">
          {view.sample ? t('finder.result.sampleNote') : t('finder.result.verified', { date: formatDateZh(view.verified) })}
        </p>
        {!view.sample && isStale(view.verified, today) && <p class="fr-stale">{t('finder.result.stale')}</p>}
        <div class="fr-actions">
          <button type="button" class={saved ? 'button--secondary fr-saved' : 'button--secondary'} onClick={() => onToggleSaved(view.id)}>
            {saved ? t('finder.result.saved') : t('finder.result.save')}
            <span class="visually-hidden">{t('finder.result.for', { name: view.name })}</span>
          </button>
          {mapShown && (
            <button type="button" class="button--secondary" onClick={() => onShowOnMap(view.i)}>
              {t('finder.result.showOnMap')}
              <span class="visually-hidden">{t('finder.result.for', { name: view.name })}</span>
            </button>
          )}
        </div>
      </article>
    </li>
  );
}

export const ResultItem = pure(Item);

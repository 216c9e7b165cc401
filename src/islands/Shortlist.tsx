/**
 * The shortlist as a one-page contact card (联络卡) to print or hand to family:
 * names, care modes, phones, addresses, verified dates and sample marks.
 */
import { useMemo } from 'preact/hooks';
import { formatDateZh, telHref } from '../lib/finder/format.ts';
import { recordView, type RecordView } from '../lib/finder/record-view.ts';
import { MODE_KEYS } from '../lib/finder/vocab.ts';
import { translator, type IslandStrings } from '../i18n/island.ts';
import { useFinderData, useOverview, type FinderSources } from './finder/use-finder-data.ts';
import { provinceOfId } from '../lib/finder/parts.ts';
import { useShortlist } from './finder/use-shortlist.ts';
import * as routes from '../lib/routes.ts';

interface Props {
  readonly strings: IslandStrings;
  /** Addresses of the finder's data (src/lib/finder/index-file.ts). */
  readonly sources: FinderSources;
}

export default function Shortlist({ strings, sources }: Props) {
  const t = useMemo(() => translator(strings), [strings]);
  const list = useShortlist();
  const overview = useOverview(sources);
  // Only the parts of the provinces the saved institutions are in (all of them for a small registry).
  const provinces = useMemo(() => {
    const all = Object.keys(sources.parts).sort();
    if (sources.all) return all;
    if (overview === null) return [];
    const wanted = new Set(list.ids.flatMap((id) => provinceOfId(overview, id) ?? []));
    return all.filter((p) => wanted.has(p));
  }, [sources, overview, list.ids]);
  const [load, retry] = useFinderData(sources, provinces);
  const data = load.status === 'ready' ? load.data : null;

  if (list.ids.length === 0) {
    return (
      <div class="notice">
        <p>{t('finder.shortlist.empty')}</p>
        <p>
          <a href={routes.services}>{t('finder.shortlist.goFind')}</a>
        </p>
      </div>
    );
  }
  if (load.status === 'loading') return <p role="status">{t('finder.loading')}</p>;
  if (data === null) {
    return (
      <div class="notice">
        <p>{t('finder.loadError')}</p>
        <button type="button" onClick={retry}>
          {t('finder.retry')}
        </button>
      </div>
    );
  }

  const views: RecordView[] = [];
  let missing = 0;
  for (const id of list.ids) {
    const i = data.idIndex.get(id);
    if (i === undefined) missing++;
    else views.push(recordView(data, i));
  }
  const today = formatDateZh(new Date().toISOString().slice(0, 10));

  return (
    <div class="sl">
      <p class="sl-tools no-print">
        <button type="button" onClick={() => window.print()}>
          {t('finder.shortlist.print')}
        </button>
        <button type="button" class="button--secondary" onClick={list.clear}>
          {t('finder.shortlist.clear')}
        </button>
      </p>
      {missing > 0 && <p class="notice no-print">{t('finder.shortlist.missing', { n: missing })}</p>}
      {/* Ask the real institutions on the list (at most three) to call back: the request form, prefilled. */}
      {views.some((v) => !v.sample) && (
        <p class="no-print">
          <a
            class="button"
            href={routes.consultTo(
              views
                .filter((v) => !v.sample)
                .slice(0, 3)
                .map((v) => v.id),
            )}
          >
            {t('finder.shortlist.ask')}
          </a>{' '}
          {t('finder.shortlist.askHint')}
        </p>
      )}
      <section class="sl-card" aria-labelledby="sl-card-title">
        <h2 id="sl-card-title">{t('finder.shortlist.cardTitle')}</h2>
        <p class="sl-date">{t('finder.shortlist.made', { date: today })}</p>
        <ol class="sl-list">
          {views.map((v) => (
            <li key={v.id} class="sl-item">
              <h3>
                <a href={v.href}>{v.name}</a>
                {v.sample && (
                  <>
                    {' '}
                    <span class="badge-sample">{t('sample.badge')}</span>
                  </>
                )}
              </h3>
              <dl>
                <dt>{t('finder.shortlist.modes')}</dt>
                <dd>
                  {v.modes.length > 0 ? v.modes.map((m) => t(`finder.mode.${MODE_KEYS[m]}`)).join('、') : t('finder.result.modesUnknown')}
                </dd>
                <dt>{t('finder.shortlist.phone')}</dt>
                <dd>
                  {v.phones.length > 0
                    ? v.phones.map((p, n) => (
                        <span key={n} class="sl-phone">
                          <a href={telHref(p.number)}>{p.number}</a>
                          {p.label !== '' && `（${p.label}）`}
                        </span>
                      ))
                    : v.sample
                      ? t('finder.result.samplePhone')
                      : t('finder.result.noPhone')}
                </dd>
                <dt>{t('finder.shortlist.address')}</dt>
                <dd>
                  {v.address ?? (v.sample ? t('finder.shortlist.sampleAddress') : t('finder.shortlist.noAddress', { place: v.place }))}
                </dd>
                <dt>{t('finder.shortlist.verified')}</dt>
                <dd>{v.sample ? t('finder.result.sampleNote') : formatDateZh(v.verified)}</dd>
              </dl>
              <p class="no-print">
                <button type="button" class="button--secondary" onClick={() => list.remove(v.id)}>
                  {t('finder.shortlist.remove')}
                  <span class="visually-hidden">{t('finder.result.for', { name: v.name })}</span>
                </button>
              </p>
            </li>
          ))}
        </ol>
        <p class="sl-foot">{t('finder.shortlist.foot')}</p>
      </section>
    </div>
  );
}

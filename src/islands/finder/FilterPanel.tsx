/** The filters, in one disclosure: open on wide screens, folded on phones so the results come first. */
import { useCallback, useMemo, useRef, useState } from 'preact/hooks';
import { activeFilterCount, toggleIn, type FinderState } from '../../lib/finder/url.ts';
import {
  DESIGNATION_LIST,
  KIND_LIST,
  MODES,
  MODE_KEYS,
  OFFER_LIST,
  PAYMENT_LIST,
  type CareMode,
  type DesignationType,
  type InstitutionKind,
  type Offer,
  type Payment,
} from '../../lib/finder/vocab.ts';
import { CheckGroup, CheckOne } from './CheckGroup.tsx';
import type { HistoryMode } from './use-url-state.ts';
import type { Translate } from '../../i18n/island.ts';

interface Props {
  readonly state: FinderState;
  /** Name of the county home care must visit, or null when no county is known yet. */
  readonly homeCountyName: string | null;
  /** Sourced records stating any payment method, of all sourced records (null while loading). */
  readonly payment: { readonly withPayment: number; readonly sourced: number } | null;
  /** The live feed for "现在可接收": still loading, could not be read, nobody has reported, or there. */
  readonly live: 'loading' | 'error' | 'none' | 'ready';
  readonly t: Translate;
  onChange: (next: FinderState, how: HistoryMode) => void;
  onClear: () => void;
}

export function FilterPanel({ state, homeCountyName, payment, live, t, onChange, onClear }: Props) {
  // The handlers read the state from a ref, so they are the same on every render and the
  // groups (pure) whose own choice did not change skip re-rendering.
  const latest = useRef(state);
  latest.current = state;
  const on = useMemo(() => {
    const set = (patch: Partial<FinderState>) => onChange({ ...latest.current, ...patch }, 'push');
    return {
      mode: (m: CareMode) => set({ modes: toggleIn(MODES, latest.current.modes, m) }),
      offer: (v: Offer) => set({ offers: toggleIn(OFFER_LIST, latest.current.offers, v) }),
      pay: (v: Payment) => set({ pays: toggleIn(PAYMENT_LIST, latest.current.pays, v) }),
      kind: (v: InstitutionKind) => set({ kinds: toggleIn(KIND_LIST, latest.current.kinds, v) }),
      desig: (v: DesignationType) => set({ desigs: toggleIn(DESIGNATION_LIST, latest.current.desigs, v) }),
      visits: (v: boolean) => set({ visits: v }),
      volunteers: (v: boolean) => set({ volunteers: v }),
      verified: (v: boolean) => set({ verified: v }),
      accepting: (v: boolean) => set({ accepting: v }),
    };
  }, [onChange]);
  const modeLabel = useCallback((m: CareMode) => t(`finder.mode.${MODE_KEYS[m]}`), [t]);
  const active = activeFilterCount(state);
  // Open at first on wide screens, or when a shared link already uses filters; on a phone the
  // results stay near the top. Afterwards the person decides.
  const [openAtStart] = useState(() => active > 0 || state.q !== '' || window.matchMedia('(min-width: 60rem)').matches);
  // Folded (on a phone), its forty-odd options are neither on screen nor read out: they are
  // built when the person opens the filters. The click on the summary renders them before the
  // browser opens the disclosure, so they are there when it opens.
  const [filled, setFilled] = useState(openAtStart);
  const fill = useCallback(() => setFilled(true), []);

  return (
    <>
      {/* Outside the folded filters, so "real records only" is one tap away on a phone too. */}
      <div class="fc-verified">
        <CheckOne
          id="fc-verified"
          label={t('finder.filters.verified')}
          hint={t('finder.filters.verifiedHint')}
          checked={state.verified}
          onChange={on.verified}
        />
      </div>
      {/* Beside it: the question families ask first. Without live data it says so and stays off, rather than hiding every result. */}
      <div class="fc-verified fc-live">
        <CheckOne
          id="fc-accepting"
          label={t('live.filter.label')}
          hint={
            live === 'ready'
              ? t('live.filter.hint')
              : live === 'loading'
                ? t('live.filter.loading')
                : live === 'none'
                  ? t('live.filter.noneReported')
                  : t('live.filter.unavailable')
          }
          // Shown unticked while it cannot apply (the address keeps it: it applies once the feed is there).
          checked={state.accepting && live === 'ready'}
          disabled={live !== 'ready'}
          onChange={on.accepting}
        />
      </div>
      <details class="fc" open={openAtStart} onToggle={fill}>
        <summary class="fc-summary" onClick={fill}>
          <span class="fc-title">{t('finder.filters.title')}</span>{' '}
          <span class="fc-state">{active > 0 ? t('finder.filters.active', { n: active }) : t('finder.filters.none')}</span>
        </summary>
        {filled && (
          <>
            <CheckGroup
              id="fc-mode"
              legend={t('finder.filters.mode')}
              hint={t('finder.filters.modeHint')}
              options={MODES}
              chosen={state.modes}
              label={modeLabel}
              onToggle={on.mode}
            />

            <div class="fc-text">
              <label for="fc-q">{t('finder.filters.text')}</label>
              <input
                id="fc-q"
                type="search"
                value={state.q}
                maxLength={60}
                autoComplete="off"
                enterKeyHint="search"
                aria-describedby="fc-q-hint"
                onInput={(e) => onChange({ ...state, q: e.currentTarget.value }, 'replace')}
              />
              <p class="fc-hint" id="fc-q-hint">
                {t('finder.filters.textHint')}
              </p>
            </div>

            <CheckGroup
              id="fc-offer"
              legend={t('finder.filters.offer')}
              hint={t('finder.filters.offerHint')}
              options={OFFER_LIST}
              chosen={state.offers}
              onToggle={on.offer}
            />
            <CheckGroup
              id="fc-pay"
              legend={t('finder.filters.pay')}
              hint={
                payment === null
                  ? t('finder.filters.payHint')
                  : `${t('finder.filters.payHint')}${t('finder.filters.payHonest', { n: payment.withPayment, total: payment.sourced })}`
              }
              options={PAYMENT_LIST}
              chosen={state.pays}
              onToggle={on.pay}
            />
            <CheckGroup
              id="fc-kind"
              legend={t('finder.filters.kind')}
              hint={t('finder.filters.anyHint')}
              options={KIND_LIST}
              chosen={state.kinds}
              onToggle={on.kind}
            />
            <CheckGroup
              id="fc-desig"
              legend={t('finder.filters.desig')}
              hint={t('finder.filters.desigHint')}
              options={DESIGNATION_LIST}
              chosen={state.desigs}
              onToggle={on.desig}
            />
            <fieldset class="fc-group">
              <legend>{t('finder.filters.other')}</legend>
              <CheckOne
                id="fc-visits"
                label={t('finder.filters.visits')}
                hint={
                  homeCountyName === null
                    ? t('finder.filters.visitsNeedsCounty')
                    : t('finder.filters.visitsHint', { county: homeCountyName })
                }
                checked={state.visits}
                disabled={homeCountyName === null && !state.visits}
                onChange={on.visits}
              />
              <CheckOne id="fc-vol" label={t('finder.filters.volunteers')} checked={state.volunteers} onChange={on.volunteers} />
            </fieldset>

            {active > 0 && (
              <p>
                <button type="button" class="button--secondary" onClick={onClear}>
                  {t('finder.filters.clear', { n: active })}
                </button>
              </p>
            )}
          </>
        )}
      </details>
    </>
  );
}

/** The filters, in one disclosure: open on wide screens, folded on phones so the results come first. */
import { useState } from 'preact/hooks';
import { activeFilterCount, toggleIn, type FinderState } from '../../lib/finder/url.ts';
import { DESIGNATION_LIST, KIND_LIST, MODES, MODE_KEYS, OFFER_LIST, PAYMENT_LIST, type CareMode } from '../../lib/finder/vocab.ts';
import { CheckGroup, CheckOne } from './CheckGroup.tsx';
import type { HistoryMode } from './use-url-state.ts';
import type { Translate } from './strings.ts';

interface Props {
  readonly state: FinderState;
  /** Name of the county home care must visit, or null when no county is known yet. */
  readonly homeCountyName: string | null;
  readonly t: Translate;
  onChange(next: FinderState, how: HistoryMode): void;
  onClear(): void;
}

export function FilterPanel({ state, homeCountyName, t, onChange, onClear }: Props) {
  const set = (patch: Partial<FinderState>) => onChange({ ...state, ...patch }, 'push');
  const active = activeFilterCount(state);
  const modeLabel = (m: CareMode) => t(`finder.mode.${MODE_KEYS[m]}`);
  // Open at first on wide screens, or when a shared link already uses filters; on a phone the
  // results stay near the top. Afterwards the person decides.
  const [openAtStart] = useState(() => active > 0 || state.q !== '' || window.matchMedia('(min-width: 60rem)').matches);

  return (
    <details class="fc" open={openAtStart}>
      <summary class="fc-summary">
        <span class="fc-title">{t('finder.filters.title')}</span> <span class="fc-state">{active > 0 ? t('finder.filters.active', { n: active }) : t('finder.filters.none')}</span>
      </summary>
      <CheckGroup id="fc-mode" legend={t('finder.filters.mode')} hint={t('finder.filters.modeHint')} options={MODES} chosen={state.modes} label={modeLabel} onToggle={(m) => set({ modes: toggleIn(MODES, state.modes, m) })} />

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

      <CheckGroup id="fc-offer" legend={t('finder.filters.offer')} hint={t('finder.filters.offerHint')} options={OFFER_LIST} chosen={state.offers} onToggle={(v) => set({ offers: toggleIn(OFFER_LIST, state.offers, v) })} />
      <CheckGroup id="fc-pay" legend={t('finder.filters.pay')} hint={t('finder.filters.payHint')} options={PAYMENT_LIST} chosen={state.pays} onToggle={(v) => set({ pays: toggleIn(PAYMENT_LIST, state.pays, v) })} />
      <CheckGroup id="fc-kind" legend={t('finder.filters.kind')} hint={t('finder.filters.anyHint')} options={KIND_LIST} chosen={state.kinds} onToggle={(v) => set({ kinds: toggleIn(KIND_LIST, state.kinds, v) })} />
      <CheckGroup id="fc-desig" legend={t('finder.filters.desig')} hint={t('finder.filters.desigHint')} options={DESIGNATION_LIST} chosen={state.desigs} onToggle={(v) => set({ desigs: toggleIn(DESIGNATION_LIST, state.desigs, v) })} />
      <fieldset class="fc-group">
        <legend>{t('finder.filters.other')}</legend>
        <CheckOne
          id="fc-visits"
          label={t('finder.filters.visits')}
          hint={homeCountyName === null ? t('finder.filters.visitsNeedsCounty') : t('finder.filters.visitsHint', { county: homeCountyName })}
          checked={state.visits}
          disabled={homeCountyName === null && !state.visits}
          onChange={(v) => set({ visits: v })}
        />
        <CheckOne id="fc-vol" label={t('finder.filters.volunteers')} checked={state.volunteers} onChange={(v) => set({ volunteers: v })} />
        <CheckOne id="fc-verified" label={t('finder.filters.verified')} hint={t('finder.filters.verifiedHint')} checked={state.verified} onChange={(v) => set({ verified: v })} />
      </fieldset>

      {active > 0 && (
        <p>
          <button type="button" class="button--secondary" onClick={onClear}>
            {t('finder.filters.clear', { n: active })}
          </button>
        </p>
      )}
    </details>
  );
}

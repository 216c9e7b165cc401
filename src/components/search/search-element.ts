/**
 * <anning-search>: upgrades the server-rendered search form on /search/ into live search.
 * The query and filters live in the URL (?q=&type=&city=), so results can be shared and
 * the back button works. Pagefind is imported only when the first search runs.
 */
import {
  FIRST_PAGE,
  loadSearchIndex,
  runSearch,
  topUrls,
  type PagefindResultData,
  type SearchIndex,
  type SearchOutcome,
  type SearchTuning,
} from '../../lib/search/engine.ts';
import { typeOf } from '../../lib/search/names.ts';
import { SAMPLE_META } from '../../lib/search/page-meta.ts';
import { highlightExcerpt, readSearchState, searchUrl, type SearchState, type SynonymTable } from '../../lib/search/query.ts';
import { PreparedSearches, preparedKey } from '../../lib/search/prepared.ts';
import { provinceInQuery, type PlaceNames } from '../../lib/search/split.ts';

const PAGE_SIZE = FIRST_PAGE;

/**
 * How long the words in the box must stay as they are before their search is started
 * (lib/search/prepared.ts). Short, because pressing Enter after the last word takes longer
 * than this; long enough that a word typed letter by letter is not searched at every letter.
 * An input method's words arrive whole (compositionend), so Chinese is searched word by word.
 */
const PREPARE_AFTER_MS = 150;

/** UI strings handed over by SearchApp.astro (already looked up with t()). */
interface Strings {
  readonly searching: string;
  readonly empty: string;
  readonly count: string;
  readonly countFiltered: string;
  readonly partial: string;
  readonly none: string;
  readonly error: string;
  readonly dev: string;
  readonly synonyms: string;
  readonly all: string;
  readonly allCities: string;
  readonly option: string;
  readonly moreStatus: string;
  readonly title: string;
  readonly docTitle: string;
  readonly siteName: string;
  readonly verified: string;
  readonly course: string;
  readonly audience: string;
  readonly sample: string;
  readonly provinceHint: string;
  readonly provinceSearched: string;
}

const fill = (template: string, vars: Record<string, string | number>) =>
  template.replace(/\{(\w+)\}/gu, (_, k: string) => String(vars[k] ?? ''));

function need<T extends Element>(root: ParentNode, selector: string): T {
  const el = root.querySelector<T>(selector);
  if (!el) throw new Error(`anning-search: missing ${selector}`);
  return el;
}

class AnningSearch extends HTMLElement {
  /** Loaded indexes by province ('' for the site's pages alone). */
  #indexes = new Map<string, Promise<SearchIndex>>();
  /** Province and city names per province when the search is split by province; undefined when it is not. */
  #places: PlaceNames | undefined;
  #table: SynonymTable = { groups: [], traditional: [] };
  #strings!: Strings;
  #runId = 0;
  #outcome: SearchOutcome | undefined;
  #state: SearchState = { q: '', type: '', city: '' };
  #shown = 0;
  #prepared = new PreparedSearches<SearchOutcome>();
  #prepareTimer: ReturnType<typeof setTimeout> | undefined;

  connectedCallback(): void {
    this.#table = JSON.parse(this.dataset['synonyms'] ?? '{"groups":[],"traditional":[]}') as SynonymTable;
    this.#strings = JSON.parse(this.dataset['strings'] ?? '{}') as Strings;
    if (this.dataset['places'] !== undefined) this.#places = JSON.parse(this.dataset['places']) as PlaceNames;
    const form = need<HTMLFormElement>(this, '[data-search-form]');
    const filters = need<HTMLFormElement>(this, '[data-search-filters]');
    if (this.dataset['dev'] !== undefined) {
      this.#fallback(this.#strings.dev);
      return;
    }
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      clearTimeout(this.#prepareTimer);
      this.#navigate(submitted(form));
    });
    // While the person types: start the search for the words in the box, so Enter finds it
    // ready or under way. Nothing is shown until they ask.
    const input = need<HTMLInputElement>(form, 'input[name="q"]');
    const schedule = () => {
      clearTimeout(this.#prepareTimer);
      this.#prepareTimer = setTimeout(() => this.#prepare(submitted(form)), PREPARE_AFTER_MS);
    };
    input.addEventListener('input', (event) => {
      if (!event.isComposing) schedule();
    });
    input.addEventListener('compositionend', schedule);
    filters.addEventListener('submit', (event) => event.preventDefault());
    filters.addEventListener('change', () => {
      const data = new FormData(filters);
      this.#navigate({ ...this.#state, type: formText(data.get('type')), city: formText(data.get('city')) });
    });
    need<HTMLButtonElement>(this, '[data-search-more]').addEventListener('click', () => void this.#renderMore(true));
    window.addEventListener('popstate', () => void this.#show(readSearchState(location.search)));
    void this.#show(readSearchState(location.search));
  }

  /** URLs of the best `limit` results for a query, exactly as this page ranks them (used by the search-quality test). */
  async topUrls(query: string, limit = 5, tuning?: SearchTuning): Promise<string[]> {
    return topUrls(await this.#load(''), this.#table, query, limit, tuning);
  }

  #load(province: string): Promise<SearchIndex> {
    let index = this.#indexes.get(province);
    if (!index) {
      index = loadSearchIndex(undefined, province).catch((error: unknown) => {
        this.#indexes.delete(province); // try again on the next search
        throw error;
      });
      this.#indexes.set(province, index);
    }
    return index;
  }

  /**
   * The province searched besides the site's pages: the one chosen, else the one the query
   * names (杭州 居家); '' when the search is not split or none is known.
   */
  #provinceOf(state: SearchState): string {
    const select = this.querySelector<HTMLSelectElement>('[data-search-province]');
    if (this.#places === undefined || !select) return '';
    const chosen = state.province ?? '';
    const known = [...select.options].some((o) => o.value === chosen);
    return (known ? chosen : '') || provinceInQuery(state.q, this.#places) || '';
  }

  /** Shows the province searched in the select and the note under it. */
  #showProvince(state: SearchState, province: string): void {
    const select = this.querySelector<HTMLSelectElement>('[data-search-province]');
    if (this.#places === undefined || !select) return;
    select.value = province;
    const note = this.querySelector<HTMLElement>('[data-search-province-note]');
    if (note) {
      const name = select.selectedOptions[0]?.textContent ?? '';
      note.textContent = province ? fill(this.#strings.provinceSearched, { province: name }) : this.#strings.provinceHint;
      note.hidden = !state.q.trim();
    }
  }

  /** The outcome of a state's search: prepared while the person typed, or started now. */
  #outcomeOf(state: SearchState, province: string): Promise<SearchOutcome> {
    return this.#prepared.get(preparedKey(state, province), async () => runSearch(await this.#load(province), this.#table, state));
  }

  /** Starts the search the form would ask for now (a failure shows when it is asked for). */
  #prepare(state: SearchState): void {
    if (!state.q.trim()) return;
    this.#outcomeOf(state, this.#provinceOf(state)).catch(() => undefined);
  }

  #navigate(state: SearchState): void {
    const url = searchUrl(state);
    if (url !== location.pathname + location.search) history.pushState(null, '', url);
    void this.#show(state);
  }

  #status(text: string): void {
    need<HTMLElement>(this, '[data-search-status]').textContent = text;
  }

  #fallback(text: string | null): void {
    const box = need<HTMLElement>(this, '[data-search-fallback]');
    box.hidden = text === null;
    if (text !== null) need<HTMLElement>(box, '[data-search-fallback-text]').textContent = text;
  }

  async #show(state: SearchState): Promise<void> {
    this.#state = state;
    const s = this.#strings;
    need<HTMLInputElement>(this, '[data-search-form] input[name="q"]').value = state.q;
    document.title = `${state.q.trim() ? fill(s.docTitle, { q: state.q.trim() }) : s.title} - ${s.siteName}`;
    const results = need<HTMLOListElement>(this, '[data-search-results]');
    const runId = ++this.#runId;
    this.#fallback(null);
    if (!state.q.trim()) {
      results.replaceChildren();
      need<HTMLElement>(this, '[data-search-filters]').hidden = true;
      need<HTMLElement>(this, '[data-search-synonyms]').hidden = true;
      need<HTMLElement>(this, '[data-search-more]').hidden = true;
      this.#showProvince(state, this.#provinceOf(state));
      this.#status(location.search.includes('q=') ? s.empty : '');
      return;
    }
    this.#status(s.searching);
    results.setAttribute('aria-busy', 'true');
    try {
      const province = this.#provinceOf(state);
      this.#showProvince(state, province);
      const outcome = await this.#outcomeOf(state, province);
      if (runId !== this.#runId) return;
      this.#outcome = outcome;
      this.#shown = 0;
      results.replaceChildren();
      this.#renderFilters(outcome, state);
      this.#renderSynonyms(outcome);
      await this.#renderMore(false);
      if (runId !== this.#runId) return;
      const count = outcome.results.length;
      const q = outcome.plan.normalized;
      if (count === 0) {
        this.#status('');
        this.#fallback(fill(s.none, { q }));
      } else {
        const active = [state.type, state.city].filter(Boolean).join('、');
        this.#status(
          outcome.partial
            ? fill(s.partial, { count, q })
            : active
              ? fill(s.countFiltered, { count, q, filters: active })
              : fill(s.count, { count, q }),
        );
      }
    } catch (error) {
      if (runId !== this.#runId) return;
      console.error('搜索失败', error);
      this.#status('');
      this.#fallback(s.error);
    } finally {
      if (runId === this.#runId) results.removeAttribute('aria-busy');
    }
  }

  #renderFilters(outcome: SearchOutcome, state: SearchState): void {
    const s = this.#strings;
    const form = need<HTMLFormElement>(this, '[data-search-filters]');
    form.hidden = outcome.results.length === 0 && !state.type && !state.city;
    const total = Object.values(outcome.typeCounts).reduce((a, b) => a + b, 0);
    for (const option of form.querySelectorAll<HTMLElement>('[data-type-option]')) {
      const input = need<HTMLInputElement>(option, 'input');
      const count = input.value === '' ? total : (outcome.typeCounts[input.value] ?? 0);
      input.checked = input.value === state.type;
      option.hidden = count === 0 && !input.checked && input.value !== '';
      need<HTMLElement>(option, '[data-count]').textContent = fill(s.option, { label: input.value || s.all, count });
    }
    const select = need<HTMLSelectElement>(form, 'select[name="city"]');
    const cities = Object.entries(outcome.cityCounts).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], 'zh-CN'));
    if (state.city && !cities.some(([c]) => c === state.city)) cities.unshift([state.city, 0]);
    const options = [
      new Option(s.allCities, ''),
      ...cities.map(([city, n]) => new Option(fill(s.option, { label: city, count: n }), city)),
    ];
    select.replaceChildren(...options);
    select.value = state.city;
    need<HTMLElement>(form, '[data-city-filter]').hidden = cities.length === 0;
  }

  #renderSynonyms(outcome: SearchOutcome): void {
    const note = need<HTMLElement>(this, '[data-search-synonyms]');
    const extra = outcome.plan.searches.filter((q) => q !== outcome.plan.normalized);
    note.hidden = extra.length === 0 || outcome.results.length === 0;
    note.textContent = fill(this.#strings.synonyms, { words: extra.join('、') });
  }

  async #renderMore(moveFocus: boolean): Promise<void> {
    const outcome = this.#outcome;
    if (!outcome) return;
    const runId = this.#runId;
    const slice = outcome.results.slice(this.#shown, this.#shown + PAGE_SIZE);
    const data = await Promise.all(slice.map((r) => r.data()));
    if (runId !== this.#runId) return;
    const list = need<HTMLOListElement>(this, '[data-search-results]');
    const items = data.map((d) => this.#resultItem(d, outcome));
    list.append(...items);
    this.#shown += slice.length;
    const more = need<HTMLButtonElement>(this, '[data-search-more]');
    more.hidden = this.#shown >= outcome.results.length;
    if (moveFocus) {
      items[0]?.querySelector('a')?.focus();
      this.#status(fill(this.#strings.moreStatus, { shown: this.#shown, count: outcome.results.length }));
    }
  }

  #resultItem(data: PagefindResultData, outcome: SearchOutcome): HTMLLIElement {
    const s = this.#strings;
    const li = document.createElement('li');
    li.className = 'search-result';
    const h2 = document.createElement('h2');
    const a = document.createElement('a');
    a.href = data.url;
    a.textContent = data.meta['title'] ?? data.url;
    h2.append(a);
    const type = typeOf(data);
    const facts: (string | undefined)[] = [type];
    if (type === '机构')
      facts.push(
        data.meta['region'] ?? data.filters['city']?.[0],
        data.meta['kind'],
        data.meta['verified'] && fill(s.verified, { date: data.meta['verified'] }),
      );
    if (type === '课程' && data.meta['audience']) facts.push(fill(s.audience, { audience: data.meta['audience'] }));
    if (type === '课时' && data.meta['course']) facts.push(fill(s.course, { course: data.meta['course'] }));
    const meta = document.createElement('p');
    meta.className = 'search-result__meta';
    meta.textContent = facts.filter(Boolean).join(' · ');
    if (data.meta['sample'] === SAMPLE_META) {
      const badge = document.createElement('span');
      badge.className = 'badge-sample';
      badge.textContent = s.sample;
      meta.append(' ', badge);
    }
    const excerpt = document.createElement('p');
    excerpt.className = 'search-result__excerpt';
    for (const segment of highlightExcerpt(data.excerpt, outcome.plan.highlight)) {
      if (segment.mark) {
        const mark = document.createElement('mark');
        mark.textContent = segment.text;
        excerpt.append(mark);
      } else {
        excerpt.append(segment.text);
      }
    }
    li.append(h2, meta, excerpt);
    return li;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'anning-search': AnningSearch;
  }
}

if (!customElements.get('anning-search')) customElements.define('anning-search', AnningSearch);

/** The state the search form asks for: its words and province, filters cleared. */
function submitted(form: HTMLFormElement): SearchState {
  const q = need<HTMLInputElement>(form, 'input[name="q"]').value;
  const province = form.querySelector<HTMLSelectElement>('[data-search-province]')?.value ?? '';
  return { q, type: '', city: '', province };
}

/** A form field's text value ('' when missing or a file). */
function formText(value: FormDataEntryValue | null): string {
  return typeof value === 'string' ? value : '';
}

/**
 * Browser side of the catalogue filters (/courses/ and /events/): selects that filter the
 * server-rendered cards in place. Each select's name is a key of the cards' data attributes
 * (data-audience, data-kind …); a card shows when it has every chosen value. The choice is
 * read from and kept in the address (?audience=&format=), so a filtered list can be shared;
 * the form is shown, and the plain no-JavaScript links hidden, only once this runs.
 */
export interface CardFilter {
  readonly form: HTMLFormElement;
  readonly cards: readonly HTMLElement[];
  /** The selects' names, in the order they appear in the address. */
  readonly keys: readonly string[];
  /** Keys whose card attribute is a space-separated list (a course for several audiences). */
  readonly lists?: readonly string[];
  /** Shown when no card matches. */
  readonly empty: HTMLElement | null;
  /** The no-JavaScript links this form replaces. */
  readonly links: HTMLElement | null;
  /** Runs before each filtering (e.g. offering only the chosen city's counties). */
  readonly beforeApply?: (select: (name: string) => HTMLSelectElement) => void;
}

export function wireCardFilter({ form, cards, keys, lists = [], empty, links, beforeApply }: CardFilter): void {
  const select = (name: string) => form.elements.namedItem(name) as HTMLSelectElement;
  const status = form.querySelector<HTMLElement>('[role="status"]');
  const params = new URLSearchParams(location.search);
  for (const key of keys) {
    const wanted = params.get(key);
    if (wanted !== null && [...select(key).options].some((o) => o.value === wanted)) select(key).value = wanted;
  }
  const matches = (card: HTMLElement) =>
    keys.every((key) => {
      const value = select(key).value;
      if (!value) return true;
      const have = card.dataset[key] ?? '';
      return lists.includes(key) ? have.split(' ').includes(value) : have === value;
    });
  const apply = () => {
    beforeApply?.(select);
    let shown = 0;
    for (const card of cards) {
      const match = matches(card);
      card.hidden = !match;
      if (match) shown++;
    }
    if (empty) empty.hidden = shown > 0;
    if (status) {
      const template = shown === cards.length ? status.dataset['all'] : status.dataset['some'];
      status.textContent = (template ?? '').replace('{shown}', String(shown)).replace('{total}', String(cards.length));
    }
    const url = new URL(location.href);
    for (const key of keys) {
      if (select(key).value) url.searchParams.set(key, select(key).value);
      else url.searchParams.delete(key);
    }
    history.replaceState(history.state, '', url);
  };
  form.addEventListener('change', apply);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    apply();
  });
  // The reset event fires before the controls change back.
  form.addEventListener('reset', () => setTimeout(apply));
  form.hidden = false;
  if (links) links.hidden = true;
  apply();
}

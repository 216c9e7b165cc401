/**
 * Searches started before they are asked for. While a person types, the search page runs the
 * search for what is in the box (search-element.ts); when they press Enter on the same words,
 * the results are ready or on their way, and what they wait for is the rest of that run, not
 * a whole one (issue #20: most of a query's time is two rounds of requests).
 *
 * The same state gives the same outcome (the index does not change while the page is open),
 * so a prepared run is as good as a fresh one. A failed run is forgotten, so the next ask
 * starts again rather than repeating the failure.
 */
import type { SearchState } from './query.ts';

/** How many runs are kept: the current words and a few before them (back, forward, a retyped word). */
export const PREPARED_KEPT = 4;

/** The key of a state: everything runSearch's outcome depends on, with the province searched. */
export function preparedKey(state: SearchState, province: string): string {
  return JSON.stringify([province, state.q.trim(), state.type, state.city]);
}

export class PreparedSearches<T> {
  readonly #runs = new Map<string, Promise<T>>();

  constructor(private readonly kept: number = PREPARED_KEPT) {}

  /** The run for `key`: the one already started, else a new one from `start`. */
  get(key: string, start: () => Promise<T>): Promise<T> {
    const known = this.#runs.get(key);
    if (known) {
      // Most recently used last, so it is the last to be dropped.
      this.#runs.delete(key);
      this.#runs.set(key, known);
      return known;
    }
    const run = start();
    this.#runs.set(key, run);
    run.catch(() => {
      if (this.#runs.get(key) === run) this.#runs.delete(key);
    });
    while (this.#runs.size > this.kept) this.#runs.delete(this.#runs.keys().next().value as string);
    return run;
  }

  has(key: string): boolean {
    return this.#runs.has(key);
  }
}

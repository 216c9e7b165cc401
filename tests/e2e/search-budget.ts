/**
 * Search budgets, checked by tests/e2e/search.spec.ts against the built site.
 * Raise a number only with a reason written next to it.
 */
export const SEARCH_BUDGET = {
  /** JavaScript on /search/ before any query, gzip-compressed bytes (Pagefind not loaded yet). */
  jsBeforeQueryGzip: 30 * 1024,
  /** Everything fetched for the first query on /search/?q=… (Pagefind's script, WebAssembly, index chunks, first page of results), as served. */
  firstQueryBytes: 300 * 1024,
} as const;

/**
 * A console list's filters, from the query string (links: status and other codes) and
 * from the posted filter form (the search text, which must never appear in a URL).
 */
import type { ListFilter } from '../submissions/listing.ts';

/** Rows per console page. */
export const PAGE_SIZE = 50;

const FIELDS = ['status', 'county', 'institution', 'course', 'session'] as const;

/**
 * @param query the page's URL search parameters (codes only)
 * @param form the posted form, when there is one (may carry `q` and `offset`)
 */
export function consoleFilter(query: URLSearchParams, form: URLSearchParams | undefined): ListFilter & { limit: number; offset: number } {
  const pick = (name: string) => {
    const value = (form?.get(name) ?? query.get(name))?.trim().slice(0, 100);
    return value === undefined || value === '' ? undefined : value;
  };
  const offset = Number(form?.get('offset') ?? query.get('offset') ?? 0);
  return {
    ...Object.fromEntries(FIELDS.map((f) => [f, pick(f)])),
    q: form?.get('q')?.trim().slice(0, 100) || undefined,
    limit: PAGE_SIZE,
    offset: Number.isInteger(offset) && offset > 0 ? offset : 0,
  };
}

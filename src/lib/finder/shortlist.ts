/**
 * The shortlist (对比清单): institution ids a family saves while comparing, kept only
 * on this device (localStorage), shown as a printable contact card at /services/shortlist/.
 */
export const SHORTLIST_KEY = 'anning.shortlist';
export const SHORTLIST_MAX = 30;
export const SHORTLIST_EVENT = 'anning:shortlist';

const ID = /^(?:bj|zj|sample)-[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Storage as far as we use it (window.localStorage, or a stand-in in tests). */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

function store(): KeyValueStore | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null; // storage blocked (privacy mode, settings)
  }
}

/** Saved ids, oldest first; garbage in storage reads as an empty list. */
export function readShortlist(storage: KeyValueStore | null = store()): string[] {
  if (storage === null) return [];
  try {
    const value: unknown = JSON.parse(storage.getItem(SHORTLIST_KEY) ?? '[]');
    if (!Array.isArray(value)) return [];
    const ids = value.filter((v): v is string => typeof v === 'string' && ID.test(v));
    return [...new Set(ids)].slice(0, SHORTLIST_MAX);
  } catch {
    return [];
  }
}

/** Save the list; false when storage is unavailable or full. Tells other parts of the page. */
export function writeShortlist(ids: readonly string[], storage: KeyValueStore | null = store()): boolean {
  if (storage === null) return false;
  try {
    storage.setItem(SHORTLIST_KEY, JSON.stringify([...new Set(ids)].slice(0, SHORTLIST_MAX)));
  } catch {
    return false;
  }
  if (typeof window !== 'undefined') window.dispatchEvent(new Event(SHORTLIST_EVENT));
  return true;
}

/** Add the id when absent, remove it when present; returns the new list. */
export function toggleShortlist(id: string, storage: KeyValueStore | null = store()): string[] {
  const ids = readShortlist(storage);
  const next = ids.includes(id) ? ids.filter((x) => x !== id) : [...ids, id].slice(-SHORTLIST_MAX);
  writeShortlist(next, storage);
  return next;
}

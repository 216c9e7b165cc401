/**
 * Times in the authentication library's tables come back as a Date on PostgreSQL
 * (timestamptz) and as ISO text on SQLite; our own tables hold ISO text on both.
 */
import type { LibraryTime } from '../db/schema.ts';

export function toDate(value: LibraryTime): Date {
  return value instanceof Date ? value : new Date(value);
}

/** Milliseconds since the epoch of a time of either kind. */
export function toMillis(value: LibraryTime): number {
  return toDate(value).getTime();
}

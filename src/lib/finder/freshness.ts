/**
 * How fresh a record is. A family should see when a record was last checked and be warned
 * when that was more than a year ago: phones, wards and home-care areas change. "Now" is the
 * day the site was built (build-day.ts), the same for every page and for the finder, so a
 * page never says "checked 11 months ago" while its list says "more than a year".
 */

/** Records last checked longer ago than this get a warning. */
export const STALE_AFTER_DAYS = 365;

const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;

/** True when `verified` (YYYY-MM-DD) lies more than a year before `today` (YYYY-MM-DD). */
export function isStale(verified: string, today: string): boolean {
  const v = day(verified);
  const t = day(today);
  if (!Number.isFinite(v) || !Number.isFinite(t)) return false;
  return t - v > STALE_AFTER_DAYS;
}

/**
 * A stored time (ISO 8601, UTC) as staff read it: China time to the minute. One function for
 * the console's pages and its CSV exports, so both show the same.
 */

/** 2026-11-22T10:30:00.000Z → 2026-11-22 18:30; '' for no time, the text itself when it is not a time. */
export function chinaTime(iso: unknown): string {
  if (typeof iso !== 'string' || iso === '') return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).format(d);
}

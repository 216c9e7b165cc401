/**
 * Small formatting helpers shared by the finder (browser) and the region and
 * institution pages (build), so both show the same facts the same way.
 */

/** Distance for people: one decimal below 10 km, whole km above. */
export function formatKm(km: number): string {
  if (!Number.isFinite(km) || km < 0) return '?';
  if (km < 10) return (Math.round(km * 10) / 10).toFixed(1);
  return String(Math.round(km));
}

/** 'YYYY-MM-DD' → '2026年11月22日' (easier to read aloud than the ISO form). */
export function formatDateZh(date: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (m === null) return date;
  return `${m[1]}年${Number(m[2])}月${Number(m[3])}日`;
}

/**
 * tel: link for a published number. Keeps digits and a leading +; an extension written
 * 转8001 becomes a pause (",8001") that phones dial after the call connects.
 */
export function telHref(number: string): string {
  const [main = '', ext] = number.split('转');
  const digits = main.replace(/[^\d+]/g, '');
  const extension = ext === undefined ? '' : ext.replace(/\D/g, '');
  return `tel:${digits}${extension === '' ? '' : `,${extension}`}`;
}

/**
 * A phone number in groups for display inside a call button: "010 6915 6114" →
 * ["010", "6915", "6114"], "0571-87654321转8001" → ["0571‑", "87654321", "转8001"].
 * Each group is shown unbreakable (hyphens become non-breaking ones), and a narrow
 * screen with large text wraps the number between groups instead of inside them.
 */
export function phoneGroups(number: string): string[] {
  const [main = '', ext] = number.split('转');
  const groups = main
    .trim()
    .split(/\s+/)
    .flatMap((part) => part.split(/(?<=-)/))
    .filter((g) => g !== '')
    .map((g) => g.replace(/-/g, '\u2011'));
  return ext === undefined ? groups : [...groups, `转${ext.trim()}`];
}

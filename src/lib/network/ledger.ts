/**
 * The unmet-demand ledger (issue #18): every declined consultation request (and, once
 * referrals exist, every rejected referral) counts, by reason, care mode and county, into
 * a weekly aggregate for the commission and the public. Pure: the rows come from sources
 * (src/server/network/ledger.ts), each giving rows of the shape below.
 *
 * Weeks are China-time weeks, named by their Monday. Small counts are shown as "<5" so a
 * single family's decline cannot be picked out of a published table.
 */

export type LedgerSourceName = 'consultation' | 'referral';

/** One decline, as a source gives it: no person, only where, what and why. */
export interface LedgerRow {
  /** Monday of the China-time week, YYYY-MM-DD. */
  readonly week: string;
  /** County of the institution that declined (where the capacity was short). */
  readonly countyCode: string;
  /** A care mode (住院, 居家, 门诊 …) or, for requests that need none, what was asked (家属支持, 其他). */
  readonly mode: string;
  readonly reason: string;
  readonly source: LedgerSourceName;
}

/** One cell of the weekly aggregate. */
export interface LedgerCell {
  readonly week: string;
  readonly countyCode: string;
  readonly mode: string;
  readonly reason: string;
  readonly source: LedgerSourceName;
  readonly count: number;
}

/** Counts under this are published as "<5". */
export const SMALL_COUNT = 5;

const CHINA_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

/** The Monday (China time) of the week `at` falls in, YYYY-MM-DD. */
export function chinaWeekOf(at: Date): string {
  const local = new Date(at.getTime() + CHINA_OFFSET_MS);
  const weekday = (local.getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  return new Date(local.getTime() - weekday * DAY_MS).toISOString().slice(0, 10);
}

/** Adds up the rows of every source into cells, newest week first, then county, mode, reason. */
export function aggregateLedger(rows: Iterable<LedgerRow>): LedgerCell[] {
  const cells = new Map<string, LedgerCell>();
  for (const row of rows) {
    const key = [row.week, row.countyCode, row.mode, row.reason, row.source].join('\u0000');
    const cell = cells.get(key);
    cells.set(key, { ...row, count: (cell?.count ?? 0) + 1 });
  }
  const order = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return [...cells.values()].sort(
    (a, b) =>
      order(b.week, a.week) ||
      order(a.countyCode, b.countyCode) ||
      order(a.mode, b.mode) ||
      order(a.reason, b.reason) ||
      order(a.source, b.source),
  );
}

/** A count as published: the number, or "<5" for 1–4. */
export function shownCount(count: number): number | '<5' {
  return count > 0 && count < SMALL_COUNT ? '<5' : count;
}

/** The first Monday of the `weeks` most recent weeks up to `now` (inclusive of this week). */
export function ledgerSince(now: Date, weeks: number): string {
  return chinaWeekOf(new Date(now.getTime() - (weeks - 1) * 7 * DAY_MS));
}

/** One published line: the count as "<5" when small, the county by name. */
export interface PublishedCell {
  readonly week: string;
  readonly countyCode: string;
  readonly countyName: string;
  readonly mode: string;
  readonly reason: string;
  readonly source: LedgerSourceName;
  readonly count: number | '<5';
}

/** /data/unmet-demand/weekly.json. */
export interface LedgerFile {
  readonly computedAt: string;
  readonly weeks: number;
  readonly note: string;
  readonly cells: readonly PublishedCell[];
}

/** One published cell in words, for lists: 2026-11-30 这一周 · 北京市昌平区 · 住院 · 床位已满：<5 次. */
export function cellLine(cell: PublishedCell): string {
  return `${cell.week} 这一周 · ${cell.countyName} · ${cell.mode} · ${cell.reason}：${cell.count} 次`;
}

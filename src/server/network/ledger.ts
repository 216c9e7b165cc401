/**
 * The unmet-demand ledger's sources and its published files. Each source gives rows of
 * declines ({ week, countyCode, mode, reason, source }); the aggregate adds up every
 * source's rows (src/lib/network/ledger.ts): declined consultation requests and rejected
 * referrals, both written to unmet_demand when they happen.
 *
 * Sample institutions never count: a sample takes no requests, and a row whose county has
 * no real institution left in the registry is still counted (the county is a real place).
 */
import { formReference } from '../../lib/forms/reference-data.ts';
import {
  aggregateLedger,
  ledgerSince,
  shownCount,
  type LedgerCell,
  type LedgerFile,
  type LedgerRow,
  type LedgerSourceName,
  type PublishedCell,
} from '../../lib/network/ledger.ts';
import { toCsv, type CsvColumn } from '../../lib/csv.ts';
import { sharedDb } from '../db/connect.ts';
import type { Conn } from '../db/transaction.ts';

/** A source of ledger rows from `since` (a week's Monday) on. */
export type LedgerSource = (db: Conn, since: string) => Promise<LedgerRow[]>;

/** Declines of one source, one row each (unmet_demand, written at the decline: a request's institution, or a referral's destination). */
export function storedDeclines(source: LedgerSourceName): LedgerSource {
  return async (db, since) => {
    const rows = await db.kysely
      .selectFrom('unmet_demand')
      .select(['week', 'county', 'mode', 'reason', 'source'])
      .where('source', '=', source)
      .where('week', '>=', since)
      .execute();
    return rows.map((r) => ({ week: r.week, countyCode: r.county, mode: r.mode, reason: r.reason, source }));
  };
}

/** Every source the ledger adds up. */
export const LEDGER_SOURCES: LedgerSource[] = [storedDeclines('consultation'), storedDeclines('referral')];

/** How many weeks the published ledger covers. */
export const LEDGER_WEEKS = 26;

export async function ledgerCells(db: Conn, now: Date, weeks = LEDGER_WEEKS, sources = LEDGER_SOURCES): Promise<LedgerCell[]> {
  const since = ledgerSince(now, weeks);
  const rows = (await Promise.all(sources.map((source) => source(db, since)))).flat();
  return aggregateLedger(rows);
}

export function publishCells(cells: readonly LedgerCell[]): PublishedCell[] {
  const { regions } = formReference();
  return cells.map((c) => ({
    week: c.week,
    countyCode: c.countyCode,
    countyName: regions.fullName(c.countyCode) ?? c.countyCode,
    mode: c.mode,
    reason: c.reason,
    source: c.source,
    count: shownCount(c.count),
  }));
}

export async function ledgerFile(db: Conn, now: Date): Promise<LedgerFile> {
  return {
    computedAt: now.toISOString(),
    weeks: LEDGER_WEEKS,
    note: '每一行是一周（北京时间，周一开始）里，某区县的机构因某个原因婉拒的咨询申请数；少于 5 的写作 "<5"。一家机构婉拒一次算一次。',
    cells: publishCells(await ledgerCells(db, now)),
  };
}

const COLUMNS: readonly CsvColumn<PublishedCell>[] = [
  { header: 'week', value: (c) => c.week },
  { header: 'county_code', value: (c) => c.countyCode },
  { header: 'county_name', value: (c) => c.countyName },
  { header: 'mode', value: (c) => c.mode },
  { header: 'reason', value: (c) => c.reason },
  { header: 'source', value: (c) => c.source },
  { header: 'count', value: (c) => String(c.count) },
];

/** /data/unmet-demand/weekly.json and .csv: computed on request, cached five minutes. */
export async function ledgerResponse(format: 'json' | 'csv', now = new Date()): Promise<Response> {
  let body: string;
  try {
    const file = await ledgerFile(await sharedDb(), now);
    body = format === 'json' ? `${JSON.stringify(file, null, 2)}\n` : toCsv(COLUMNS, file.cells);
  } catch (error) {
    console.error('[ledger] 汇总失败：', error instanceof Error ? error.message : error);
    return new Response(`${JSON.stringify({ ok: false, message: '暂时无法计算，请稍后再试。' })}\n`, {
      status: 503,
      headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' },
    });
  }
  return new Response(body, {
    headers: {
      'Content-Type': format === 'json' ? 'application/json; charset=utf-8' : 'text/csv; charset=utf-8',
      'Cache-Control': 'public, max-age=300',
    },
  });
}

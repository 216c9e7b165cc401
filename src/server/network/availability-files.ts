/**
 * The answers of /data/availability/counties.json and .csv (rendered on demand: the figures
 * are live). `?date=YYYY-MM-DD` gives a past day's figures as they stood at the end of that
 * day (China time); without it, today's as they are now.
 */
import { formReference } from '../../lib/forms/reference-data.ts';
import { countiesCsv, countiesFile } from '../../lib/network/availability-counties.ts';
import { sharedDb } from '../db/connect.ts';
import { availabilityAggregate, chinaDay, momentOfDay } from './availability-aggregate.ts';

/** Today's figures change with every report: caches may keep them five minutes. A past day's stay put. */
const TODAY_MAX_AGE = 300;
const PAST_MAX_AGE = 3600;

function problem(status: number, message: string): Response {
  return new Response(`${JSON.stringify({ ok: false, message })}\n`, {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' },
  });
}

export async function countiesResponse(url: URL, format: 'json' | 'csv', now: Date = new Date()): Promise<Response> {
  const asked = url.searchParams.get('date');
  const day = asked === null || asked === '' ? chinaDay(now) : asked;
  const at = momentOfDay(day, now);
  if (at === null) return problem(400, 'date 必须是今天或以前的日期，写成 YYYY-MM-DD（北京时间），例如 2026-12-05。');
  let body: string;
  try {
    const aggregate = await availabilityAggregate(await sharedDb(), formReference(), at, now);
    body = format === 'json' ? `${JSON.stringify(countiesFile(aggregate), null, 2)}\n` : countiesCsv(aggregate);
  } catch (error) {
    console.error('[availability] 汇总失败：', error instanceof Error ? error.message : error);
    return problem(503, '暂时无法计算接收情况汇总，请稍后再试。');
  }
  const maxAge = day === chinaDay(now) ? TODAY_MAX_AGE : PAST_MAX_AGE;
  return new Response(body, {
    headers: {
      'Content-Type': format === 'json' ? 'application/json; charset=utf-8' : 'text/csv; charset=utf-8',
      'Cache-Control': `public, max-age=${maxAge}`,
      ...(format === 'csv' ? { 'Content-Disposition': `inline; filename="availability-counties-${day}.csv"` } : {}),
    },
  });
}

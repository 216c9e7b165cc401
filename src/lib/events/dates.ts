/**
 * Time rules for events, pure ("now" is always a parameter). Event times are China wall-clock
 * times (2026-10-10T09:00); China has kept UTC+8 all year since 1991, so a wall time is one
 * fixed instant and needs no time-zone database.
 */

/** 2026-10-10T09:00 (China time) → the instant. */
export function chinaInstant(wall: string): Date {
  return new Date(`${wall}:00+08:00`);
}

/** The date part (YYYY-MM-DD) of a wall time. */
export function wallDate(wall: string): string {
  return wall.slice(0, 10);
}

/** The month key (YYYY-MM) of a wall time. */
export function wallMonth(wall: string): string {
  return wall.slice(0, 7);
}

/** 2026-10 → 2026年10月 */
export function monthLabel(month: string): string {
  return `${month.slice(0, 4)}年${Number(month.slice(5, 7))}月`;
}

/** Quarter key of a wall time: 2026-Q4. */
export function wallQuarter(wall: string): string {
  return `${wall.slice(0, 4)}-Q${Math.floor((Number(wall.slice(5, 7)) - 1) / 3) + 1}`;
}

/** 2026-Q4 → 2026年第四季度 */
export function quarterLabel(quarter: string): string {
  return `${quarter.slice(0, 4)}年第${'一二三四'[Number(quarter.slice(6)) - 1] ?? ''}季度`;
}

const WEEKDAYS = '日一二三四五六';

/** Weekday (0 = Sunday) of a YYYY-MM-DD date. */
function weekday(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

/** 2026-10-10T09:00 → 2026年10月10日（星期六）09:00 */
export function wallLabel(wall: string): string {
  const d = wallDate(wall);
  return `${d.slice(0, 4)}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日（星期${WEEKDAYS[weekday(d)]}）${wall.slice(11, 16)}`;
}

/** When, in one phrase: same day → "…09:00–11:00"; several days → "… 至 …". */
export function spanLabel(start: string, end: string): string {
  return wallDate(start) === wallDate(end) ? `${wallLabel(start)}–${end.slice(11, 16)}` : `${wallLabel(start)} 至 ${wallLabel(end)}`;
}

/** Add days to a YYYY-MM-DD date. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** 世界安宁缓和医疗日: the second Saturday of October. */
export function worldHospiceDay(year: number): string {
  const first = `${year}-10-01`;
  const firstSaturday = 1 + ((6 - weekday(first) + 7) % 7);
  return `${year}-10-${String(firstSaturday + 7).padStart(2, '0')}`;
}

/**
 * 清明 (the solar term, sun at 15°) in April, by the common formula for 2001–2099:
 * day = ⌊Y·0.2422 + 4.81⌋ − ⌊Y/4⌋, Y = year mod 100 (2025 → 4 April, 2026 → 5 April).
 */
export function qingming(year: number): string {
  if (year < 2001 || year > 2099) throw new Error(`qingming: ${year} is outside 2001–2099`);
  const y = year % 100;
  const day = Math.floor(y * 0.2422 + 4.81) - Math.floor(y / 4);
  return `${year}-04-${String(day).padStart(2, '0')}`;
}

/** The 清明 life-education week: the seven days before 清明 to the seven days after. */
export function qingmingWeek(year: number): { readonly from: string; readonly to: string } {
  const day = qingming(year);
  return { from: addDays(day, -7), to: addDays(day, 7) };
}

/** True when the event has ended by `now`. */
export function isPast(event: { readonly end: string }, now: Date): boolean {
  return chinaInstant(event.end).getTime() <= now.getTime();
}

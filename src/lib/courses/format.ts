/** Course dates and session times as people read them. */

const dateFormat = new Intl.DateTimeFormat('zh-CN', { timeZone: 'UTC', year: 'numeric', month: 'long', day: 'numeric' });
const weekdayFormat = new Intl.DateTimeFormat('zh-CN', { timeZone: 'UTC', weekday: 'short' });

/** A content date for people: 2026年12月10日（周四）, or without the weekday. */
export function formatDate(date: Date, withWeekday = true): string {
  const day = dateFormat.format(date);
  return withWeekday ? `${day}（${weekdayFormat.format(date)}）` : day;
}

/** A session time for people: "14:30-16:00" → "14:30–16:00" (en dash). */
export function formatTimeRange(time: string): string {
  return time.replace('-', '–');
}

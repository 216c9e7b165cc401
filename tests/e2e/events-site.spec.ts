/**
 * The events calendar on the built site: the filters with and without JavaScript, an event's
 * .ics parsed back in Asia/Shanghai, a city's calendar feed, the event on its organiser's and
 * its county's pages, the honest /targets/ count, and axe on the new pages in two text modes.
 * The events used here are the shipped samples on 世界安宁缓和医疗日 2027 (upcoming until
 * October 2027) and those of 2026 (past).
 */
import { test, expect, type Page } from '@playwright/test';
import ICAL from 'ical.js';
import { axeViolations } from './axe.ts';
import { presetDisplay } from './utils.ts';

const HANGZHOU_DAY = '2027-10-09-hangzhou-hospice-day-open-day';

/** The event cards currently shown in the upcoming list. */
const cards = (page: Page) => page.locator('[data-event-list] > li:visible');

/** Parse an iCalendar text with ical.js and register its time zones, so times convert. */
function parseCalendar(text: string): { cal: ICAL.Component; events: ICAL.Event[] } {
  const cal = new ICAL.Component(ICAL.parse(text) as unknown[]);
  for (const tz of cal.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(new ICAL.Timezone(tz));
  return { cal, events: cal.getAllSubcomponents('vevent').map((c) => new ICAL.Event(c)) };
}

test.describe('events list filters', () => {
  test('filter by city and kind without JavaScript, through static pages', async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto('/events/');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('生命教育活动');
    // The combined form needs JavaScript; the links do the work without it.
    await expect(page.getByRole('combobox', { name: '城市' })).toBeHidden();
    const links = page.getByRole('navigation', { name: '按条件查看活动' });
    await expect(links).toBeVisible();
    const all = await cards(page).count();
    expect(all).toBeGreaterThan(3);
    // Upcoming, soonest first.
    const starts = await page.locator('[data-event-list] > li').evaluateAll((lis) => lis.map((li) => li.getAttribute('data-month') ?? ''));
    expect([...starts].sort()).toEqual(starts);

    await links.getByRole('link', { name: '杭州市', exact: true }).click();
    await expect(page).toHaveURL(/\/events\/in\/330100\/$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('杭州市的活动');
    const hangzhou = page.locator('[data-event-list] > li');
    expect(await hangzhou.count()).toBeGreaterThan(0);
    for (const card of await hangzhou.all()) await expect(card).toHaveAttribute('data-city', '330100');
    await expect(page.getByRole('link', { name: '杭州市', exact: true })).toHaveAttribute('aria-current', 'page');

    await page.getByRole('link', { name: '生死咖啡馆', exact: true }).click();
    await expect(page).toHaveURL(/\/events\/kind\/death-cafe\/$/);
    for (const card of await page.locator('[data-event-list] > li').all()) await expect(card).toContainText('生死咖啡馆');

    await page.getByRole('link', { name: '2027年10月', exact: true }).click();
    await expect(page.locator('[data-event-list] > li').first()).toContainText('2027年10月9日（星期六）');
    await context.close();
  });

  test('filter in place with JavaScript, combined, kept in the address', async ({ page }) => {
    await page.goto('/events/');
    const all = await cards(page).count();
    await expect(page.getByRole('navigation', { name: '按条件查看活动' })).toBeHidden();
    await expect(page.getByRole('status')).toHaveText(`显示全部 ${all} 个即将举行的活动`);
    await page.getByRole('combobox', { name: '城市' }).selectOption({ label: '北京市' });
    await expect(page).toHaveURL(/[?&]city=110000/);
    const beijing = await cards(page).count();
    expect(beijing).toBeGreaterThan(0);
    expect(beijing).toBeLessThan(all);
    for (const card of await cards(page).all()) await expect(card).toHaveAttribute('data-city', '110000');
    await expect(page.getByRole('status')).toHaveText(`显示 ${beijing} 个活动（共 ${all} 个）`);

    await page.getByRole('combobox', { name: '对象' }).selectOption({ label: '照护者' });
    await expect(page).toHaveURL(/audience=carers/);
    for (const card of await cards(page).all()) {
      await expect(card).toHaveAttribute('data-city', '110000');
      await expect(card).toContainText('照护者');
    }
    await page.reload();
    await expect(page.getByRole('combobox', { name: '城市' })).toHaveValue('110000');
    await expect(page.getByRole('combobox', { name: '对象' })).toHaveValue('carers');

    // Nothing matches: say so and point to the archive.
    await page.getByRole('combobox', { name: '类型' }).selectOption({ label: '开放日' });
    await page.getByRole('combobox', { name: '月份' }).selectOption({ index: 1 });
    if ((await cards(page).count()) === 0) await expect(page.getByText('没有符合条件的即将举行的活动')).toBeVisible();
    await page.getByRole('button', { name: '清除条件' }).click();
    await expect(cards(page)).toHaveCount(all);
  });
});

test('an event page offers 加入日历: the .ics parses back in Asia/Shanghai', async ({ page, request }) => {
  await page.goto(`/events/${HANGZHOU_DAY}/`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('世界安宁缓和医疗日医院开放日（示例）');
  await expect(page.getByText('这是示例活动，并不真实举行')).toBeVisible();
  await expect(page.getByText('2027年10月9日（星期六）09:30–11:30')).toBeVisible();
  const link = page.getByRole('link', { name: '加入日历（.ics 文件）' });
  const href = await link.getAttribute('href');
  expect(href).toBe(`/events/${HANGZHOU_DAY}.ics`);
  const response = await request.get(href ?? '');
  expect(response.headers()['content-type']).toContain('text/calendar');
  const { cal, events } = parseCalendar(await response.text());
  expect(events).toHaveLength(1);
  const event = events[0] as ICAL.Event;
  expect(cal.getFirstSubcomponent('vevent')?.getFirstProperty('dtstart')?.getParameter('tzid')).toBe('Asia/Shanghai');
  expect(event.startDate.zone?.tzid).toBe('Asia/Shanghai');
  expect(event.startDate.toString()).toBe('2027-10-09T09:30:00');
  expect(event.startDate.toJSDate().toISOString()).toBe('2027-10-09T01:30:00.000Z');
  expect(event.endDate.toJSDate().toISOString()).toBe('2027-10-09T03:30:00.000Z');
  expect(event.summary).toBe('世界安宁缓和医疗日医院开放日（示例）');
  expect(event.description).toContain('示例活动');
  expect(event.location).toContain('杭州市');
});

test("a city's calendar feed lists that city's events and no other's", async ({ page, request }) => {
  await page.goto('/events/in/330100/');
  const ids = await page
    .locator('[data-event-list] > li h3 a')
    .evaluateAll((as) => as.map((a) => (a.getAttribute('href') ?? '').split('/')[2]));
  expect(ids.length).toBeGreaterThan(0);
  await page.goto('/events/');
  const href = await page.getByRole('region', { name: '订阅活动日历' }).getByRole('link', { name: '杭州市的活动' }).getAttribute('href');
  expect(href).toBe('/events/calendar/330100.ics');
  const text = await (await request.get(href ?? '')).text();
  expect(text).toContain('BEGIN:VCALENDAR');
  const { events } = parseCalendar(text);
  expect(events.map((e) => e.uid.split('@')[0]).sort()).toEqual([...ids].sort());
  for (const e of events) expect(e.location).toContain('浙江省杭州市');
  const all = parseCalendar(await (await request.get('/events/calendar.ics')).text()).events;
  expect(all.length).toBeGreaterThan(events.length);
  expect(all.some((e) => e.location.startsWith('北京市'))).toBe(true);
});

test("the event shows on its organiser's institution page and on its county's region page", async ({ page }) => {
  await page.goto('/services/sample-330100-city/');
  const here = page.getByRole('region', { name: '本机构主办的活动' });
  await expect(here.getByRole('link', { name: '世界安宁缓和医疗日医院开放日（示例）' })).toHaveAttribute(
    'href',
    `/events/${HANGZHOU_DAY}/`,
  );
  await page.goto('/regions/330102/');
  const county = page.getByRole('region', { name: '上城区的生命教育活动' });
  await expect(county.getByRole('link', { name: '世界安宁缓和医疗日医院开放日（示例）' })).toBeVisible();
  await county.getByRole('link', { name: /看这里的全部活动/ }).click();
  await expect(page).toHaveURL(/\/events\/in\/330102\/$/);
  // A county without events says so plainly.
  await page.goto('/regions/330110/');
  await expect(page.getByRole('region', { name: '余杭区的生命教育活动' })).toContainText('暂时还没有登记的活动');
});

test('past events are kept in the archive, newest first', async ({ page }) => {
  await page.goto('/events/past/');
  const months = await page.locator('[data-event-list] > li').evaluateAll((lis) => lis.map((li) => li.getAttribute('data-month') ?? ''));
  expect(months.length).toBeGreaterThan(3);
  expect([...months].sort().reverse()).toEqual(months);
  await page.getByRole('link', { name: '世界安宁缓和医疗日病区开放日（示例）' }).click();
  await expect(page.getByText('这个活动已经结束。')).toBeVisible();
  await expect(page.getByRole('link', { name: '加入日历（.ics 文件）' })).toHaveCount(0);
});

test('/targets/ counts 生命教育 activities from real events only, and says so', async ({ page }) => {
  await page.goto('/targets/');
  const section = page.getByRole('region', { name: '生命教育活动：进机构、进社区、进家庭' });
  await expect(section.locator('[data-activity-none]')).toContainText('目前还没有可以统计的真实活动');
  await expect(section).toContainText(/另有 \d+ 个已经举行的示例活动没有计入/);
});

for (const mode of ['standard', 'xlarge-contrast'] as const) {
  test(`new event pages have no axe violations (${mode})`, async ({ page }) => {
    test.setTimeout(120_000); // an axe pass per page: up to 19 s on a clean local run
    // The elder mode on a small phone: 特大 text with high contrast at 320 px, nothing scrolling sideways.
    if (mode === 'xlarge-contrast') {
      await presetDisplay(page, { size: 'xlarge', contrast: true });
      await page.setViewportSize({ width: 320, height: 800 });
    }
    for (const path of [
      '/events/',
      '/events/past/',
      `/events/${HANGZHOU_DAY}/`,
      '/events/in/330100/',
      '/events/kind/death-cafe/',
      '/targets/',
    ]) {
      await page.goto(path);
      const sideways = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(sideways, `${path} scrolls sideways`).toBe(0);
      if (mode === 'xlarge-contrast') await expect(page.locator('html')).toHaveAttribute('data-text-size', 'xlarge');
      expect(await axeViolations(page), path).toEqual([]);
    }
  });
}

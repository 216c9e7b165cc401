/**
 * Real (not sample) events, on the shared second build (scripts/lib/fixture-build.ts: an
 * operator configured, samples hidden, the test events of tests/fixtures/events): /targets/
 * counts the held ones per county and quarter by 进机构/进社区/进家庭, the events carry no 示例
 * mark, and an event that takes places links to the site's enrolment page for its session.
 */
import { test, expect } from '@playwright/test';
import { FIXTURE_COURSE, FIXTURE_EVENTS } from '../../scripts/lib/fixture-build.ts';
import { axeViolations } from './axe.ts';
import { useFixtureServer } from './fixture-server.ts';

const url = useFixtureServer();

test('/targets/ counts the held real events per county and quarter, by 进机构/进社区/进家庭', async ({ page }) => {
  await page.goto(url('/targets/'));
  const section = page.getByRole('region', { name: '生命教育活动：进机构、进社区、进家庭' });
  const table = section.getByRole('table', { name: '已经举行的生命教育活动（按区县和季度）' });
  await expect(table).toBeVisible();
  const row = table.getByRole('row', { name: /海淀区/ });
  await expect(row.getByRole('cell')).toHaveText(['2026年第四季度', '0', '1', '1', '2']);
  // The upcoming event (2099) is not counted; no sample line on a site without samples.
  await expect(table.getByRole('row')).toHaveCount(2);
  await expect(section).not.toContainText('示例活动没有计入');
  expect(await axeViolations(page)).toEqual([]);
});

test('a real event that takes places links to the enrolment page of its session, without 示例', async ({ page }) => {
  await page.goto(url(`/events/${FIXTURE_EVENTS.enrol}/`));
  await expect(page.locator('.badge-sample')).toHaveCount(0);
  // A real event tells search engines what it is (schema.org Event, China time); samples never do.
  const ld = JSON.parse((await page.locator('head script[type="application/ld+json"]').textContent()) ?? '{}') as Record<string, unknown>;
  expect(ld).toMatchObject({ '@type': 'Event', startDate: '2099-01-15T14:00:00+08:00', eventStatus: 'https://schema.org/EventScheduled' });
  await page.getByRole('link', { name: /在本站报名/ }).click();
  await expect(page).toHaveURL(new RegExp(`/courses/${FIXTURE_COURSE.course}/enrol/${FIXTURE_COURSE.session}/$`));
  // Held events are in the archive, without the 加入日历 button.
  await page.goto(url('/events/past/'));
  await expect(page.getByRole('link', { name: '测试活动：社区讲座（自动化测试专用）' })).toBeVisible();
  await expect(page.locator('main').getByText('示例')).toHaveCount(0);
});

import { test, expect, type Page } from '@playwright/test';

/** The course cards currently shown in the catalog list. */
const cards = (page: Page) => page.locator('[data-course-list] > li:visible');

test.describe('course catalog', () => {
  test('filters by 老年大学 without JavaScript, through the audience link', async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto('/courses/');
    const all = await cards(page).count();
    expect(all).toBeGreaterThanOrEqual(9);
    // Without JavaScript the combined filter stays hidden and the links do the work.
    await expect(page.getByRole('combobox', { name: '学习对象' })).toBeHidden();
    await page.getByRole('navigation', { name: '按学习对象和形式浏览课程' }).getByRole('link', { name: '老年大学', exact: true }).click();
    await expect(page).toHaveURL(/\/courses\/for\/elder-university\/$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('面向老年大学的课程');
    await expect(page.getByRole('link', { name: '老年大学', exact: true })).toHaveAttribute('aria-current', 'page');
    const shown = await cards(page).count();
    expect(shown).toBeGreaterThan(0);
    expect(shown).toBeLessThan(all);
    for (const card of await cards(page).all()) await expect(card).toContainText('老年大学');
    await context.close();
  });

  test('filters by 老年大学 with JavaScript, in place, and keeps the choice on reload', async ({ page }) => {
    await page.goto('/courses/');
    const all = await cards(page).count();
    await expect(page.getByRole('status').filter({ hasText: '门课程' })).toHaveText(`共 ${all} 门课程`);
    // The script replaces the plain links with the combined filter.
    await expect(page.getByRole('navigation', { name: '按学习对象和形式浏览课程' })).toBeHidden();
    await page.getByRole('combobox', { name: '学习对象' }).selectOption({ label: '老年大学' });
    await expect(page).toHaveURL(/[?&]audience=elder-university/);
    const shown = await cards(page).count();
    expect(shown).toBeGreaterThan(0);
    expect(shown).toBeLessThan(all);
    await expect(page.getByRole('status').filter({ hasText: '门课程' })).toHaveText(`显示 ${shown} 门课程（共 ${all} 门）`);
    for (const card of await cards(page).all()) await expect(card).toContainText('老年大学');
    // Upcoming sessions first: the first card shows its next session.
    await expect(cards(page).first()).toContainText('下一场');

    await page.reload();
    await expect(page.getByRole('combobox', { name: '学习对象' })).toHaveValue('elder-university');
    await expect(cards(page)).toHaveCount(shown);

    await page.getByRole('combobox', { name: '课程形式' }).selectOption({ label: '自学' });
    await expect(page).toHaveURL(/format=self-study/);
    for (const card of await cards(page).all()) await expect(card).toContainText('自学');
    await page.getByRole('button', { name: '清除筛选' }).click();
    await expect(cards(page)).toHaveCount(all);
  });
});

test('a course with sessions shows sample badges and links each open session to its enrolment page', async ({ page }) => {
  await page.goto('/courses/for/elder-university/');
  await cards(page).first().getByRole('heading').getByRole('link').click();
  const sessions = page.getByRole('region', { name: '近期场次与报名' });
  await expect(sessions.locator('.badge-sample').first()).toBeVisible();
  await expect(sessions.locator('form')).toHaveCount(0);
  await expect(sessions.getByRole('link').first()).toHaveAttribute('href', /^\/services\/[a-z0-9-]+\/$/);
  await expect(sessions.getByRole('heading', { name: '上课地点附近的安宁疗护服务' }).first()).toBeVisible();
  await sessions.getByRole('link', { name: '报名这一场' }).first().click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('报名：');
  // Sample sessions take no enrolment (#14 item 7): the page says so and has no form.
  await expect(page.getByText('这是演示用的示例场次，不是真实的开课安排，不接受报名。').first()).toBeVisible();
  await expect(page.locator('form[action^="/api/enrollments"]')).toHaveCount(0);
});

test('a school lesson shows the teacher section and prints without the page chrome', async ({ page }) => {
  await page.goto('/courses/for/primary/');
  await cards(page).first().getByRole('heading').getByRole('link').click();
  await page.getByRole('link', { name: '从第一课开始' }).click();

  const teacher = page.getByRole('region', { name: '教师用：教学指导' });
  await expect(teacher).toBeVisible();
  for (const name of ['目标', '课前准备', '教学过程', '讨论问题', '如果学生正经历丧亲', '给家长的一封信']) {
    await expect(teacher.getByRole('heading', { name, exact: true })).toBeVisible();
  }
  const process = teacher.getByRole('table', { name: '教学过程' });
  await expect(process.getByRole('columnheader', { name: '分钟' })).toBeVisible();
  await expect(process.getByRole('rowheader', { name: '合计' })).toBeVisible();

  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('banner')).toBeHidden();
  await expect(page.getByRole('contentinfo')).toBeHidden();
  await expect(page.getByRole('navigation', { name: '主要栏目' })).toBeHidden();
  await expect(page.getByRole('navigation', { name: '上一课和下一课' })).toBeHidden();
  await expect(page.getByRole('button', { name: '打印本课' })).toBeHidden();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.locator('.lesson__body p').first()).toBeVisible();
  await expect(teacher).toBeVisible();
  const breaks = await page.locator('.handout, .parent-letter').evaluateAll((els) => els.map((el) => getComputedStyle(el).breakBefore));
  expect(breaks.length).toBeGreaterThan(0);
  expect(new Set(breaks)).toEqual(new Set(['page']));
});

test('self-study progress stays on the device across reloads and shows on the course page', async ({ page }) => {
  await page.goto('/courses/format/self-study/');
  await cards(page).first().getByRole('heading').getByRole('link').click();
  const courseUrl = page.url();
  await expect(page.getByRole('status').filter({ hasText: '已学完' })).toHaveText(/已学完 0 \/ \d+ 课/);
  await page.getByRole('link', { name: '从第一课开始' }).click();

  const done = page.getByRole('button', { name: '我已学完这一课' });
  await expect(done).toHaveAttribute('aria-pressed', 'false');
  await done.click();
  await expect(done).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByRole('status').filter({ hasText: '已记下' })).toContainText(/已学完 1 \/ \d+ 课/);

  await page.reload();
  await expect(page.getByRole('button', { name: '我已学完这一课' })).toHaveAttribute('aria-pressed', 'true');

  await page.goto(courseUrl);
  await expect(page.getByRole('status').filter({ hasText: '已学完' })).toHaveText(/已学完 1 \/ \d+ 课/);
  const lessons = page.getByRole('region', { name: '课时安排' }).getByRole('listitem');
  await expect(lessons.first()).toContainText('已学完');
  await expect(lessons.nth(1).getByText('已学完')).toBeHidden();
});

test('progress controls are hidden without JavaScript', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto('/courses/format/self-study/');
  await cards(page).first().getByRole('heading').getByRole('link').click();
  await expect(page.getByRole('region', { name: '我的学习进度' })).toBeHidden();
  await page.getByRole('link', { name: '从第一课开始' }).click();
  await expect(page.getByRole('button', { name: '我已学完这一课' })).toBeHidden();
  await context.close();
});

test.describe('printing a school lesson (issue #14 item 9)', () => {
  test('the teacher’s guide alone can be printed without JavaScript, from a link on the lesson', async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto('/courses/life-cycle-primary/01-seasons-of-life/');
    await page.getByRole('link', { name: '只打印教师用教学指导（打开打印版）' }).click();
    await expect(page).toHaveURL(/\/courses\/life-cycle-primary\/01-seasons-of-life\/teacher\/$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('《生命的四季》教师用教学指导');

    await page.emulateMedia({ media: 'print' });
    // What prints: the teacher's guide and the parent letter, starting on the first page.
    const teacher = page.getByRole('region', { name: '教师用：教学指导' });
    await expect(teacher).toBeVisible();
    await expect(teacher.getByRole('table', { name: '教学过程' })).toBeVisible();
    await expect(page.getByRole('region', { name: '给家长的一封信' })).toBeVisible();
    expect(await teacher.evaluate((el) => getComputedStyle(el).breakBefore)).not.toBe('page');
    // What does not: the pupils' text and handouts, the site chrome, the help line above the guide.
    await expect(page.locator('.lesson__body')).toHaveCount(0);
    await expect(page.locator('.handout')).toHaveCount(0);
    await expect(page.getByRole('banner')).toBeHidden();
    await expect(page.getByRole('contentinfo')).toBeHidden();
    await expect(page.locator('[data-teacher-print-help]')).toBeHidden();
    await context.close();
  });

  test('the 「画一画」 worksheet leaves a real space to draw, on screen and on paper', async ({ page }) => {
    await page.goto('/courses/life-cycle-primary/01-seasons-of-life/');
    const handout = page.getByRole('region', { name: '学习单：我的生命之树' });
    const space = handout.locator('[data-drawing-space]');
    await expect(space).toBeVisible();
    await expect(space).toContainText('在这里画你的生命之树');
    const screenHeight = (await space.boundingBox())?.height ?? 0;
    expect(screenHeight).toBeGreaterThan(250);

    await page.emulateMedia({ media: 'print' });
    // 12 cm at 96 px per inch is about 453 px: half an A4 page to draw a tree.
    const printHeight = (await space.boundingBox())?.height ?? 0;
    expect(printHeight).toBeGreaterThan(400);
  });
});

/**
 * Issue #14 item 7, on the test server, which has no operator configured (no
 * PRIVACY_CONTROLLER_NAME / PRIVACY_CONTACT: the privacy page says 尚未配置):
 * every form says it is a demonstration before anyone types, the thanks pages promise no
 * calls, and sample course sessions take no enrolment, neither on the page nor by the API.
 * (The other way round, a site with an operator: forms-browser-operator.spec.ts.)
 */
import { test, expect } from '@playwright/test';
import { upcomingOpenSession } from './content-sessions.ts';
import { presetDisplay } from './utils.ts';

test.use({ viewport: { width: 390, height: 844 } });

/** An upcoming, open, sample session from content/courses. */
function sampleSession(): { course: string; session: string } {
  const found = upcomingOpenSession((s) => s.sample);
  if (found === undefined) throw new Error('content/courses 里没有开放报名的未来示例场次');
  return found;
}

const FORMS = [
  { path: '/volunteer/', form: '志愿者登记表' },
  { path: '/report/', form: '报告信息有误' },
  { path: '/volunteer/withdraw/', form: '删除登记或取消报名' },
] as const;

for (const { path: p, form: name } of FORMS) {
  test(`${p}: the demonstration notice comes before the form's first field (特大, phone)`, async ({ page }) => {
    await presetDisplay(page, { size: 'xlarge' });
    await page.goto(p);
    const note = page.getByRole('note', { name: /这是演示网站/ });
    await expect(note).toBeVisible();
    await expect(note).toContainText('不会有人跟进');
    await expect(note).toContainText('不会有人给您打电话');
    await expect(note.getByRole('link', { name: '查看隐私说明' })).toHaveAttribute('href', '/privacy/');
    const firstField = page.getByRole('form', { name }).locator('input:not([type=hidden]):not([name=website]), select, textarea').first();
    const [noteBox, fieldBox] = [await note.boundingBox(), await firstField.boundingBox()];
    expect(noteBox && fieldBox && noteBox.y + noteBox.height <= fieldBox.y, 'the notice sits above the first field').toBe(true);
  });
}

test('the volunteer form does not promise a call on a demonstration site', async ({ page }) => {
  await page.goto('/volunteer/');
  const form = page.getByRole('form', { name: '志愿者登记表' });
  await expect(form.getByLabel('手机号码', { exact: true })).toHaveAccessibleDescription('删除自己的登记时，需要用到这个号码。');
  await expect(form).not.toContainText('工作人员会用这个号码联系您');
});

test('the thanks pages promise no calls on a demonstration site', async ({ page }) => {
  const { course, session } = sampleSession();
  for (const p of [
    '/volunteer/thanks/?ref=V-ABCD2345',
    '/report/thanks/?ref=R-ABCD2345',
    `/enrolment/thanks/?ref=E-ABCD2345&course=${course}&session=${session}&status=waitlist&position=3`,
  ]) {
    await page.goto(p);
    const main = page.getByRole('main');
    await expect(main).toContainText('这是演示网站');
    await expect(main, p).not.toContainText(/打电话通知|打电话给您，|留意来电|工作人员会核实/);
  }
});

test('a sample course session takes no enrolment: no form on its page, refused by the API', async ({ page, request }) => {
  const { course, session } = sampleSession();
  await presetDisplay(page, { size: 'xlarge' });
  await page.goto(`/courses/${course}/enrol/${session}/`);
  await expect(page.getByText('这是演示用的示例场次，不是真实的开课安排，不接受报名。')).toBeVisible();
  await expect(page.locator('form[action^="/api/enrollments"]')).toHaveCount(0);
  await expect(page.getByRole('textbox', { name: '姓名' })).toHaveCount(0);

  const json = await request.post('/api/enrollments', {
    data: { course, session, name: '示例报名', phone: '13500135123', people: 1, consent: true },
  });
  expect(json.status()).toBe(400);
  expect(((await json.json()) as { errors: Record<string, string> }).errors['session']).toBe('这是演示用的示例场次，不接受报名');
  const plain = await request.post('/api/enrollments', {
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    data: new URLSearchParams({ course, session, name: '示例报名', phone: '13500135124', people: '1', consent: 'yes' }).toString(),
    maxRedirects: 0,
  });
  expect(plain.status()).toBe(400);
  expect(await plain.text()).not.toContain('为您留好了名额');
});

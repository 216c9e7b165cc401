/**
 * Course enrolment end to end: seats, the waitlist, moving people up when a seat is freed
 * (by staff or by the person's own withdrawal), the thanks page and the enrolment island.
 *
 * Every session in content/courses is a sample, and sample sessions take no enrolment
 * (issue #14 item 7; forms-browser-demo.spec.ts), so these tests run on the shared second
 * build (scripts/lib/fixture-build.ts): an operator configured and the test course of
 * tests/fixtures/courses, whose session 2099-01-test-open is real, open and has 3 seats.
 * Each worker starts its own server on that build with a fresh database; what it stored is
 * read from that database (stored.ts).
 */
import { test, expect, type APIRequestContext, type Page } from '@playwright/test';
import { postPlainForm, presetDisplay } from './utils.ts';
import { axeViolations } from './axe.ts';
import { FIXTURE_COURSE, FIXTURE_SERVER_ENV } from '../../scripts/lib/fixture-build.ts';
import { useFixtureServer } from './fixture-server.ts';
import { startTestServer } from './forms-server.ts';
import { storedRow, storedRows, withStoredDb } from './stored.ts';
import { setStatus } from '../../src/server/submissions/staff-changes.ts';

const FORM = { 'Content-Type': 'application/x-www-form-urlencoded' };
const { course, session, seats } = FIXTURE_COURSE;
let serial = 200_000 + Math.floor(Math.random() * 100_000);
const nextPhone = () => `135${String(++serial).padStart(8, '0')}`;

/** An absolute URL on this worker's server on the fixture build. */
const url = useFixtureServer();

async function seatsNow(request: APIRequestContext): Promise<{ seats: number; taken: number; remaining: number; waitlist: number }> {
  const res = await request.get(url(`/api/enrollments?course=${course}&session=${session}`));
  expect(res.status()).toBe(200);
  return (await res.json()) as { seats: number; taken: number; remaining: number; waitlist: number };
}

/** Takes every free seat (groups of up to 5), so the next enrolment waits. */
async function fillSeats(request: APIRequestContext): Promise<string[]> {
  const before = await seatsNow(request);
  let remaining = before.waitlist > 0 ? 0 : before.remaining;
  const refs: string[] = [];
  while (remaining > 0) {
    const people = Math.min(5, remaining);
    const res = await request.post(url('/api/enrollments'), {
      data: { course, session, name: '报名测试', phone: nextPhone(), people, consent: true },
    });
    const body = (await res.json()) as { status: string; id: string };
    expect(res.status()).toBe(201);
    expect(body.status).toBe('confirmed');
    refs.push(body.id);
    remaining -= people;
  }
  return refs;
}

async function expectNoAxeViolations(page: Page, what: string) {
  expect(await axeViolations(page), `axe violations on ${what}`).toEqual([]);
}

test('the test session is open for enrolment on this build, with its seats', async ({ request }) => {
  const now = await seatsNow(request);
  expect(now.seats).toBe(seats);
  const page = await request.get(url(`/courses/${course}/enrol/${session}/`));
  expect(page.status()).toBe(200);
  expect(await page.text()).toContain('action="/api/enrollments');
});

test('enrolment: seats are enforced, then a waitlist, said plainly in JSON and on the thanks page', async ({ request }) => {
  await fillSeats(request);
  const full = await request.post(url('/api/enrollments'), {
    data: { course, session, name: '候补测试', phone: nextPhone(), people: 1, consent: true },
  });
  const fullBody = (await full.json()) as { ok: boolean; id: string; status: string; statusLabel: string; waitlistPosition: number };
  expect(full.status()).toBe(201);
  expect(fullBody).toMatchObject({ ok: true, status: 'waitlist', statusLabel: '候补', waitlistPosition: expect.any(Number) });
  const after = await seatsNow(request);
  expect(after.remaining).toBe(0);
  expect(after.taken).toBe(after.seats);

  const form = await request.post(url('/api/enrollments'), {
    headers: FORM,
    data: new URLSearchParams({ course, session, name: '表单候补', phone: nextPhone(), people: '2', consent: 'yes' }).toString(),
    maxRedirects: 0,
  });
  expect(form.status()).toBe(303);
  const thanks = await (await request.get(url(form.headers()['location'] ?? '/'))).text();
  expect(thanks).toContain('已进入候补名单');
  expect(thanks).toContain('名额已经满了');

  // Staff cancelling a confirmed seat (the console's storage call, on this server's database)
  // moves the first person waiting up.
  const [confirmed] = await storedRows(url.server(), 'enrollments', { course, session, status: '已确认', limit: 1 });
  const seatsOf = (c: string, s: string) => (c === course && s === session ? seats : undefined);
  const cancelled = await withStoredDb(url.server(), (db) =>
    setStatus(db, 'e2e-staff', 'enrollments', String(confirmed?.['ref']), '已取消', seatsOf),
  );
  expect(cancelled.found).toBe(true);
  expect(cancelled.promoted.length).toBeGreaterThan(0);
  for (const ref of cancelled.promoted) expect((await storedRow(url.server(), 'enrollments', ref))?.['status'], ref).toBe('已确认');
});

test('enrolment refuses unknown sessions and over-large groups', async ({ request }) => {
  const unknown = await request.post(url('/api/enrollments'), {
    data: { course, session: 'no-such-session', name: '王', phone: '13500135000', consent: true },
  });
  expect(((await unknown.json()) as { errors: Record<string, string> }).errors['session']).toContain('没有找到');
  const big = await request.post(url('/api/enrollments'), {
    data: { course, session, name: '王', phone: '13500135000', people: 9, consent: true },
  });
  expect(((await big.json()) as { errors: Record<string, string> }).errors['people']).toContain('1 到 5');
});

test('withdrawing with the phone and any one code removes the enrolment too, and the first person waiting moves up', async ({
  request,
}) => {
  // Its own server and database, so the seats are known: 3 free.
  const own = await startTestServer(FIXTURE_SERVER_ENV);
  try {
    const post = async (path: string, data: Record<string, unknown>) =>
      (await (await request.post(`${own.url}${path}`, { data })).json()) as { id: string; status?: string };
    const phone = nextPhone();
    const signUp = await post('/api/volunteers', {
      name: '既登记又报名',
      phone,
      county: '330106',
      ageGroup: '18+',
      availability: ['weekend'],
      roles: ['companion'],
      consent: true,
    });
    const mine = await post('/api/enrollments', { course, session, name: '既登记又报名', phone, people: 1, consent: true });
    const other = await post('/api/enrollments', { course, session, name: '别人', phone: nextPhone(), people: seats - 1, consent: true });
    const waiting = await post('/api/enrollments', { course, session, name: '等待递补', phone: nextPhone(), people: 1, consent: true });
    expect([mine.status, other.status, waiting.status]).toEqual(['confirmed', 'confirmed', 'waitlist']);

    // The volunteer code proves the phone; everything under that phone goes, the enrolment included.
    const res = await request.post(`${own.url}/api/volunteers/withdraw`, { data: { phone, ref: signUp.id } });
    expect(res.status()).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, deleted: signUp.id, removed: { volunteers: 1, enrollments: 1, reports: 0 } });
    const status = async (ref: string) => (await storedRow(own, 'enrollments', ref))?.['status'];
    expect(await status(mine.id), 'the withdrawn enrolment is gone').toBeUndefined();
    expect(await status(other.id)).toBe('已确认');
    expect(await status(waiting.id), 'the first person waiting has the freed seat').toBe('已确认');
  } finally {
    await own.stop();
  }
});

test.describe('in the browser', () => {
  test('enrolment form (EnrolmentForm.astro): seats shown live, review, then the result page', async ({ page }) => {
    test.slow(); // several pages; the shared machine can be busy
    // Reach the component the way a no-JavaScript mistake does: a post without a name.
    await page.goto(url('/volunteer/'));
    await postPlainForm(page, url('/api/enrollments'), {
      course,
      session,
      name: '',
      phone: '13500135999',
      people: '2',
      consent: 'yes',
    });
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('请修改后再提交');
    await page.getByRole('button', { name: '下一步：核对信息' }).first().waitFor();
    const form = page.getByRole('form', { name: /^报名这个场次：/ });
    await expect(form.getByLabel('手机号码', { exact: true })).toHaveValue('13500135999');
    await expect(form.getByLabel('姓名', { exact: true })).toHaveAccessibleDescription('请填写姓名');
    await expect(form.getByRole('status').first()).toContainText(/名额/);
    await expectNoAxeViolations(page, 'enrolment correction page');
    await form.getByLabel('姓名', { exact: true }).fill('岛屿报名');
    await form.getByRole('button', { name: '下一步：核对信息' }).click();
    await form.getByRole('button', { name: '确认提交' }).click();
    await expect(page).toHaveURL(/\/enrolment\/thanks\/\?ref=E-/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(/报名成功|已进入候补名单/);
    await expectNoAxeViolations(page, '/enrolment/thanks/');
  });

  test('the session page: the form works without JavaScript and says how many seats there are', async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(url(`/courses/${course}/enrol/${session}/`));
    await expect(page.getByRole('main')).toContainText(`名额 ${seats} 人`);
    const form = page.getByRole('form', { name: /^报名这个场次：/ });
    await form.getByLabel('姓名', { exact: true }).fill('无脚本报名');
    await form.getByLabel('手机号码', { exact: true }).fill(nextPhone());
    await form.getByLabel(/^我已阅读隐私说明/).check();
    await form.getByRole('button', { name: '报名', exact: true }).click();
    await expect(page).toHaveURL(/\/enrolment\/thanks\/\?ref=E-/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(/报名成功|已进入候补名单/);
    await context.close();
  });

  test('cancelling an enrolment on the withdrawal page speaks of the enrolment, not of volunteering (phone, largest text)', async ({
    page,
    request,
  }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await presetDisplay(page, { size: 'xlarge' });
    const phone = nextPhone();
    const enrolled = (await (
      await request.post(url('/api/enrollments'), { data: { course, session, name: '取消报名', phone, people: 1, consent: true } })
    ).json()) as { id: string };
    expect(enrolled.id).toMatch(/^E-/);
    await page.goto(url('/volunteer/withdraw/'));
    await page.getByRole('button', { name: '下一步：核对信息' }).waitFor();
    const form = page.getByRole('form', { name: '删除登记或取消报名' });
    await form.getByLabel('登记时填写的手机号码').fill(phone);
    await form.getByLabel('登记编号').fill(enrolled.id);
    await form.getByRole('button', { name: '下一步：核对信息' }).click();
    await expect(form.getByRole('heading', { name: '确认取消课程报名？' })).toBeFocused();
    await form.getByRole('button', { name: '确认取消报名' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('您的课程报名已取消');
    const main = page.getByRole('main');
    await expect(main).not.toContainText('谢谢您曾经愿意参与');
    await expect(main).not.toContainText('志愿');
    expect(await storedRow(url.server(), 'enrollments', enrolled.id)).toBeUndefined();
  });
});

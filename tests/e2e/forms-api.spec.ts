/**
 * The form API, probed from outside as curl would: the shared test server (playwright.config.ts)
 * for the contract, and extra server processes (forms-server.ts) for a small rate limit,
 * 200 concurrent submissions and kill -9. What was stored is read from each server's
 * database (stored.ts).
 */
import { test, expect } from '@playwright/test';
import { startTestServer, volunteerJson } from './forms-server.ts';
import { sharedServerData, storedRefs, storedRow } from './stored.ts';

const shared = sharedServerData();
const FORM = { 'Content-Type': 'application/x-www-form-urlencoded' };
let serial = Math.floor(Math.random() * 1e6);
const nextN = () => ++serial;

const volunteerForm = (n: number) =>
  new URLSearchParams([
    ['name', `表单志愿者${n}`],
    ['phone', `136${String(n).padStart(8, '0')}`],
    ['county', '110105'],
    ['ageGroup', '18+'],
    ['availability', 'weekend'],
    ['availability', 'remote'],
    ['roles', 'companion'],
    ['roles', 'arts'],
    ['consent', 'yes'],
  ]).toString();

test.describe('form API contract', () => {
  test('a JSON sign-up is stored with its consent record and answered 201 with its code', async ({ request }) => {
    const n = nextN();
    const res = await request.post('/api/volunteers', {
      data: volunteerJson(n, { email: 'lin@example.com', experience: '照护过外婆两年' }),
    });
    expect(res.status()).toBe(201);
    const body = (await res.json()) as { ok: boolean; id: string };
    expect(body).toEqual({ ok: true, id: expect.stringMatching(/^V-[2-9A-HJKMNP-Z]{8}$/) });
    const row = await storedRow(shared, 'volunteers', body.id);
    expect(row).toMatchObject({
      ref: body.id,
      status: '新登记',
      email: 'lin@example.com',
      county: '330106',
      experience: '照护过外婆两年',
      review: null,
      consent_version: expect.stringMatching(/^\d{4}-\d{2}-\d{2}\.[0-9a-f]{6}$/),
    });
    expect(row?.['consent_at']).toEqual(row?.['created_at']);
  });

  test('POST /api/volunteers works with and without the trailing slash', async ({ request }) => {
    for (const url of ['/api/volunteers', '/api/volunteers/']) {
      const res = await request.post(url, { data: volunteerJson(nextN()), maxRedirects: 0 });
      expect(res.status(), url).toBe(201);
    }
  });

  test('invalid JSON gets 400 with one Chinese message per field; unknown fields are refused', async ({ request }) => {
    const res = await request.post('/api/volunteers', {
      data: { name: ' ', phone: '12345', idCard: '110101199001011234', consent: false },
    });
    expect(res.status()).toBe(400);
    const body = (await res.json()) as { ok: boolean; errors: Record<string, string> };
    expect(body.ok).toBe(false);
    expect(body.errors).toMatchObject({
      name: '请填写姓名',
      phone: expect.stringContaining('11 位'),
      idCard: expect.stringContaining('不认识'),
      consent: expect.stringContaining('勾选同意'),
    });
    expect(Object.keys(body.errors)).toEqual(expect.arrayContaining(['county', 'ageGroup', 'availability', 'roles']));
  });

  test('under-14s are refused with an explanation; 14–17 need a guardian', async ({ request }) => {
    const child = await request.post('/api/volunteers', { data: volunteerJson(nextN(), { ageGroup: 'under-14' }) });
    expect(child.status()).toBe(400);
    expect(((await child.json()) as { errors: Record<string, string> }).errors['ageGroup']).toContain('年满 14 周岁');
    const minor = await request.post('/api/volunteers', { data: volunteerJson(nextN(), { ageGroup: '14-17' }) });
    expect(Object.keys(((await minor.json()) as { errors: Record<string, string> }).errors).sort()).toEqual([
      'guardianConsent',
      'guardianName',
      'guardianPhone',
    ]);
    const ok = await request.post('/api/volunteers', {
      data: volunteerJson(nextN(), { ageGroup: '14-17', guardianName: '林大海', guardianPhone: '139 0013 9000', guardianConsent: true }),
    });
    expect(ok.status()).toBe(201);
  });

  test('a plain form post is answered 303 to the thanks page, which shows the code', async ({ request }) => {
    const res = await request.post('/api/volunteers', { headers: FORM, data: volunteerForm(nextN()), maxRedirects: 0 });
    expect(res.status()).toBe(303);
    const location = res.headers()['location'] ?? '';
    expect(location).toMatch(/^\/volunteer\/thanks\/\?ref=V-[2-9A-HJKMNP-Z]{8}$/);
    const page = await request.get(location);
    expect(page.headers()['cache-control']).toBe('no-store');
    expect(await page.text()).toContain(location.split('=')[1] ?? 'missing');
  });

  test('a plain form post with mistakes gets a 400 page: messages beside fields, input kept, markup escaped', async ({ request }) => {
    const data = new URLSearchParams([
      ['name', '<script>alert(1)</script>'],
      ['phone', '1380013'],
      ['county', '110105'],
      ['roles', 'arts'],
      ['experience', '照护过"家人"'],
    ]).toString();
    const res = await request.post('/api/volunteers', { headers: FORM, data });
    expect(res.status()).toBe(400);
    expect(res.headers()['content-type']).toContain('text/html');
    const html = await res.text();
    expect(html).toContain('请修改后再提交');
    expect(html).toContain('id="volunteer-phone-error"');
    expect(html).toContain('value="1380013"');
    expect(html).toContain('value="110105" selected');
    expect(html).toMatch(/value="arts" checked/);
    expect(html).toContain('&lt;script>alert(1)&lt;/script>');
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toContain('href="/volunteer/"');
  });

  test('a honeypot submission gets the same reply but is not stored; a too-fast one is stored for review', async ({ request }) => {
    test.slow(); // several pages or server processes; the shared CI machine can be busy
    const hp = await request.post('/api/volunteers', { data: volunteerJson(nextN(), { website: 'http://spam.example' }) });
    const fast = await startTestServer({ MIN_FILL_MS: '3000' });
    try {
      const quick = await fetch(`${fast.url}/api/volunteers`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(volunteerJson(nextN(), { elapsedMs: 400 })),
      });
      const slow = await fetch(`${fast.url}/api/volunteers`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(volunteerJson(nextN(), { elapsedMs: 9000 })),
      });
      const noJs = await fetch(`${fast.url}/api/volunteers`, {
        method: 'POST',
        headers: FORM,
        body: volunteerForm(nextN()),
        redirect: 'manual',
      });
      const quickBody = (await quick.json()) as { id: string };
      const slowBody = (await slow.json()) as { id: string };
      expect(quick.status).toBe(201);
      expect(noJs.status).toBe(303);
      const stored = await storedRefs(fast, 'volunteers');
      expect(stored).toContain(quickBody.id);
      expect(stored).toContain(slowBody.id);
      expect(stored).toHaveLength(3);
      // The quick one is kept, marked for staff to check first; the slow one is not marked.
      expect((await storedRow(fast, 'volunteers', quickBody.id))?.['review']).toBe('fast');
      expect((await storedRow(fast, 'volunteers', slowBody.id))?.['review']).toBeNull();
    } finally {
      await fast.stop();
    }
    expect(hp.status()).toBe(201);
    const hpBody = (await hp.json()) as { ok: boolean; id: string };
    expect(hpBody.ok).toBe(true);
    expect(await storedRow(shared, 'volunteers', hpBody.id)).toBeUndefined();
  });

  test('wrong content type 415, oversize 413, bad JSON 400, cross-site 403 — all with no-store', async ({ request }) => {
    const wrongType = await request.post('/api/volunteers', { headers: { 'Content-Type': 'text/plain' }, data: 'hello' });
    expect(wrongType.status()).toBe(415);
    const multipart = await request.post('/api/reports', { multipart: { problem: 'x' } });
    expect(multipart.status()).toBe(415);
    const big = await request.post('/api/volunteers', { data: volunteerJson(nextN(), { experience: '很'.repeat(8000) }) });
    expect(big.status()).toBe(413);
    const badJson = await request.post('/api/volunteers', { headers: { 'Content-Type': 'application/json' }, data: '{"name":' });
    expect(badJson.status()).toBe(400);
    const crossJson = await request.post('/api/volunteers', { headers: { Origin: 'https://evil.example' }, data: volunteerJson(nextN()) });
    expect(crossJson.status()).toBe(403);
    const crossForm = await request.post('/api/volunteers', {
      headers: { ...FORM, Origin: 'https://evil.example' },
      data: volunteerForm(nextN()),
      maxRedirects: 0,
    });
    expect(crossForm.status()).toBe(403);
    expect(await crossForm.text()).toContain('请在本站的页面上填写并提交表单');
    const sameSite = await request.post('/api/volunteers', {
      headers: { ...FORM, Origin: new URL(test.info().project.use.baseURL ?? '').origin },
      data: volunteerForm(nextN()),
      maxRedirects: 0,
    });
    expect(sameSite.status()).toBe(303);
    for (const res of [wrongType, big, badJson, crossJson, crossForm, sameSite]) {
      expect(res.headers()['cache-control']).toBe('no-store');
      expect(res.headers()['x-content-type-options']).toBe('nosniff');
    }
  });

  test('reports: the institution must exist, a page path will do, consent only with a contact', async ({ request }) => {
    const unknown = await request.post('/api/reports', { data: { institution: 'bj-no-such-place', problem: '地址不对' } });
    expect(unknown.status()).toBe(400);
    const page = await request.post('/api/reports', { data: { page: '/services/', problem: '列表里少了一家医院' } });
    expect(page.status()).toBe(201);
    const noConsent = await request.post('/api/reports', { data: { page: '/services/', problem: 'x', contact: '13800138000' } });
    expect(((await noConsent.json()) as { errors: Record<string, string> }).errors).toHaveProperty('consent');
    const form = await request.post('/api/reports', {
      headers: FORM,
      data: 'institution=&page=%2Fabout%2F&problem=%E9%94%99%E5%AD%97',
      maxRedirects: 0,
    });
    expect(form.headers()['location']).toMatch(/^\/report\/thanks\/\?ref=R-/);
  });

  test('/report/ comes prefilled from ?institution= and ?page=, without JavaScript', async ({ request }) => {
    const withId = await (await request.get('/report/?institution=sample-330106')).text();
    expect(withId).toContain('<option value="sample-330106" selected');
    const withPage = await (await request.get('/report/?page=%2Fguides%2F')).text();
    expect(withPage).toMatch(/name="page"[^>]*value="\/guides\/"/);
    const hostile = await (await request.get('/report/?page=%2F%22%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E&institution=%3Cb%3E')).text();
    expect(hostile).not.toContain('alert(1)');
    expect(hostile).not.toContain('<b>');
  });

  // Enrolment (seats, waitlist, refusals) runs on the second build with a test course: forms-enrolment.spec.ts.

  test('a volunteer withdraws with phone and code; the data is gone and a second try says so', async ({ request }) => {
    const n = nextN();
    const { id } = (await (await request.post('/api/volunteers', { data: volunteerJson(n) })).json()) as { id: string };
    const phone = `137${String(n).padStart(8, '0')}`;
    const wrong = await request.post('/api/volunteers/withdraw', { data: { phone: '13999999999', ref: id } });
    expect(wrong.status()).toBe(400);
    const res = await request.post('/api/volunteers/withdraw', { data: { phone, ref: id.toLowerCase().replace('-', ' ') } });
    expect(res.status()).toBe(200);
    expect(await res.json()).toEqual({ ok: true, deleted: id, removed: { volunteers: 1, enrollments: 0, reports: 0 } });
    expect(await storedRow(shared, 'volunteers', id)).toBeUndefined();
    const again = await request.post('/api/volunteers/withdraw', { headers: FORM, data: `phone=${phone}&ref=${id}`, maxRedirects: 0 });
    expect(again.status()).toBe(400);
    expect(await again.text()).toContain('没有找到与这个手机号码和登记编号相符的登记');
  });
});

test.describe('form API under stress (own server processes)', () => {
  test('the rate limit answers 429 with Retry-After, in JSON and in HTML', async () => {
    test.slow(); // several pages or server processes; the shared CI machine can be busy
    const server = await startTestServer({ RATE_LIMIT_PER_MINUTE: '3' });
    try {
      const send = () =>
        fetch(`${server.url}/api/reports`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ page: '/', problem: '限流测试' }),
        });
      expect([(await send()).status, (await send()).status, (await send()).status]).toEqual([201, 201, 201]);
      const limited = await send();
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(((await limited.json()) as { message: string }).message).toContain('秒后再试');
      const html = await fetch(`${server.url}/api/reports`, { method: 'POST', headers: FORM, body: 'page=%2F&problem=x' });
      expect(html.status).toBe(429);
      expect(await html.text()).toContain('提交太频繁了');
      expect(await storedRefs(server, 'reports')).toHaveLength(3);
    } finally {
      await server.stop();
    }
  });

  test('200 concurrent submissions are each stored exactly once', async () => {
    const server = await startTestServer();
    try {
      const replies = await Promise.all(
        Array.from({ length: 200 }, (_, i) =>
          fetch(`${server.url}/api/volunteers`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify(volunteerJson(i)),
          }).then(async (r) => ({ status: r.status, body: (await r.json()) as { id: string } })),
        ),
      );
      expect(replies.every((r) => r.status === 201)).toBe(true);
      const acknowledged = replies.map((r) => r.body.id);
      expect(new Set(acknowledged).size).toBe(200);
      const stored = await storedRefs(server, 'volunteers');
      expect(stored).toHaveLength(200);
      expect(new Set(stored)).toEqual(new Set(acknowledged));
    } finally {
      await server.stop();
    }
  });

  test('kill -9 after acknowledged submissions loses none; the restarted server has them all', async () => {
    test.slow(); // several pages or server processes; the shared CI machine can be busy
    const first = await startTestServer();
    const acknowledged: string[] = [];
    // Keep submitting while the process is killed: every reply received was acknowledged.
    const inFlight = Array.from({ length: 8 }, async (_, w) => {
      for (let i = 0; ; i++) {
        try {
          const res = await fetch(`${first.url}/api/volunteers`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify(volunteerJson(w * 10_000 + i)),
          });
          if (res.status === 201) acknowledged.push(((await res.json()) as { id: string }).id);
        } catch {
          return;
        }
      }
    });
    // Kill once a good number are acknowledged, with more still in flight.
    const deadline = Date.now() + 60_000;
    while (acknowledged.length < 30 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    await first.stop('SIGKILL');
    await Promise.all(inFlight);
    expect(acknowledged.length).toBeGreaterThanOrEqual(30);

    const second = await startTestServer({}, first.dataDir);
    try {
      const stored = new Set(await storedRefs(second, 'volunteers'));
      const lost = acknowledged.filter((ref) => !stored.has(ref));
      expect(lost).toEqual([]);
      // And the restarted server keeps taking submissions on the same data.
      expect(
        (
          await fetch(`${second.url}/api/volunteers`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify(volunteerJson(999_999)),
          })
        ).status,
      ).toBe(201);
    } finally {
      await second.stop();
    }
  });
});

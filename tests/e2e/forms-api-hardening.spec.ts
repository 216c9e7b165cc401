/**
 * What a probe from outside found in the forms and headers (issue #13) and the
 * fast-submission trap (issue #14, item 2), each checked over HTTP against the built site:
 * the shared test server (playwright.config.ts) or an own server process (forms-server.ts)
 * where a setting differs. What was stored is read from the server's database (stored.ts).
 */
import http from 'node:http';
import { test, expect, type APIRequestContext } from '@playwright/test';
import { inlineHashes } from '../../src/lib/html/csp-hashes.ts';
import { serverOutput, startTestServer, volunteerJson } from './forms-server.ts';
import { sharedServerData, storedRefs, storedRow, storedRows } from './stored.ts';

const shared = sharedServerData();
const JSON_TYPE = { 'Content-Type': 'application/json' };
const FORM = { 'Content-Type': 'application/x-www-form-urlencoded' };
let serial = Math.floor(Math.random() * 1e6) + 2e6;
const nextN = () => ++serial;
const phoneOf = (n: number) => `137${String(n).padStart(8, '0')}`;

/** Every directive of a CSP header value, name → value. */
function directives(policy: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of policy.split(';')) {
    const [name = '', ...rest] = part.trim().split(/\s+/);
    if (name !== '') out.set(name.toLowerCase(), rest.join(' '));
  }
  return out;
}

/** A request with a method fetch() will not send (TRACE, TRACK): status and Allow header. */
function rawRequest(url: string, method: string): Promise<{ status: number; allow: string | undefined }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, allow: res.headers['allow'] }));
    });
    req.on('error', reject);
    req.end();
  });
}

async function signUp(request: APIRequestContext, n: number, extra: Record<string, unknown> = {}): Promise<string> {
  const res = await request.post('/api/volunteers', { data: volunteerJson(n, extra) });
  expect(res.status()).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

test.describe('methods and bodies nobody expects', () => {
  test('TRACE and other unsupported methods get 405 with Allow on every route, and nothing is logged as an error', async () => {
    test.slow();
    const server = await startTestServer();
    const log = serverOutput(server);
    try {
      for (const route of [
        '/api/volunteers',
        '/api/volunteers/withdraw',
        '/api/reports',
        '/api/enrollments',
        '/report/',
        '/report/thanks/',
        '/volunteer/thanks/',
        '/',
      ]) {
        // (Node itself answers 400 to TRACK and CONNECT before any route sees them.)
        for (const method of ['TRACE']) {
          const res = await rawRequest(`${server.url}${route}`, method);
          expect(res.status, `${method} ${route}`).toBe(405);
          expect(res.allow, `${method} ${route}`).toBeTruthy();
        }
      }
      // Other methods a route does not answer are refused the same way, pages included.
      for (const [method, route, allow] of [
        ['PUT', '/api/volunteers', 'POST'],
        ['DELETE', '/report/', 'GET, HEAD'],
        ['POST', '/volunteer/thanks/', 'GET, HEAD'],
        ['PATCH', '/', 'GET, HEAD'],
        ['DELETE', '/api/enrollments', 'GET, POST'],
      ] as const) {
        const res = await fetch(`${server.url}${route}`, { method, headers: { 'Content-Type': 'application/json' }, body: '{}' });
        expect(res.status, `${method} ${route}`).toBe(405);
        expect(res.headers.get('allow'), `${method} ${route}`).toBe(allow);
      }
      await new Promise((r) => setTimeout(r, 300));
      expect(log()).not.toMatch(/ERROR|TypeError|at new Request/);
    } finally {
      await server.stop();
    }
  });

  test('keys like __proto__, constructor, toString and hasOwnProperty get 400 with a Chinese message', async ({ request }) => {
    for (const key of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf']) {
      const json = await request.post('/api/reports', { headers: JSON_TYPE, data: `{"page":"/","problem":"有误","${key}":1}` });
      expect(json.status(), key).toBe(400);
      const body = (await json.json()) as { errors: Record<string, string> };
      expect(Object.keys(body.errors), key).toEqual([key]);
      expect(body.errors[key], key).toMatch(/[\u4e00-\u9fff]/);
      const form = await request.post('/api/reports', { headers: FORM, data: `page=%2F&problem=x&${key}=1` });
      expect(form.status(), key).toBe(400);
      expect(await form.text(), key).toContain('不认识');
    }
  });

  test('a lone surrogate or broken UTF-8 in a field is refused with a message, never stored changed', async ({ request }) => {
    const json = await request.post('/api/reports', { headers: JSON_TYPE, data: '{"page":"/","problem":"a\\ud800b"}' });
    expect(json.status()).toBe(400);
    const body = (await json.json()) as { errors: Record<string, string> };
    expect(body.errors['problem']).toMatch(/[\u4e00-\u9fff]/);
    const form = await request.post('/api/reports', { headers: FORM, data: 'page=%2F&problem=a%ED%A0%80b' });
    expect(form.status()).toBe(400);
    expect(await form.text()).toContain('无法识别的字符');
    // Nothing was stored with the bad character replaced by U+FFFD.
    expect(await storedRows(shared, 'reports', { q: '\uFFFD' })).toEqual([]);
  });
});

test.describe('every refusal speaks Chinese', () => {
  test('each 4xx body from a form route carries a Chinese message', async ({ request }) => {
    const replies = [
      await request.get('/api/volunteers'),
      await request.put('/api/reports', { data: {} }),
      await request.delete('/api/volunteers/withdraw'),
      await request.get('/api/enrollments?course=x&session=y'),
      await request.post('/api/volunteers', { headers: JSON_TYPE, data: '{"name":' }),
      await request.post('/api/volunteers', { headers: JSON_TYPE, data: '[1]' }),
      await request.post('/api/reports', { headers: { 'Content-Type': 'text/plain' }, data: 'x' }),
      await request.post('/api/reports', { data: { page: '/', problem: '很'.repeat(9000) } }),
      await request.post('/api/reports', { headers: { Origin: 'https://evil.example' }, data: { page: '/', problem: 'x' } }),
      await request.post('/api/volunteers/withdraw', { data: { phone: '13800138000', ref: 'V-AAAAAAAA' } }),
      await request.post('/api/enrollments', { data: {} }),
    ];
    for (const res of replies) {
      expect(res.status(), res.url()).toBeGreaterThanOrEqual(400);
      expect(res.status(), res.url()).toBeLessThan(500);
      expect(await res.text(), `${res.status()} ${res.url()}`).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});

test.describe('cross-site posts without Origin', () => {
  test('a foreign Referer without Origin is refused; our own Referer or none at all is accepted', async ({ request, baseURL }) => {
    const foreign = await request.post('/api/volunteers', {
      headers: { Referer: 'https://evil.example/page' },
      data: volunteerJson(nextN()),
    });
    expect(foreign.status()).toBe(403);
    const foreignForm = await request.post('/api/reports', {
      headers: { ...FORM, Referer: 'https://evil.example/' },
      data: 'page=%2F&problem=x',
      maxRedirects: 0,
    });
    expect(foreignForm.status()).toBe(403);
    expect(await foreignForm.text()).toContain('请在本站的页面上填写并提交表单');
    const broken = await request.post('/api/reports', { headers: { Referer: 'not a url' }, data: { page: '/', problem: 'x' } });
    expect(broken.status()).toBe(403);
    const own = await request.post('/api/reports', {
      headers: { Referer: `${baseURL}/report/` },
      data: { page: '/', problem: '本站来源' },
    });
    expect(own.status()).toBe(201);
    const none = await request.post('/api/reports', { data: { page: '/', problem: '脚本提交' } });
    expect(none.status()).toBe(201);
  });
});

test.describe('staff pages', () => {
  test('everything under /staff/ and /api/ is no-store and noindex, whatever it answers', async ({ request }) => {
    for (const url of ['/staff/', '/staff', '/staff/volunteers/', '/api/volunteers']) {
      const res = await request.get(url, { maxRedirects: 0 });
      expect(res.headers()['cache-control'], url).toBe('no-store');
      expect(res.headers()['x-robots-tag'], url).toContain('noindex');
    }
  });

  test('a request forwarded by a proxy while TRUST_PROXY is off is warned about once in the log', async () => {
    test.slow();
    const server = await startTestServer();
    const log = serverOutput(server);
    try {
      for (let i = 0; i < 3; i++) await fetch(`${server.url}/`, { headers: { 'X-Forwarded-For': `203.0.113.${i}` } });
      await new Promise((r) => setTimeout(r, 300));
      expect(log().match(/请求带有 X-Forwarded-For，但没有设置 TRUST_PROXY=1/g)).toHaveLength(1);
      expect(log()).not.toContain('203.0.113');
    } finally {
      await server.stop();
    }
  });
});

test.describe('one Content-Security-Policy on every response', () => {
  const full = ['default-src', 'img-src', 'connect-src', 'object-src', 'base-uri', 'form-action', 'frame-ancestors', 'script-src'];

  /** The policy a browser applies to an HTML page: its header(s) and any <meta> policy. */
  async function policyOf(res: { headers(): Record<string, string>; text(): Promise<string> }): Promise<Map<string, string>> {
    const header = res.headers()['content-security-policy'] ?? '';
    const html = await res.text();
    const meta = /<meta http-equiv="content-security-policy" content="([^"]*)"/i.exec(html)?.[1] ?? '';
    const merged = directives(header.replace(/\n/g, ';'));
    for (const [k, v] of directives(meta.replace(/&#39;/g, "'"))) if (!merged.has(k)) merged.set(k, v);
    return merged;
  }

  test('static pages, /report/, thanks pages and re-rendered 400 form pages all carry frame-ancestors and form-action', async ({
    request,
  }) => {
    const pages = [
      await request.get('/'),
      await request.get('/report/'),
      await request.get('/report/thanks/?ref=R-AAAAAAAA'),
      await request.get('/volunteer/thanks/?ref=V-AAAAAAAA'),
      await request.post('/api/volunteers', { headers: FORM, data: 'name=&phone=1' }),
      await request.post('/api/reports', { headers: { ...FORM, Origin: 'https://evil.example' }, data: 'problem=x' }),
    ];
    for (const res of pages) {
      const policy = await policyOf(res);
      const where = res.url();
      for (const name of full) expect(policy.has(name), `${name} on ${where}`).toBe(true);
      expect(policy.get('frame-ancestors'), where).toBe("'none'");
      expect(policy.get('form-action'), where).toBe("'self'");
      expect(res.headers()['content-security-policy'], where).toContain("frame-ancestors 'none'");
    }
  });

  test('a page rendered on demand lists in its header only the hashes of its own inline scripts and styles, and they are all there', async ({
    request,
  }) => {
    for (const res of [await request.get('/report/'), await request.post('/api/volunteers', { headers: FORM, data: 'name=&phone=1' })]) {
      const header = res.headers()['content-security-policy'] ?? '';
      const html = await res.text();
      const own = inlineHashes(html);
      const listed = (name: string) =>
        (directives(header.replace(/\n/g, ';')).get(name) ?? '').split(/\s+/).filter((s) => s.startsWith("'sha"));
      expect(new Set(listed('script-src')), res.url()).toEqual(own.script);
      expect(new Set(listed('style-src')), res.url()).toEqual(own.style);
    }
  });
});

test.describe('HSTS', () => {
  test('the Node server sends Strict-Transport-Security only when SITE_URL is https', async ({ request }) => {
    test.slow();
    expect((await request.get('/')).headers()['strict-transport-security']).toBeUndefined();
    const server = await startTestServer({ SITE_URL: 'https://example.org.cn' });
    try {
      for (const route of ['/', '/report/', '/api/enrollments?course=x&session=y']) {
        const hsts = (await fetch(`${server.url}${route}`)).headers.get('strict-transport-security') ?? '';
        expect(hsts, route).toMatch(/max-age=\d{7,}/);
      }
    } finally {
      await server.stop();
    }
  });
});

test.describe('withdrawal deletes everything the site holds for the person', () => {
  test('phone plus any one code removes their sign-ups, enrolments and reports that give that phone; others stay', async ({ request }) => {
    const n = nextN();
    const phone = phoneOf(n);
    const first = await signUp(request, n);
    const second = await signUp(request, n, { name: '同一个人再登记' });
    const other = await signUp(request, nextN());
    const report = (await (
      await request.post('/api/reports', {
        data: {
          page: '/services/',
          problem: '电话不对',
          contact: `手机 ${phone.slice(0, 3)} ${phone.slice(3, 7)} ${phone.slice(7)}`,
          consent: true,
        },
      })
    ).json()) as { id: string };
    const anonymous = (await (await request.post('/api/reports', { data: { page: '/services/', problem: '地址不对' } })).json()) as {
      id: string;
    };

    const res = await request.post('/api/volunteers/withdraw', { data: { phone, ref: report.id } });
    expect(res.status()).toBe(200);
    const body = (await res.json()) as { ok: boolean; deleted: string; removed: Record<string, number> };
    // No enrolment here: this server's sessions are all samples, which take none. The same
    // withdrawal with an enrolment (and the waitlist moving up) is in forms-enrolment.spec.ts.
    expect(body).toMatchObject({ ok: true, deleted: report.id, removed: { volunteers: 2, enrollments: 0, reports: 1 } });
    for (const [kind, ref] of [
      ['volunteers', first],
      ['volunteers', second],
      ['reports', report.id],
    ] as const) {
      expect(await storedRow(shared, kind, ref), ref).toBeUndefined();
    }
    expect(await storedRow(shared, 'volunteers', other)).toBeDefined();
    expect(await storedRow(shared, 'reports', anonymous.id)).toBeDefined();
  });

  test('the withdrawal page, its done page and the privacy page say that everything under the number goes', async ({ request }) => {
    const page = await (await request.get('/volunteer/withdraw/')).text();
    expect(page).toContain('与这个手机号码有关的全部内容');
    expect(page).toContain('纠错报告');
    expect(page).toContain('以 R 开头');
    expect(await (await request.get('/volunteer/withdraw/done/')).text()).toContain('与这个手机号码有关的任何登记、报名和纠错报告');
    expect(await (await request.get('/privacy/')).text()).toContain('与这个手机号码有关的全部登记、报名和纠错报告');
  });
});

test.describe('fast submissions (issue #14, item 2)', () => {
  test('a fast sign-up is stored for review; a fast withdrawal really deletes; the honeypot still stores nothing', async () => {
    test.slow();
    const server = await startTestServer({ MIN_FILL_MS: '3000' });
    const post = (route: string, data: unknown) =>
      fetch(`${server.url}${route}`, { method: 'POST', headers: JSON_TYPE, body: JSON.stringify(data) });
    try {
      const n = nextN();
      const quick = await post('/api/volunteers', volunteerJson(n, { elapsedMs: 400, website: '' }));
      expect(quick.status).toBe(201);
      const { id } = (await quick.json()) as { id: string };
      expect(await storedRefs(server, 'volunteers')).toEqual([id]);
      expect((await storedRow(server, 'volunteers', id))?.['review']).toBe('fast');

      const gone = await post('/api/volunteers/withdraw', { phone: phoneOf(n), ref: id, elapsedMs: 200, website: '' });
      expect(gone.status).toBe(200);
      expect(await storedRefs(server, 'volunteers')).not.toContain(id);
      // A fast withdrawal of something that is not there is told so, not "deleted".
      const nothing = await post('/api/volunteers/withdraw', { phone: phoneOf(n), ref: id, elapsedMs: 200 });
      expect(nothing.status).toBe(400);

      const robot = await post('/api/volunteers', volunteerJson(nextN(), { website: 'http://spam.example', elapsedMs: 9000 }));
      expect(robot.status).toBe(201);
      const robotId = ((await robot.json()) as { id: string }).id;
      expect(await storedRefs(server, 'volunteers')).not.toContain(robotId);
    } finally {
      await server.stop();
    }
  });
});

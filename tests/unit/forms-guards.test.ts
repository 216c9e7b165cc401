import { describe, expect, it } from 'vitest';
import { looksAutomated, paramsToRecord, splitMeta } from '../../src/lib/forms/form-data.ts';
import { chinaTime } from '../../src/lib/china-time.ts';
import { csvCell, toCsv } from '../../src/lib/csv.ts';
import { newRefCode } from '../../src/lib/forms/ref-code.ts';
import { normalizeRefCode, REF_PATTERN, refKind } from '../../src/schemas/ref-code.ts';
import { isApiPath, withApiSlash } from '../../src/server/api-paths.ts';
import { clientKey } from '../../src/server/rate-limit.ts';
import { bodyKind, clientAddress, isCrossSite, readBody } from '../../src/server/request.ts';

const post = (headers: Record<string, string>, body?: string) =>
  new Request('http://localhost:4321/api/volunteers/', { method: 'POST', headers, ...(body === undefined ? {} : { body }) });

describe('rate limit keys', () => {
  it('counts IPv6 clients per /64 and unwraps IPv4-mapped addresses', () => {
    expect(clientKey('2001:db8:1:2:3:4:5:6')).toBe('2001:db8:1:2::/64');
    expect(clientKey('2001:db8:1:2::9')).toBe(clientKey('2001:db8:1:2:ffff::1'));
    expect(clientKey('::ffff:10.0.0.1')).toBe('10.0.0.1');
    expect(clientKey('::1')).toBe('0:0:0:0::/64');
    expect(clientKey(undefined)).toBe('unknown');
  });
});

describe('request checks', () => {
  it('knows the two accepted content types, and refuses other charsets', () => {
    expect(bodyKind(post({ 'content-type': 'application/x-www-form-urlencoded' }))).toBe('form');
    expect(bodyKind(post({ 'content-type': 'application/json; charset=UTF-8' }))).toBe('json');
    expect(bodyKind(post({ 'content-type': 'application/json; charset=gbk' }))).toBeUndefined();
    expect(bodyKind(post({ 'content-type': 'multipart/form-data; boundary=x' }))).toBeUndefined();
    expect(bodyKind(post({}))).toBeUndefined();
  });
  it('treats a foreign or opaque Origin as cross-site, and its own host (any scheme) or SITE_URL as same-site', () => {
    expect(isCrossSite(post({ origin: 'https://evil.example', host: 'localhost:4321' }), undefined)).toBe(true);
    expect(isCrossSite(post({ origin: 'null', host: 'localhost:4321' }), undefined)).toBe(true);
    expect(isCrossSite(post({ origin: 'http://localhost:4321', host: 'localhost:4321' }), undefined)).toBe(false);
    expect(isCrossSite(post({ origin: 'https://localhost:4321', host: 'localhost:4321' }), undefined)).toBe(false);
    expect(isCrossSite(post({ origin: 'https://anning.example', host: '127.0.0.1:4321' }), 'https://anning.example')).toBe(false);
    expect(isCrossSite(post({ 'sec-fetch-site': 'cross-site' }), undefined)).toBe(true);
    expect(isCrossSite(post({}), undefined)).toBe(false);
  });
  it('reads form and JSON bodies, refusing oversize, non-object and unreadable ones', async () => {
    expect(await readBody(post({ 'content-type': 'application/x-www-form-urlencoded' }, 'a=1&b=2&b=3'), 1024)).toEqual({
      ok: true,
      kind: 'form',
      data: { a: '1', b: ['2', '3'] },
      illFormed: [],
    });
    expect(await readBody(post({ 'content-type': 'application/json' }, '{"a":1}'), 1024)).toEqual({
      ok: true,
      kind: 'json',
      data: { a: 1 },
      illFormed: [],
    });
    expect(await readBody(post({ 'content-type': 'application/json' }, '[1]'), 1024)).toMatchObject({ ok: false, status: 400 });
    expect(await readBody(post({ 'content-type': 'application/json' }, '{'), 1024)).toMatchObject({ ok: false, status: 400 });
    expect(await readBody(post({ 'content-type': 'application/json' }, `{"a":"${'x'.repeat(2000)}"}`), 1024)).toMatchObject({
      ok: false,
      status: 413,
    });
    expect(await readBody(post({ 'content-type': 'text/plain' }, 'x'), 1024)).toMatchObject({ ok: false, status: 415 });
  });
  it('names the fields whose text is not valid Unicode, in JSON and in urlencoded bodies', async () => {
    const json = await readBody(
      post({ 'content-type': 'application/json' }, '{"a":"ok","b":"x\\ud800y","c":["\\udc00"],"d":"\\ud83d\\ude00"}'),
      1024,
    );
    expect(json).toMatchObject({ ok: true, illFormed: ['b', 'c'] });
    const form = await readBody(
      post({ 'content-type': 'application/x-www-form-urlencoded' }, 'a=%E5%A5%BD&b=%ED%A0%80&c=%FF&d=100%25&e=50%zz'),
      1024,
    );
    expect(form).toMatchObject({ ok: true, illFormed: ['b', 'c'] });
  });
  it('without Origin, judges a POST by its Referer: a foreign or unreadable one is cross-site', () => {
    expect(isCrossSite(post({ referer: 'https://evil.example/x', host: 'localhost:4321' }), undefined)).toBe(true);
    expect(isCrossSite(post({ referer: 'not a url', host: 'localhost:4321' }), undefined)).toBe(true);
    expect(isCrossSite(post({ referer: 'http://localhost:4321/report/', host: 'localhost:4321' }), undefined)).toBe(false);
    expect(isCrossSite(post({ referer: 'https://anning.example/volunteer/', host: '127.0.0.1:4321' }), 'https://anning.example')).toBe(
      false,
    );
    // Origin decides when both are there.
    expect(
      isCrossSite(post({ origin: 'http://localhost:4321', referer: 'https://evil.example/', host: 'localhost:4321' }), undefined),
    ).toBe(false);
  });
  it('uses X-Forwarded-For only behind a trusted proxy, and then its last entry', () => {
    const req = post({ 'x-forwarded-for': '1.1.1.1, 203.0.113.9' });
    expect(clientAddress(req, '127.0.0.1', false)).toBe('127.0.0.1');
    expect(clientAddress(req, '127.0.0.1', true)).toBe('203.0.113.9');
  });
  it('adds the slash API routes need, leaving files and query strings alone', () => {
    expect(withApiSlash('/api/volunteers')).toBe('/api/volunteers/');
    expect(withApiSlash('/api/enrollments?course=a')).toBe('/api/enrollments/?course=a');
    expect(withApiSlash('/api/export/volunteers.csv?q=1')).toBe('/api/export/volunteers.csv?q=1');
    expect(withApiSlash('/api/volunteers/')).toBe('/api/volunteers/');
    expect(isApiPath('/api/x')).toBe(true);
    expect(isApiPath('/apiary/')).toBe(false);
  });
});

describe('anti-spam extras', () => {
  it('takes the honeypot and fill time off the fields', () => {
    expect(splitMeta({ name: 'x', website: '', elapsedMs: '4200' })).toEqual({
      fields: { name: 'x' },
      meta: { honeypot: '', elapsedMs: 4200 },
    });
  });
  it('flags a filled honeypot, a too-fast or unreadable fill time, but not a missing one', () => {
    expect(looksAutomated({ honeypot: 'http://spam', elapsedMs: undefined }, 3000)).toBe(true);
    expect(looksAutomated({ honeypot: '', elapsedMs: 500 }, 3000)).toBe(true);
    expect(looksAutomated({ honeypot: '', elapsedMs: Number.NaN }, 3000)).toBe(true);
    expect(looksAutomated({ honeypot: '', elapsedMs: 5000 }, 3000)).toBe(false);
    expect(looksAutomated({ honeypot: '', elapsedMs: undefined }, 3000)).toBe(false);
    expect(looksAutomated(splitMeta({ elapsedMs: 'soon' }).meta, 3000)).toBe(true);
  });
  it('groups repeated form names into lists', () => {
    expect(paramsToRecord(new URLSearchParams('roles=a&roles=b&name=x'))).toEqual({ roles: ['a', 'b'], name: 'x' });
  });
});

describe('reference codes', () => {
  it('are random, well formed and typed by their letter', () => {
    const codes = new Set(Array.from({ length: 1000 }, () => newRefCode('volunteer')));
    expect(codes.size).toBe(1000);
    for (const code of codes) expect(code).toMatch(REF_PATTERN);
    expect(refKind(newRefCode('enrolment'))).toBe('enrolment');
    expect(normalizeRefCode('r abcd 2345')).toBe('R-ABCD2345');
    expect(normalizeRefCode('nonsense')).toBe('nonsense');
  });
});

describe('CSV for Excel', () => {
  it('starts with a BOM, uses CRLF, quotes when needed and defuses formulas', () => {
    const csv = toCsv(
      [{ header: '姓名', value: (r: { n: string }) => r.n }],
      [{ n: '林"小雨"' }, { n: '=HYPERLINK("x")' }, { n: '多\n行' }],
    );
    expect(csv.startsWith('\uFEFF姓名\r\n')).toBe(true);
    expect(csv).toContain('"林""小雨"""\r\n');
    expect(csv).toContain(`"'=HYPERLINK(""x"")"`);
    expect(csv).toContain('"多\n行"');
    expect(csvCell('-1')).toBe("'-1");
    expect(csvCell(-1)).toBe('-1');
    expect(csvCell(null)).toBe('');
  });

  it('shows stored times in China time to the minute', () => {
    expect(chinaTime('2026-11-22T10:30:00.000Z')).toBe('2026-11-22 18:30');
    expect(chinaTime('')).toBe('');
    expect(chinaTime(null)).toBe('');
    expect(chinaTime('不是时间')).toBe('不是时间');
  });
});

describe('configuration', () => {
  it('reads the form settings with safe defaults', async () => {
    const { formsConfig } = await import('../../src/server/config.ts');
    const defaults = formsConfig({});
    expect(defaults).toMatchObject({
      minFillMs: 3000,
      rateLimitPerMinute: 10,
      maxBodyBytes: 16384,
      retentionDays: 365,
      backupRetentionDays: 30,
      trustProxy: false,
    });
    expect(defaults.dataDir.endsWith('data')).toBe(true);
    // The token admin is retired: an ADMIN_TOKEN left in an operator's environment is ignored.
    expect(formsConfig({ ADMIN_TOKEN: '0123456789abcdef0123' })).toEqual(defaults);
    expect(formsConfig({ RATE_LIMIT_PER_MINUTE: 'lots', MIN_FILL_MS: '0', SITE_URL: 'https://anning.example/x' })).toMatchObject({
      rateLimitPerMinute: 10,
      minFillMs: 0,
      siteOrigin: 'https://anning.example',
    });
  });

  it('says honestly when the privacy controller is not configured, and versions the notice by its settings', async () => {
    const { privacySettings, NOTICE_DATE } = await import('../../src/lib/privacy.ts');
    const unset = privacySettings({});
    expect(unset).toMatchObject({ configured: false, controllerName: undefined, contact: undefined, retentionDays: 365 });
    const set = privacySettings({ PRIVACY_CONTROLLER_NAME: '某市卫生健康委员会', PRIVACY_CONTACT: 'privacy@example.org.cn' });
    expect(set.configured).toBe(true);
    expect(set.noticeVersion.startsWith(`${NOTICE_DATE}.`)).toBe(true);
    expect(set.noticeVersion).not.toBe(unset.noticeVersion);
    expect(privacySettings({ RETENTION_DAYS: '180' }).noticeVersion).not.toBe(unset.noticeVersion);
  });
});

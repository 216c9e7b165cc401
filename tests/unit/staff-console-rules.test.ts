/**
 * The console's small rules: where "next" may send a person after signing in, CSRF tokens,
 * what a username, mobile number and password must be, and the authenticator secret's form.
 */
import { describe, expect, it } from 'vitest';
import { isMobile, isValidUsername, normalizeMobile, normalizeUsername, passwordProblem } from '../../src/lib/network/account-rules.ts';
import { base32, groupSecret, otpauthUri } from '../../src/lib/network/totp-uri.ts';
import { safeNext } from '../../src/server/auth/console.ts';
import { csrfFor, csrfMatches } from '../../src/server/auth/csrf.ts';
import { staffSettings } from '../../src/server/auth/settings.ts';

describe('after signing in', () => {
  it('goes on to a console page only, never to another site', () => {
    expect(safeNext('/staff/people/sample-330106/?done=1')).toBe('/staff/people/sample-330106/?done=1');
    for (const bad of [
      null,
      undefined,
      '',
      'https://evil.example/',
      '//evil.example/staff/',
      '/\\evil.example',
      '/services/',
      '/staff/../admin/',
      ' /staff/',
      'javascript:alert(1)',
    ])
      expect(safeNext(bad), String(bad)).toBe('/staff/');
  });
});

describe('CSRF tokens', () => {
  const settings = staffSettings({});
  const request = (cookie?: string) => new Request('http://localhost/staff/', cookie === undefined ? {} : { headers: { cookie } });

  it('come with a cookie to set when the browser has none, and match that cookie', () => {
    const first = csrfFor(settings, request());
    expect(first.cookie).toMatch(/^staff\.csrf=[A-Za-z0-9_-]{43}; Path=\/staff\/; HttpOnly; SameSite=Strict$/);
    const cookie = (first.cookie ?? '').split(';')[0] ?? '';
    expect(csrfMatches(settings, request(cookie), first.token)).toBe(true);
    expect(csrfFor(settings, request(cookie))).toEqual({ token: first.token, cookie: undefined });
  });

  it('are refused without the cookie, with another browser’s cookie, or from another session', () => {
    const { token, cookie = '' } = csrfFor(settings, request());
    const pair = cookie.split(';')[0] ?? '';
    expect(csrfMatches(settings, request(), token)).toBe(false);
    expect(csrfMatches(settings, request(`staff.csrf=${'x'.repeat(43)}`), token)).toBe(false);
    expect(csrfMatches(settings, request(`${pair}; staff.session_token=abc.def`), token)).toBe(false);
    expect(csrfMatches(settings, request(pair), undefined)).toBe(false);
    expect(csrfMatches(staffSettings({ SITE_URL: 'https://example.org.cn' }), request(pair), token)).toBe(false);
  });
});

describe('the console’s secret', () => {
  it('is required on a public site, and a development one stands in elsewhere', () => {
    expect(staffSettings({ SITE_URL: 'https://example.org.cn' }).secret).toBeUndefined();
    expect(staffSettings({ NODE_ENV: 'production' }).disabledReason).toMatch(/BETTER_AUTH_SECRET/);
    expect(staffSettings({ SITE_URL: 'https://example.org.cn', AUTH_SECRET: 'short' }).secret).toBeUndefined();
    const good = 'a'.repeat(40);
    expect(staffSettings({ SITE_URL: 'https://example.org.cn', BETTER_AUTH_SECRET: good })).toMatchObject({
      secret: good,
      secureCookies: true,
    });
    expect(staffSettings({})).toMatchObject({ developmentSecret: true, secureCookies: false, idleSeconds: 1800, absoluteSeconds: 43_200 });
    expect(staffSettings({ STAFF_IDLE_MINUTES: '10', STAFF_SESSION_HOURS: '2' })).toMatchObject({
      idleSeconds: 600,
      absoluteSeconds: 7200,
    });
  });
});

describe('account rules', () => {
  it('take Chinese usernames, full-width letters, any case', () => {
    expect(normalizeUsername(' ＷａｎｇJL ')).toBe('wangjl');
    expect(isValidUsername('王芳')).toBe(true);
    expect(isValidUsername('li.fang-2')).toBe(true);
    for (const bad of ['王', 'a b', '-start', '13800138000', 'x'.repeat(31), 'name@example'])
      expect(isValidUsername(normalizeUsername(bad)), bad).toBe(false);
  });

  it('read a mobile number written with spaces, dashes or +86', () => {
    for (const typed of ['13800138000', '138 0013 8000', '138-0013-8000', '+86 138 0013 8000', '８６１３８００１３８０００'])
      expect(isMobile(normalizeMobile(typed)), typed).toBe(true);
    expect(isMobile(normalizeMobile('12800138000'))).toBe(false);
  });

  it('want passwords of 12 to 128 characters that do not contain the username', () => {
    expect(passwordProblem('short pass')).toBe('too-short');
    expect(passwordProblem('x'.repeat(129))).toBe('too-long');
    expect(passwordProblem('wangjl-2026-pass', 'WangJL')).toBe('is-username');
    expect(passwordProblem('四个汉字也可以再加点东西吧', '王芳')).toBeUndefined();
  });
});

describe('the authenticator secret', () => {
  it('is RFC 4648 Base32, shown in fours, inside an otpauth link', () => {
    expect(base32(new TextEncoder().encode('foobar'))).toBe('MZXW6YTBOI');
    expect(base32(new TextEncoder().encode('f'))).toBe('MY');
    expect(groupSecret('MZXW6YTBOI')).toBe('MZXW 6YTB OI');
    expect(otpauthUri('安宁疗护服务网', '王芳', 'MZXW6YTBOI')).toBe(
      'otpauth://totp/%E5%AE%89%E5%AE%81%E7%96%97%E6%8A%A4%E6%9C%8D%E5%8A%A1%E7%BD%91:%E7%8E%8B%E8%8A%B3?secret=MZXW6YTBOI&issuer=%E5%AE%89%E5%AE%81%E7%96%97%E6%8A%A4%E6%9C%8D%E5%8A%A1%E7%BD%91&digits=6&period=30',
    );
  });
});

/**
 * Signing in against a real database, on each engine: passwords, the throttle with its
 * device cookie, two-step sign-in with codes computed as an app would, sessions' idle and
 * absolute limits, and what the audit log keeps (never the typed text).
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { lookUpSession } from '../../src/server/auth/session.ts';
import { staffSettings } from '../../src/server/auth/settings.ts';
import { signInWithCode, signInWithPassword, type SignInOutcome } from '../../src/server/auth/sign-in.ts';
import { SIGN_IN_LIMITS } from '../../src/server/auth/throttle.ts';
import { confirmSetup, startSetup } from '../../src/server/auth/two-factor.ts';
import { freshDb, testEngines, type TestDb } from './staff-engines.ts';
import { Jar, makeStaff, totp } from './staff-test-kit.ts';

// Every attempt costs a password hash (scrypt), on purpose.
vi.setConfig({ testTimeout: 60_000 });

const settings = staffSettings({});
const PASSWORD = 'correct horse battery';

async function signIn(t: TestDb, jar: Jar, identifier: string, password: string, address = '192.0.2.1'): Promise<SignInOutcome> {
  const outcome = await signInWithPassword(t.db, settings, jar.request(), address, { identifier, password });
  if (outcome.kind === 'signed-in' || outcome.kind === 'needs-code') jar.take(outcome.cookies);
  return outcome;
}

describe.each(testEngines())('signing in on %s', (engine) => {
  let t: TestDb;
  let managerId: string;
  beforeAll(async () => {
    t = await freshDb(engine);
    managerId = await makeStaff(t.db, '王芳', PASSWORD, { role: 'manager', institution: 'zj-xihu' }, '13800138000');
  });
  afterAll(async () => {
    await t.close();
  });

  it('by username (any case, full-width) or by mobile number, into a session with the grants', async () => {
    for (const identifier of ['王芳', ' 王芳 ', '138 0013 8000', '+8613800138000']) {
      const jar = new Jar();
      const outcome = await signIn(t, jar, identifier, PASSWORD);
      expect(outcome.kind, identifier).toBe('signed-in');
      const found = await lookUpSession(t.db, settings, jar.request());
      expect(found.kind).toBe('signed-in');
      if (found.kind !== 'signed-in') return;
      expect(found.session.principal).toMatchObject({
        userId: managerId,
        displayName: '王芳',
        grants: [{ role: 'manager', institution: 'zj-xihu' }],
      });
    }
  });

  it('refuses a wrong password and an unknown name alike, and logs neither typed text', async () => {
    const wrong = await signIn(t, new Jar(), '王芳', 'not the password at all', '192.0.2.50');
    const unknown = await signIn(t, new Jar(), 'nobody-here', 'not the password at all', '192.0.2.51');
    expect(wrong).toEqual({ kind: 'refused' });
    expect(unknown).toEqual({ kind: 'refused' });
    const log = await t.db.kysely.selectFrom('audit_log').selectAll().where('action', '=', 'auth.sign-in-failed').execute();
    expect(log.map((r) => [r.actor, r.outcome])).toEqual(
      expect.arrayContaining([
        [managerId, 'bad-password'],
        ['anonymous', 'no-such-account'],
      ]),
    );
    expect(JSON.stringify(log)).not.toMatch(/nobody-here|not the password/);
  });

  it('throttles guessing at an account, but the browser that signed in before still gets in', async () => {
    const victimId = await makeStaff(t.db, 'victim', PASSWORD, { role: 'staff', institution: 'zj-xihu' });
    const rightful = new Jar();
    expect((await signIn(t, rightful, 'victim', PASSWORD, '198.51.100.7')).kind).toBe('signed-in');

    // Guesses from ever new browsers and addresses: refused, until the account's allowance for
    // unknown browsers (which counted the rightful sign-in too) is spent.
    const outcomes: string[] = [];
    for (let i = 0; i < SIGN_IN_LIMITS.account.limit; i++)
      outcomes.push((await signIn(t, new Jar(), 'victim', `guess number ${i}!`, `203.0.113.${i}`)).kind);
    expect(outcomes.slice(0, -1).every((k) => k === 'refused')).toBe(true);
    // Even the right password is refused now, from anywhere new.
    const blocked = await signIn(t, new Jar(), 'victim', PASSWORD, '203.0.113.200');
    expect(blocked.kind).toBe('throttled');
    if (blocked.kind === 'throttled') expect(blocked.retryAfterSeconds).toBeGreaterThan(0);
    // The rightful browser holds a device cookie for the account: its own allowance.
    const again = await signIn(t, rightful, 'victim', PASSWORD, '198.51.100.7');
    expect(again.kind).toBe('signed-in');
    const log = await t.db.kysely
      .selectFrom('audit_log')
      .select(['actor', 'outcome'])
      .where('actor', '=', victimId)
      .where('outcome', '=', 'throttled')
      .execute();
    expect(log.length).toBeGreaterThanOrEqual(1);
  });

  it('throttles an unknown name exactly like a real one (the throttle tells nothing either)', async () => {
    for (let i = 0; i < SIGN_IN_LIMITS.account.limit; i++)
      await signIn(t, new Jar(), 'ghost-account', 'whatever password', `203.0.114.${i}`);
    expect((await signIn(t, new Jar(), 'ghost-account', 'whatever password', '203.0.114.250')).kind).toBe('throttled');
  });

  it('throttles one address guessing at many accounts', async () => {
    let last: SignInOutcome | undefined;
    for (let i = 0; i <= SIGN_IN_LIMITS.address.limit; i++)
      last = await signIn(t, new Jar(), `name${i}`, 'whatever password', '192.0.2.99');
    expect(last?.kind).toBe('throttled');
  });

  it('asks for a code once two-step sign-in is on, and takes an app code or a recovery code (once)', async () => {
    await makeStaff(t.db, 'commissioner', PASSWORD, { role: 'commission', region: '330100' });
    const jar = new Jar();
    expect((await signIn(t, jar, 'commissioner', PASSWORD)).kind).toBe('signed-in');
    const found = await lookUpSession(t.db, settings, jar.request());
    if (found.kind !== 'signed-in') throw new Error('no session');
    const principal = found.session.principal;
    expect(principal.twoFactorEnabled).toBe(false);

    expect(await startSetup(t.db, settings, jar.request(), principal, 'wrong password!!')).toMatchObject({
      ok: false,
      reason: 'bad-password',
    });
    const started = await startSetup(t.db, settings, jar.request(), principal, PASSWORD);
    if (!started.ok) throw new Error(started.reason);
    expect(started.setup.uri).toContain('otpauth://totp/');
    expect(await confirmSetup(t.db, settings, jar.request(), principal, '000000')).toMatchObject({ ok: false, reason: 'bad-code' });
    const confirmed = await confirmSetup(t.db, settings, jar.request(), principal, totp(started.setup.secret));
    if (!confirmed.ok) throw new Error(confirmed.reason);
    expect(confirmed.recoveryCodes).toHaveLength(10);
    expect(confirmed.recoveryCodes[0]).toMatch(/^[2-9a-z]{5}-[2-9a-z]{5}$/);

    const browser = new Jar();
    expect((await signIn(t, browser, 'commissioner', PASSWORD)).kind).toBe('needs-code');
    expect((await lookUpSession(t.db, settings, browser.request())).kind).toBe('none');
    expect(await signInWithCode(t.db, settings, browser.request(), 'totp', '123456')).toEqual({ kind: 'refused' });
    const viaApp = await signInWithCode(t.db, settings, browser.request(), 'totp', totp(started.setup.secret));
    expect(viaApp.kind).toBe('signed-in');
    if (viaApp.kind === 'signed-in') browser.take(viaApp.cookies);
    expect((await lookUpSession(t.db, settings, browser.request())).kind).toBe('signed-in');

    const recovery = confirmed.recoveryCodes[1] ?? '';
    const typed = recovery.toUpperCase().replace('-', ' ');
    const other = new Jar();
    await signIn(t, other, 'commissioner', PASSWORD);
    expect((await signInWithCode(t.db, settings, other.request(), 'recovery', typed)).kind).toBe('signed-in');
    const third = new Jar();
    await signIn(t, third, 'commissioner', PASSWORD);
    expect(await signInWithCode(t.db, settings, third.request(), 'recovery', recovery)).toEqual({ kind: 'refused' });
  });

  it('keeps a session in use, ends one left idle, and ends any past its absolute lifetime', async () => {
    const idle = { ...settings, idleSeconds: 2 };
    const signInIdle = async (jar: Jar) => {
      const outcome = await signInWithPassword(t.db, idle, jar.request(), '192.0.2.3', { identifier: '王芳', password: PASSWORD });
      if (outcome.kind === 'signed-in') jar.take(outcome.cookies);
    };
    const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
    const busy = new Jar();
    await signInIdle(busy);
    for (let i = 0; i < 3; i++) {
      await pause(1200);
      const found = await lookUpSession(t.db, idle, busy.request());
      expect(found.kind).toBe('signed-in');
      if (found.kind === 'signed-in') busy.take(found.session.cookies);
    }
    const later = Date.now() + idle.absoluteSeconds * 1000 + 1000;
    expect((await lookUpSession(t.db, idle, busy.request(), later)).kind).toBe('expired');
    expect((await lookUpSession(t.db, idle, busy.request())).kind).toBe('none');

    const idleJar = new Jar();
    await signInIdle(idleJar);
    await pause(2500);
    expect((await lookUpSession(t.db, idle, idleJar.request())).kind).toBe('none');
  });
});

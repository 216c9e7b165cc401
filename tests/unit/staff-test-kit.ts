/**
 * Small tools for the staff tests: a cookie jar that plays a browser, TOTP codes as an
 * authenticator app computes them (tests/e2e/totp.ts), and a staff account made the way
 * staff:add makes one.
 */
import type { StaffGrant } from '../../src/lib/network/roles.ts';
import { checkNewAccount, hashNewPassword, insertAccount } from '../../src/server/auth/accounts.ts';
import { addGrant } from '../../src/server/auth/grants.ts';
import type { Db } from '../../src/server/db/connect.ts';
import { inTransaction } from '../../src/server/db/transaction.ts';

export { totp } from '../e2e/totp.ts';

/** A browser's cookies: takes Set-Cookie lines, gives a Cookie header. */
export class Jar {
  private readonly cookies = new Map<string, string>();
  take(lines: readonly string[]): this {
    for (const line of lines) {
      const [pair = ''] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (/max-age=0/i.test(line) || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return this;
  }
  has(name: string): boolean {
    return this.cookies.has(name);
  }
  request(path = '/staff/', init: RequestInit = {}): Request {
    const headers = new Headers(init.headers);
    if (this.cookies.size > 0) headers.set('cookie', [...this.cookies].map(([n, v]) => `${n}=${v}`).join('; '));
    return new Request(`http://localhost:4321${path}`, { ...init, headers });
  }
}

/** Makes an account with one grant; returns its id. */
export async function makeStaff(db: Db, username: string, password: string, grant: StaffGrant, mobile = ''): Promise<string> {
  const checked = await checkNewAccount(db, { username, displayName: username, mobile, password });
  if (!checked.ok) throw new Error(JSON.stringify(checked.problems));
  const hash = await hashNewPassword(password);
  return inTransaction(db, async (tx) => {
    const id = await insertAccount(tx, checked.account, hash);
    await addGrant(tx, id, grant, 'system');
    return id;
  });
}

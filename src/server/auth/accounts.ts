/**
 * Staff accounts in the authentication library's tables: creating one (staff:add, an
 * accepted invitation), finding one by username or mobile number, setting a password
 * after a reset, and ending a person's sessions. Written with our own queries so an
 * account, its first grant and the audit entry are made in one transaction.
 */
import { generateId } from 'better-auth';
import { hashPassword } from 'better-auth/crypto';
import type { UiKey } from '../../i18n/index.ts';
import {
  cleanDisplayName,
  isMobile,
  isValidUsername,
  normalizeMobile,
  normalizeUsername,
  passwordProblem,
} from '../../lib/network/account-rules.ts';
import type { AccountSummary } from '../../lib/network/people.ts';
import type { Conn } from '../db/transaction.ts';

export interface AccountInput {
  readonly username: string;
  readonly displayName: string;
  /** Optional: empty for none. */
  readonly mobile: string;
  readonly password: string;
}

/** An account ready to insert: everything normalised and checked. */
export interface CleanAccount {
  readonly username: string;
  readonly displayUsername: string;
  readonly displayName: string;
  readonly mobile: string | undefined;
  readonly password: string;
}

export type AccountField = 'username' | 'displayName' | 'mobile' | 'password';
export type FieldProblems<F extends string> = Partial<Record<F, UiKey>>;

const PASSWORD_PROBLEM: Record<NonNullable<ReturnType<typeof passwordProblem>>, UiKey> = {
  'too-short': 'staff.error.passwordShort',
  'too-long': 'staff.error.passwordLong',
  'is-username': 'staff.error.passwordIsUsername',
};

/** Why a new password is refused (an i18n key), or undefined. */
export function passwordError(password: string, username?: string): UiKey | undefined {
  const problem = passwordProblem(password, username);
  return problem === undefined ? undefined : PASSWORD_PROBLEM[problem];
}

/**
 * The library's password hash (scrypt; instance.ts sets no other). Hash before opening a
 * transaction: it takes a tenth of a second, and SQLite has one writer.
 */
export function hashNewPassword(password: string): Promise<string> {
  return hashPassword(password);
}

/** Checks a new account's fields, including that the username and mobile number are free. */
export async function checkNewAccount(
  db: Conn,
  input: AccountInput,
): Promise<{ ok: true; account: CleanAccount } | { ok: false; problems: FieldProblems<AccountField> }> {
  const problems: FieldProblems<AccountField> = {};
  const username = normalizeUsername(input.username);
  const displayName = cleanDisplayName(input.displayName);
  const mobile = input.mobile.trim() === '' ? undefined : normalizeMobile(input.mobile);
  if (!isValidUsername(username)) problems.username = 'staff.error.usernameInvalid';
  else if ((await findByUsername(db, username)) !== undefined) problems.username = 'staff.error.usernameTaken';
  if (displayName === undefined) problems.displayName = 'staff.error.nameInvalid';
  if (mobile !== undefined) {
    if (!isMobile(mobile)) problems.mobile = 'staff.error.mobileInvalid';
    else if ((await findByMobile(db, mobile)) !== undefined) problems.mobile = 'staff.error.mobileTaken';
  }
  const passwordKey = passwordError(input.password, username);
  if (passwordKey !== undefined) problems.password = passwordKey;
  if (Object.keys(problems).length > 0 || displayName === undefined) return { ok: false, problems };
  return {
    ok: true,
    account: { username, displayUsername: input.username.normalize('NFKC').trim(), displayName, mobile, password: input.password },
  };
}

/**
 * Inserts the account (user and password) and returns its id. The library needs an email
 * address: <id>@staff.invalid (.invalid is reserved, RFC 2606, so it can never reach anyone).
 * A username or mobile number taken meanwhile fails on the unique index: the caller's
 * transaction is rolled back.
 */
export async function insertAccount(tx: Conn, account: CleanAccount, passwordHash: string, now = new Date()): Promise<string> {
  const id = generateId(32);
  const at = now.toISOString();
  await tx.kysely
    .insertInto('staff_user')
    .values({
      id,
      name: account.displayName,
      email: `${id.toLowerCase()}@staff.invalid`,
      email_verified: false,
      image: null,
      created_at: at,
      updated_at: at,
      username: account.username,
      display_username: account.displayUsername,
      two_factor_enabled: false,
      mobile: account.mobile ?? null,
    })
    .execute();
  await tx.kysely
    .insertInto('staff_account')
    .values({
      id: generateId(32),
      account_id: id,
      provider_id: 'credential',
      user_id: id,
      password: passwordHash,
      created_at: at,
      updated_at: at,
    })
    .execute();
  return id;
}

export interface AccountRef {
  readonly id: string;
  readonly username: string;
}

async function findByUsername(db: Conn, username: string): Promise<AccountRef | undefined> {
  const row = await db.kysely.selectFrom('staff_user').select(['id', 'username']).where('username', '=', username).executeTakeFirst();
  return row?.username == null ? undefined : { id: row.id, username: row.username };
}

async function findByMobile(db: Conn, mobile: string): Promise<AccountRef | undefined> {
  const row = await db.kysely.selectFrom('staff_user').select(['id', 'username']).where('mobile', '=', mobile).executeTakeFirst();
  return row?.username == null ? undefined : { id: row.id, username: row.username };
}

/** The account a typed username or mobile number names, if any. */
export async function findAccount(db: Conn, typed: string): Promise<AccountRef | undefined> {
  const mobile = normalizeMobile(typed);
  if (isMobile(mobile)) return findByMobile(db, mobile);
  const username = normalizeUsername(typed);
  return isValidUsername(username) ? findByUsername(db, username) : undefined;
}

/** Sets a new password (after a reset link) and ends every session of the person. */
export async function setPassword(tx: Conn, userId: string, passwordHash: string, now = new Date()): Promise<void> {
  await tx.kysely
    .updateTable('staff_account')
    .set({ password: passwordHash, updated_at: now.toISOString() })
    .where('user_id', '=', userId)
    .where('provider_id', '=', 'credential')
    .execute();
  await endSessions(tx, userId);
}

/** Turns two-step sign-in off (a reset for someone who lost their phone and recovery codes). */
export async function clearTwoFactor(tx: Conn, userId: string, now = new Date()): Promise<void> {
  await tx.kysely.deleteFrom('staff_two_factor').where('user_id', '=', userId).execute();
  await tx.kysely
    .updateTable('staff_user')
    .set({ two_factor_enabled: false, updated_at: now.toISOString() })
    .where('id', '=', userId)
    .execute();
}

/** Ends every session of a person, on every server node (sessions live in the database). */
export async function endSessions(db: Conn, userId: string): Promise<number> {
  const result = await db.kysely.deleteFrom('staff_session').where('user_id', '=', userId).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Names and usernames of some accounts, for the people lists (no mobile numbers: nobody there needs them). */
export async function accountSummaries(db: Conn, ids: readonly string[]): Promise<Map<string, AccountSummary>> {
  if (ids.length === 0) return new Map();
  const rows = await db.kysely
    .selectFrom('staff_user')
    .select(['id', 'name', 'username', 'display_username', 'two_factor_enabled'])
    .where('id', 'in', [...ids])
    .execute();
  return new Map(
    rows.map((r) => [
      r.id,
      {
        id: r.id,
        username: r.display_username ?? r.username ?? '',
        displayName: r.name,
        twoFactorEnabled: r.two_factor_enabled === true || r.two_factor_enabled === 1,
      },
    ]),
  );
}

/**
 * The authentication library (Better Auth) on the site's own database: the same Kysely
 * instance as everything else, its tables made by our migration 0004 (named staff_* with
 * snake_case columns like the rest of the schema).
 *
 * Only its server-side API is used, from the console pages: no /api/auth/* route is
 * mounted, so every sign-in goes through our throttle and audit log (sign-in.ts) and
 * nobody can sign up. Its own rate limiter stays off: it counts per process unless given
 * a table, and keys clients by a header anyone can forge; ours is in throttle.ts.
 *
 * Plugins: username (sign-in by username; Chinese names allowed) and two-factor (TOTP with
 * recovery codes). Roles and institutions are our own grants table (grants.ts), not the
 * organization plugin: a commission grant is scoped to a region, which is no organization;
 * the registry's institutions live in content files, not in a table of organizations; and
 * the plugin's invitations go to email addresses, which staff here do not give.
 */
import { betterAuth, type BetterAuthOptions } from 'better-auth';
import { twoFactor, username } from 'better-auth/plugins';
import { randomInt } from 'node:crypto';
import type { Db } from '../db/connect.ts';
import {
  isValidUsername,
  normalizeUsername,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  USERNAME_MAX_LENGTH,
  USERNAME_MIN_LENGTH,
} from '../../lib/network/account-rules.ts';
import type { StaffSettings } from './settings.ts';

/** Shown in authenticator apps beside the code. */
export const TOTP_ISSUER = '安宁疗护服务网';
/** Cookie names start with this (staff.session_token, staff.two_factor …). */
export const COOKIE_PREFIX = 'staff';
/** Staff cookies go only to the console's pages, never to the public site. */
export const COOKIE_PATH = '/staff/';

/**
 * Recovery codes: ten of 4+4+2 characters from an alphabet without look-alikes (no 0/o,
 * 1/l/i), lower case, so an elder can read them off paper and type them. About 49 bits each,
 * single use, and guessing is throttled.
 */
const RECOVERY_ALPHABET = '23456789abcdefghjkmnpqrstuvwxyz';
export function newRecoveryCodes(): string[] {
  return Array.from({ length: 10 }, () => {
    const raw = Array.from({ length: 10 }, () => RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)]).join('');
    return `${raw.slice(0, 5)}-${raw.slice(5)}`;
  });
}

/** The tables' names and columns (also read by the migration test). */
export const AUTH_SCHEMA = {
  user: {
    modelName: 'staff_user',
    fields: { emailVerified: 'email_verified', createdAt: 'created_at', updatedAt: 'updated_at' },
  },
  session: {
    modelName: 'staff_session',
    fields: {
      expiresAt: 'expires_at',
      createdAt: 'created_at',
      updatedAt: 'updated_at',
      ipAddress: 'ip_address',
      userAgent: 'user_agent',
      userId: 'user_id',
    },
  },
  account: {
    modelName: 'staff_account',
    fields: {
      accountId: 'account_id',
      providerId: 'provider_id',
      userId: 'user_id',
      accessToken: 'access_token',
      refreshToken: 'refresh_token',
      idToken: 'id_token',
      accessTokenExpiresAt: 'access_token_expires_at',
      refreshTokenExpiresAt: 'refresh_token_expires_at',
      createdAt: 'created_at',
      updatedAt: 'updated_at',
    },
  },
  verification: {
    modelName: 'staff_verification',
    fields: { expiresAt: 'expires_at', createdAt: 'created_at', updatedAt: 'updated_at' },
  },
} as const;

/** The library's options for `db` with `settings` (exported for the migration test). */
export function authOptions(db: Pick<Db, 'engine' | 'kysely'>, settings: StaffSettings) {
  return {
    appName: TOTP_ISSUER,
    baseURL: settings.baseUrl,
    secret: settings.secret ?? 'console-disabled-no-secret-0123456789',
    database: { db: db.kysely, type: db.engine },
    telemetry: { enabled: false },
    logger: { level: 'error' },
    emailAndPassword: {
      enabled: true,
      disableSignUp: true,
      minPasswordLength: PASSWORD_MIN_LENGTH,
      maxPasswordLength: PASSWORD_MAX_LENGTH,
    },
    user: {
      ...AUTH_SCHEMA.user,
      // Staff give no email: the library needs one, so each account has <id>@staff.invalid.
      additionalFields: { mobile: { type: 'string', required: false, unique: true, input: false } },
    },
    session: {
      ...AUTH_SCHEMA.session,
      // Idle timeout: a session lives expiresIn past its last refresh, refreshed at most
      // every updateAge while in use. The absolute lifetime is checked in session.ts.
      expiresIn: settings.idleSeconds,
      updateAge: Math.min(300, Math.floor(settings.idleSeconds / 6)),
      freshAge: 0,
      cookieCache: { enabled: false },
    },
    account: { ...AUTH_SCHEMA.account, accountLinking: { enabled: false } },
    verification: AUTH_SCHEMA.verification,
    rateLimit: { enabled: false },
    advanced: {
      useSecureCookies: settings.secureCookies,
      cookiePrefix: COOKIE_PREFIX,
      defaultCookieAttributes: { sameSite: 'lax', httpOnly: true, path: COOKIE_PATH },
      // Addresses are personal data and the sessions need none.
      ipAddress: { disableIpTracking: true },
    },
    plugins: [
      username({
        minUsernameLength: USERNAME_MIN_LENGTH,
        maxUsernameLength: USERNAME_MAX_LENGTH,
        usernameNormalization: normalizeUsername,
        validationOrder: { username: 'post-normalization' },
        usernameValidator: isValidUsername,
        schema: { user: { fields: { displayUsername: 'display_username' } } },
      }),
      twoFactor({
        issuer: TOTP_ISSUER,
        backupCodeOptions: { customBackupCodesGenerate: newRecoveryCodes },
        schema: {
          user: { fields: { twoFactorEnabled: 'two_factor_enabled' } },
          twoFactor: {
            modelName: 'staff_two_factor',
            fields: {
              backupCodes: 'backup_codes',
              userId: 'user_id',
              failedVerificationCount: 'failed_verification_count',
              lockedUntil: 'locked_until',
            },
          },
        },
      }),
    ],
  } satisfies BetterAuthOptions;
}

function createAuth(db: Db, settings: StaffSettings) {
  return betterAuth(authOptions(db, settings));
}

export type StaffAuth = ReturnType<typeof createAuth>;

const instances = new WeakMap<Db, { key: string; auth: StaffAuth }>();

/** The library on `db`, made once per database handle and settings. */
export function staffAuth(db: Db, settings: StaffSettings): StaffAuth {
  const key = JSON.stringify(settings);
  const known = instances.get(db);
  if (known?.key === key) return known.auth;
  const auth = createAuth(db, settings);
  instances.set(db, { key, auth });
  return auth;
}

/**
 * The staff console's run-time settings, from environment variables (docs/staff.md):
 *
 * - BETTER_AUTH_SECRET (or AUTH_SECRET): signs the session cookies and encrypts the
 *   two-factor secrets and recovery codes. Required on a public site: when SITE_URL is
 *   https or NODE_ENV=production the console refuses to run without one. Elsewhere (a
 *   developer's machine, the tests) a fixed development secret stands in, said in one line.
 *   Changing it signs everyone out and makes every two-factor setup unreadable.
 * - STAFF_IDLE_MINUTES (30): a session unused this long ends.
 * - STAFF_SESSION_HOURS (12): a session ends this long after sign-in, however busy.
 * Read on each call so tests and scripts can set them per process.
 */
import { formsConfig } from '../config.ts';

export const SECRET_MIN_LENGTH = 32;
/** Known to everyone: only for a site that is not public (no https SITE_URL, not production). */
const DEVELOPMENT_SECRET = 'development-only-secret-never-use-on-a-public-site';

export interface StaffSettings {
  /** undefined: the console is switched off (a public site without a secret). */
  readonly secret: string | undefined;
  /** True when the development secret stands in. */
  readonly developmentSecret: boolean;
  /** Why the console is off, in one line for the log and the page; undefined when on. */
  readonly disabledReason: string | undefined;
  /** The site's public origin: SITE_URL, else the local address. */
  readonly baseUrl: string;
  /** Cookies marked Secure: the site is reached over https. */
  readonly secureCookies: boolean;
  readonly idleSeconds: number;
  readonly absoluteSeconds: number;
  readonly trustProxy: boolean;
  readonly siteOrigin: string | undefined;
}

function positive(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return value !== undefined && value.trim() !== '' && Number.isFinite(n) && n > 0 ? n : fallback;
}

export function staffSettings(env: NodeJS.ProcessEnv = process.env): StaffSettings {
  const { siteOrigin, trustProxy } = formsConfig(env);
  const https = siteOrigin?.startsWith('https:') === true;
  const production = https || env['NODE_ENV'] === 'production';
  const given = (env['BETTER_AUTH_SECRET'] ?? env['AUTH_SECRET'])?.trim();
  let secret: string | undefined;
  let disabledReason: string | undefined;
  if (given !== undefined && given !== '') {
    if (given.length >= SECRET_MIN_LENGTH) secret = given;
    else disabledReason = `BETTER_AUTH_SECRET 太短（至少 ${SECRET_MIN_LENGTH} 个字符），工作人员后台已停用。`;
  } else if (production) {
    disabledReason = '没有设置 BETTER_AUTH_SECRET，公开网站的工作人员后台已停用（见 docs/staff.md）。';
  } else {
    secret = DEVELOPMENT_SECRET;
  }
  return {
    secret,
    developmentSecret: secret === DEVELOPMENT_SECRET,
    disabledReason,
    baseUrl: siteOrigin ?? 'http://localhost:4321',
    secureCookies: https,
    idleSeconds: Math.round(positive(env['STAFF_IDLE_MINUTES'], 30) * 60),
    absoluteSeconds: Math.round(positive(env['STAFF_SESSION_HOURS'], 12) * 3600),
    trustProxy,
    siteOrigin,
  };
}

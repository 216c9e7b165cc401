/**
 * Staff access to the admin API: `Authorization: Bearer <ADMIN_TOKEN>`. Without a token
 * configured the admin API does not exist (404). Tokens are compared as SHA-256 digests
 * with timingSafeEqual, so neither length nor content leaks through timing. Failed
 * attempts are rate-limited per client and logged without personal data; a correct token
 * is never refused.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { RateLimiter } from './rate-limit.ts';

export type AdminCheck =
  { readonly ok: true } | { readonly ok: false; readonly status: 404 | 401 | 429; readonly retryAfterSeconds?: number };

/** Ten failed attempts per client per quarter hour. */
const failures = new RateLimiter(10, 15 * 60_000, 10_000);

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest();

/** Constant-time comparison of a presented token with the configured one. */
export function tokenMatches(presented: string, expected: string): boolean {
  return timingSafeEqual(sha256(presented), sha256(expected));
}

/** The token from an `Authorization: Bearer …` header, or undefined. */
export function bearerToken(header: string | null): string | undefined {
  const match = /^Bearer[ ]+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1];
}

// A per-process secret, so log lines can tell repeated attempts from one client apart
// without writing down its address.
const logSalt = randomBytes(16);
const pseudonym = (client: string) => createHmac('sha256', logSalt).update(client).digest('hex').slice(0, 10);

/**
 * Decides whether a request may use the admin API.
 * @param client the rate-limit key of the caller (see clientKey)
 * @param what method and path, for the log line (no query string: it may hold a search)
 */
export function checkAdmin(request: Request, adminToken: string | undefined, client: string, what: string): AdminCheck {
  if (adminToken === undefined) return { ok: false, status: 404 };
  // The right token always gets in: only failures are counted and limited, so nobody can
  // lock staff out by guessing (behind a proxy without TRUST_PROXY everyone is one client).
  const presented = bearerToken(request.headers.get('authorization'));
  if (presented !== undefined && tokenMatches(presented, adminToken)) return { ok: true };
  const limited = failures.peek(client);
  if (!limited.allowed) {
    console.warn(`[admin] 认证失败次数过多，已暂时拒绝：${what}（来源 ${pseudonym(client)}）`);
    return { ok: false, status: 429, retryAfterSeconds: limited.retryAfterSeconds };
  }
  failures.hit(client);
  console.warn(`[admin] 认证失败：${what}（来源 ${pseudonym(client)}，${presented === undefined ? '未带令牌' : '令牌不符'}）`);
  return { ok: false, status: 401 };
}

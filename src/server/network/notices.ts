/**
 * "Something new arrived" notices to an institution's group robot (企业微信 or 钉钉), from an
 * outbox in the database, so a notice survives a restart and several server nodes send
 * each one once.
 *
 *   queueNotice(conn, { institutionId, kind })   in the transaction that stores the item
 *   deliverDueNotices(db, sealer)                 any node, any time: sends what is due
 *
 * A delivery sends one message per institution and kind for everything waiting ("有 2 条新的
 * 咨询申请，请登录查看"), never personal data. A failed try is tried again after 1, 2, 4 …
 * minutes (at most an hour apart), MAX_ATTEMPTS times, then shown as failed in the console.
 * Each node claims the rows it sends (a random token and a time limit), so two nodes never
 * send the same row, and a node that dies mid-send leaves rows another node picks up.
 */
import { randomBytes } from 'node:crypto';
import { MAX_ATTEMPTS, deliveredReply, noticeBody, retryDelayMs, type NoticeKind } from '../../lib/network/webhook.ts';
import type { Sealer } from '../crypto/sealed.ts';
import type { Conn } from '../db/transaction.ts';
import { WEBHOOK_SEAL } from './institution-settings.ts';

/** Queues one notice; call inside the transaction that stores the new item. */
export async function queueNotice(
  db: Conn,
  notice: { readonly institutionId: string; readonly kind: NoticeKind },
  now = new Date(),
): Promise<void> {
  const at = now.toISOString();
  await db.kysely
    .insertInto('notice_outbox')
    .values({ institution: notice.institutionId, kind: notice.kind, created_at: at, next_at: at })
    .execute();
}

/** Sends one body to one address; resolves with the HTTP status and parsed reply. */
export type Send = (url: string, body: string) => Promise<{ status: number; body: unknown }>;

/** How long a claim lasts: longer than one send's timeout. */
const CLAIM_MS = 60_000;
const SEND_TIMEOUT_MS = 10_000;

/**
 * Where a webhook is really sent. WEBHOOK_TEST_ORIGIN (tests only) sends to a local receiver
 * instead, keeping the path and query, so the vendor-only rule of the saved address stays.
 */
export function deliveryUrl(url: string, env: NodeJS.ProcessEnv = process.env): string {
  const origin = (env['WEBHOOK_TEST_ORIGIN'] ?? '').trim();
  if (origin === '') return url;
  const target = new URL(url);
  return `${origin.replace(/\/$/, '')}${target.pathname}${target.search}`;
}

/** The real sender: fetch with a time limit, and the reply read as JSON when it is. */
export const fetchSend: Send = async (url, body) => {
  const response = await fetch(deliveryUrl(url), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
    body,
    signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
    redirect: 'error',
  });
  const text = await response.text();
  let parsed: unknown = null;
  try {
    parsed = JSON.parse(text);
  } catch {
    // a reply that is not JSON is a failure (deliveredReply needs errcode 0)
  }
  return { status: response.status, body: parsed };
};

/** Why a try failed, in a few characters: an HTTP status, the vendor's error code, or the kind of network error. */
function failureCode(reply: { status: number; body: unknown } | Error): string {
  if (reply instanceof Error) return reply.name === 'TimeoutError' ? 'timeout' : 'network';
  const code = (reply.body as { errcode?: unknown } | null)?.errcode;
  if (reply.status < 200 || reply.status >= 300) return `HTTP ${reply.status}`;
  return typeof code === 'number' ? `errcode ${code}` : 'bad reply';
}

export interface DeliveryReport {
  readonly sent: number;
  readonly failed: number;
  readonly skipped: number;
}

/** Sends every notice that is due; safe to call from several nodes and often. */
export async function deliverDueNotices(db: Conn, sealer: Sealer, now = new Date(), send: Send = fetchSend): Promise<DeliveryReport> {
  const at = now.toISOString();
  const token = randomBytes(12).toString('hex');
  const due = await db.kysely
    .selectFrom('notice_outbox')
    .select('id')
    .where('outcome', 'is', null)
    .where('next_at', '<=', at)
    .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', at)]))
    .orderBy('id')
    .limit(200)
    .execute();
  if (due.length === 0) return { sent: 0, failed: 0, skipped: 0 };
  // Claim: a row another node claimed in between is left out by the same conditions.
  await db.kysely
    .updateTable('notice_outbox')
    .set({ claim: token, claimed_until: new Date(now.getTime() + CLAIM_MS).toISOString() })
    .where(
      'id',
      'in',
      due.map((r) => Number(r.id)),
    )
    .where('outcome', 'is', null)
    .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', at)]))
    .execute();
  const mine = await db.kysely
    .selectFrom('notice_outbox')
    .select(['id', 'institution', 'kind', 'attempts'])
    .where('claim', '=', token)
    .execute();
  const groups = new Map<string, typeof mine>();
  for (const row of mine) {
    const key = `${row.institution}\u0000${row.kind}`;
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  const report = { sent: 0, failed: 0, skipped: 0 };
  for (const rows of groups.values()) {
    const first = rows[0];
    if (first === undefined) continue;
    const ids = rows.map((r) => Number(r.id));
    const settings = await db.kysely
      .selectFrom('institution_settings')
      .select('webhook_sealed')
      .where('institution', '=', first.institution)
      .executeTakeFirst();
    const done = (outcome: string, error: string | null) =>
      db.kysely
        .updateTable('notice_outbox')
        .set({ outcome, done_at: new Date().toISOString(), claim: null, claimed_until: null, last_error: error })
        .where('id', 'in', ids)
        .execute();
    if (settings?.webhook_sealed == null) {
      await done('no-webhook', null);
      report.skipped += rows.length;
      continue;
    }
    let reply: { status: number; body: unknown } | Error;
    try {
      reply = await send(sealer.open(settings.webhook_sealed, WEBHOOK_SEAL), noticeBody(first.kind as NoticeKind, rows.length));
    } catch (error) {
      reply = error instanceof Error ? error : new Error(String(error));
    }
    if (!(reply instanceof Error) && deliveredReply(reply.status, reply.body)) {
      await done('sent', null);
      report.sent += rows.length;
      continue;
    }
    const code = failureCode(reply);
    for (const row of rows) {
      const attempts = Number(row.attempts) + 1;
      const last = attempts >= MAX_ATTEMPTS;
      await db.kysely
        .updateTable('notice_outbox')
        .set({
          attempts,
          last_error: code,
          claim: null,
          claimed_until: null,
          next_at: new Date(now.getTime() + retryDelayMs(attempts)).toISOString(),
          ...(last ? { outcome: 'failed', done_at: new Date().toISOString() } : {}),
        })
        .where('id', '=', Number(row.id))
        .execute();
    }
    report.failed += rows.length;
  }
  return report;
}

/** Notices of these institutions that failed or are being retried: for the console. */
export interface NoticeTrouble {
  readonly institution: string;
  readonly kind: string;
  readonly createdAt: string;
  readonly attempts: number;
  readonly lastError: string | null;
  /** true: given up; false: still being retried. */
  readonly failed: boolean;
  readonly nextAt: string;
}

export async function noticeTroubles(db: Conn, institutions: readonly string[], limit = 20): Promise<NoticeTrouble[]> {
  if (institutions.length === 0) return [];
  const rows = await db.kysely
    .selectFrom('notice_outbox')
    .select(['institution', 'kind', 'created_at', 'attempts', 'last_error', 'outcome', 'next_at'])
    .where('institution', 'in', [...institutions])
    .where((eb) => eb.or([eb('outcome', '=', 'failed'), eb.and([eb('outcome', 'is', null), eb('attempts', '>', 0)])]))
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    institution: r.institution,
    kind: r.kind,
    createdAt: r.created_at,
    attempts: Number(r.attempts),
    lastError: r.last_error,
    failed: r.outcome === 'failed',
    nextAt: r.next_at,
  }));
}

/** Given-up notices of the last 30 days, per institution, for the console home. */
export async function failedNoticeCount(db: Conn, institutions: readonly string[], now = new Date()): Promise<number> {
  if (institutions.length === 0) return 0;
  const since = new Date(now.getTime() - 30 * 86_400_000).toISOString();
  const row = await db.kysely
    .selectFrom('notice_outbox')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('institution', 'in', [...institutions])
    .where('outcome', '=', 'failed')
    .where('done_at', '>=', since)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/**
 * Sends due notices every `intervalMs` in this process (started by scripts/start.ts); the
 * timer does not keep the process alive. Failures of the loop itself are logged in one
 * line without any personal data.
 */
export function startNoticeWorker(db: Conn, sealer: Sealer, intervalMs: number): () => void {
  let running = false;
  const tick = () => {
    if (running) return;
    running = true;
    deliverDueNotices(db, sealer)
      .catch((error: unknown) => console.error(`[notices] 发送通知时出错：${error instanceof Error ? error.message : String(error)}`))
      .finally(() => (running = false));
  };
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  tick();
  return () => clearInterval(timer);
}

/**
 * Group-robot webhooks (企业微信 and 钉钉) that tell an institution something new arrived:
 * which URLs are accepted, what is sent, and when a failed delivery is tried again. Pure.
 *
 * The message says only that something arrived and how many ("有 2 条新的咨询申请，请登录
 * 查看"): never a name, a phone number, an illness or a reference code. Both vendors take
 * the same text message body.
 */

export type WebhookVendor = 'wecom' | 'dingtalk';

export const VENDOR_LABELS: Readonly<Record<WebhookVendor, string>> = { wecom: '企业微信', dingtalk: '钉钉' };

/** Each vendor's one host, path and the query parameter that carries the robot's key. */
const VENDORS: readonly { vendor: WebhookVendor; host: string; path: string; key: string }[] = [
  { vendor: 'wecom', host: 'qyapi.weixin.qq.com', path: '/cgi-bin/webhook/send', key: 'key' },
  { vendor: 'dingtalk', host: 'oapi.dingtalk.com', path: '/robot/send', key: 'access_token' },
];

export type WebhookCheck = { readonly ok: true; readonly url: string; readonly vendor: WebhookVendor } | { readonly ok: false };

/** Accepts only a vendor's robot address over https, with its key; anything else (another host, http, a port, a password) is refused. */
export function checkWebhookUrl(text: string): WebhookCheck {
  const value = text.trim();
  if (value.length > 500) return { ok: false };
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { ok: false };
  }
  if (url.protocol !== 'https:' || url.username !== '' || url.password !== '' || url.port !== '' || url.hash !== '') return { ok: false };
  const vendor = VENDORS.find((v) => v.host === url.hostname && v.path === url.pathname);
  if (vendor === undefined) return { ok: false };
  const key = url.searchParams.get(vendor.key) ?? '';
  if (!/^[A-Za-z0-9_-]{8,128}$/.test(key)) return { ok: false };
  return { ok: true, url: `https://${vendor.host}${vendor.path}?${vendor.key}=${key}`, vendor: vendor.vendor };
}

/** A URL for showing in the console: the key cut down to its first four characters. */
export function maskWebhookUrl(url: string): string {
  return url.replace(/=([A-Za-z0-9_-]{4})[A-Za-z0-9_-]*$/, '=$1…');
}

export type NoticeKind = 'consultation' | 'referral';

export const NOTICE_LABELS: Readonly<Record<NoticeKind, string>> = { consultation: '咨询申请', referral: '转介' };

/** The message's only words. */
export function noticeText(kind: NoticeKind, count: number): string {
  return `有 ${count} 条新的${NOTICE_LABELS[kind]}，请登录查看`;
}

/** The JSON body both vendors take for a text message. */
export function noticeBody(kind: NoticeKind, count: number): string {
  return JSON.stringify({ msgtype: 'text', text: { content: noticeText(kind, count) } });
}

/** Tries before a notice is given up and shown as failed in the console. */
export const MAX_ATTEMPTS = 8;

/** Wait before try `attempts + 1`: one minute, doubling, at most an hour (about three hours in all). */
export function retryDelayMs(attempts: number): number {
  return Math.min(60 * 60_000, 60_000 * 2 ** Math.max(0, attempts - 1));
}

/** Whether a vendor's reply means delivered: HTTP 2xx and `errcode` 0 (both vendors answer 200 with an error code). */
export function deliveredReply(status: number, body: unknown): boolean {
  if (status < 200 || status >= 300) return false;
  if (typeof body !== 'object' || body === null) return false;
  return (body as { errcode?: unknown }).errcode === 0;
}

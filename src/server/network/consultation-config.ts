/**
 * Whether consultation requests are on, and the sealer they need: requests hold sensitive
 * personal information, so they only run with DATA_KEY set. scripts/start.ts refuses to
 * start when they are on without a key, so a running server with requests on always has one.
 *
 * CONSULTATIONS=on or off says so. Unset, requests are on for a site that has an operator
 * (PRIVACY_CONTROLLER_NAME: a real site must then set DATA_KEY or turn them off) or a
 * DATA_KEY, and off on a bare machine: `npm install && npm start` still serves the site,
 * which as a demonstration takes no sensitive information anyway.
 */
import { requireSealer, sealerFromEnv, type Sealer } from '../crypto/sealed.ts';

export function consultationsEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  const setting = (env['CONSULTATIONS'] ?? '').trim().toLowerCase();
  if (setting === 'off') return false;
  if (setting === 'on') return true;
  return (env['DATA_KEY'] ?? '').trim() !== '' || (env['PRIVACY_CONTROLLER_NAME'] ?? '').trim() !== '';
}

/**
 * Why the server must not start, in one line, or undefined when it may: requests on and no
 * (or a malformed) DATA_KEY.
 */
export function consultationStartProblem(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (!consultationsEnabled(env)) return undefined;
  try {
    if (sealerFromEnv(env) !== null) return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  return '没有设置 DATA_KEY：咨询申请里的敏感信息必须加密保存。请设置 DATA_KEY（openssl rand -base64 32 生成），或设置 CONSULTATIONS=off 关闭咨询申请，见 docs/deploy.md。';
}

let cached: Sealer | undefined;
/** The process's sealer (DATA_KEY), read once. */
export function consultationSealer(): Sealer {
  cached ??= requireSealer();
  return cached;
}

/** How often each node looks for notices to send (NOTICE_INTERVAL_MS, default 5 s). */
export function noticeIntervalMs(env: NodeJS.ProcessEnv = process.env): number {
  const n = Number(env['NOTICE_INTERVAL_MS']);
  return Number.isInteger(n) && n >= 100 ? n : 5000;
}

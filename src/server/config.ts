/**
 * Run-time settings of the form API, read from environment variables (documented in
 * docs/forms.md). Read on each call so scripts and tests can set them per process.
 */
import path from 'node:path';
// The retention defaults are promises of the privacy notice, so they live with it.
import { DEFAULT_BACKUP_RETENTION_DAYS, DEFAULT_RETENTION_DAYS } from '../lib/privacy.ts';

export interface FormsConfig {
  /** Folder of the SQLite database and its backups. */
  readonly dataDir: string;
  /** Submissions faster than this (as measured by the browser script) are treated as spam. */
  readonly minFillMs: number;
  /** Form submissions allowed per client per minute. */
  readonly rateLimitPerMinute: number;
  /** Largest accepted request body, in bytes. */
  readonly maxBodyBytes: number;
  /** Days a submission is kept after its last change (data:purge). */
  readonly retentionDays: number;
  /** Days backup files are kept (data:purge removes older ones). */
  readonly backupRetentionDays: number;
  /** Public origin of the site (SITE_URL), also accepted as a same-site Origin. */
  readonly siteOrigin: string | undefined;
  /** Trust X-Forwarded-For from a reverse proxy on this machine for the client address. */
  readonly trustProxy: boolean;
}

function int(value: string | undefined, fallback: number, min: number): number {
  if (value === undefined || value.trim() === '') return fallback;
  const n = Number(value);
  return Number.isInteger(n) && n >= min ? n : fallback;
}

function origin(value: string | undefined): string | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  try {
    return new URL(value).origin;
  } catch {
    return undefined;
  }
}

/** The settings from `env` (default: process.env). */
export function formsConfig(env: NodeJS.ProcessEnv = process.env): FormsConfig {
  return {
    dataDir: path.resolve(env['DATA_DIR'] ?? 'data'),
    minFillMs: int(env['MIN_FILL_MS'], 3000, 0),
    rateLimitPerMinute: int(env['RATE_LIMIT_PER_MINUTE'], 10, 1),
    maxBodyBytes: int(env['MAX_BODY_BYTES'], 16 * 1024, 1024),
    retentionDays: int(env['RETENTION_DAYS'], DEFAULT_RETENTION_DAYS, 1),
    backupRetentionDays: int(env['BACKUP_RETENTION_DAYS'], DEFAULT_BACKUP_RETENTION_DAYS, 1),
    siteOrigin: origin(env['SITE_URL']),
    trustProxy: env['TRUST_PROXY'] === '1' || env['TRUST_PROXY'] === 'true',
  };
}

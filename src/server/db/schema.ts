/**
 * The tables every part of the server reads and writes, as Kysely sees them. The same
 * shape on SQLite and PostgreSQL: times are ISO 8601 UTC text (bound as text, because
 * node:sqlite cannot bind a Date), lists are JSON text, flags are 0/1 integers.
 */
import type { Generated } from 'kysely';

export interface VolunteersTable {
  id: Generated<number>;
  ref: string;
  created_at: string;
  updated_at: string;
  status: Generated<string>;
  name: string;
  phone: string;
  email: string | null;
  county: string;
  age_group: string;
  guardian_name: string | null;
  guardian_phone: string | null;
  guardian_consent: Generated<number>;
  /** JSON array of codes. */
  availability: string;
  /** JSON array of codes. */
  roles: string;
  institution: string | null;
  experience: string | null;
  consent_version: string;
  consent_at: string;
  review: string | null;
}

export interface EnrollmentsTable {
  id: Generated<number>;
  ref: string;
  created_at: string;
  updated_at: string;
  status: string;
  promoted_at: string | null;
  course: string;
  session: string;
  session_date: string;
  name: string;
  phone: string;
  people: number;
  consent_version: string;
  consent_at: string;
  review: string | null;
}

export interface ReportsTable {
  id: Generated<number>;
  ref: string;
  created_at: string;
  updated_at: string;
  status: Generated<string>;
  institution: string | null;
  page: string | null;
  problem: string;
  contact: string | null;
  consent_version: string | null;
  consent_at: string | null;
  review: string | null;
}

/**
 * Request counters shared by every server node: one row per limiter, client and window.
 * `window_start` is the window's start in milliseconds since the epoch.
 */
export interface RateCountersTable {
  bucket: string;
  client: string;
  window_start: number;
  hits: number;
}

/**
 * The audit log: who did what to which record, and every read of personal data. Never
 * holds the personal data itself. Append-only: the database refuses updates, and deletes
 * of entries younger than the retention period (see migrations).
 */
export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  /** Staff user id, or 'public' (a form sender), 'system' (scripts), 'anonymous' (failed sign-in). */
  actor: string;
  /** What was done, a code from AUDIT_ACTIONS. */
  action: string;
  /** Kind of record: volunteers, enrollments, reports, staff, institution … */
  target_kind: string | null;
  /** Reference code or id of the record; null for lists and exports. */
  target_ref: string | null;
  /** Where the record lies: a region code (the county of its institution); null when it belongs to no place. */
  scope: string | null;
  /** 'ok' or why it was refused. */
  outcome: string;
  /** Filters, counts, statuses: never names, phones or free text. */
  detail: string | null;
}

export interface Database {
  volunteers: VolunteersTable;
  enrollments: EnrollmentsTable;
  reports: ReportsTable;
  rate_counters: RateCountersTable;
  audit_log: AuditLogTable;
}

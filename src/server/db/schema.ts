/**
 * The tables every part of the server reads and writes, as Kysely sees them. The same
 * shape on SQLite and PostgreSQL: times are ISO 8601 UTC text (bound as text, because
 * node:sqlite cannot bind a Date), lists are JSON text, flags are 0/1 integers.
 */
import type { Generated } from 'kysely';
import type { ReferralCommentsTable, ReferralEventsTable, ReferralGroupsTable, ReferralsTable } from './schema-referrals.ts';

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

/**
 * Times in the authentication library's tables: a Date on PostgreSQL (timestamptz), ISO
 * text on SQLite. Read them through toDate() (src/server/auth/dates.ts).
 */
export type LibraryTime = Date | string;

/** A staff account (the library's user table; migration 0004). */
export interface StaffUserTable {
  id: string;
  /** Display name. */
  name: string;
  /** Placeholder <id>@staff.invalid: the library requires one, staff give none. */
  email: string;
  email_verified: boolean | number;
  image: string | null;
  created_at: LibraryTime;
  updated_at: LibraryTime;
  /** Normalised (lower case, NFKC). */
  username: string | null;
  display_username: string | null;
  two_factor_enabled: boolean | number | null;
  mobile: string | null;
}

export interface StaffSessionTable {
  id: string;
  expires_at: LibraryTime;
  token: string;
  created_at: LibraryTime;
  updated_at: LibraryTime;
  ip_address: string | null;
  user_agent: string | null;
  user_id: string;
}

export interface StaffAccountTable {
  id: string;
  account_id: string;
  provider_id: string;
  user_id: string;
  access_token: string | null;
  refresh_token: string | null;
  id_token: string | null;
  access_token_expires_at: LibraryTime | null;
  refresh_token_expires_at: LibraryTime | null;
  scope: string | null;
  /** The library's scrypt hash. */
  password: string | null;
  created_at: LibraryTime;
  updated_at: LibraryTime;
}

export interface StaffVerificationTable {
  id: string;
  identifier: string;
  value: string;
  expires_at: LibraryTime;
  created_at: LibraryTime;
  updated_at: LibraryTime;
}

export interface StaffTwoFactorTable {
  id: string;
  /** Encrypted with the auth secret. */
  secret: string;
  /** Encrypted JSON list of the unused recovery codes. */
  backup_codes: string;
  user_id: string;
  verified: boolean | number | null;
  failed_verification_count: number | null;
  locked_until: LibraryTime | null;
}

/** What a person may do where (src/lib/network/roles.ts). */
export interface StaffGrantTable {
  id: Generated<number>;
  user_id: string;
  role: 'commission' | 'manager' | 'staff';
  /** A region code (commission) or a registry id (manager, staff). */
  scope: string;
  created_at: string;
  /** Staff user id, or 'system' (npm run staff:add). */
  created_by: string;
}

/** One-time links: to join (invite) or to choose a new password (reset). */
export interface StaffInvitationTable {
  id: Generated<number>;
  /** SHA-256 of the token in the link; the token itself is never stored. */
  token_hash: string;
  purpose: 'invite' | 'reset';
  /** The grant an invitation gives (null for a reset). */
  role: 'commission' | 'manager' | 'staff' | null;
  scope: string | null;
  /** The account reset, or the account that accepted the invitation. */
  user_id: string | null;
  /** 1: accepting the reset also turns two-step sign-in off (the person lost their phone). */
  clear_two_factor: Generated<number>;
  created_by: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
  revoked_at: string | null;
}

/** Live availability reports (migration 0005): appended, never edited; the newest per institution and mode is current. */
export interface AvailabilityReportsTable {
  id: Generated<number>;
  institution: string;
  /** One of AVAILABILITY_MODES (src/lib/network/availability.ts). */
  mode: string;
  status: string;
  open_beds: number | null;
  free_beds: number | null;
  waiting: string | null;
  accepts: string | null;
  area: string | null;
  note: string | null;
  reported_at: string;
  expires_at: string;
  /** Staff user id; kept, never published. */
  reported_by: string;
  kind: Generated<string>;
}

/** Proposed changes to registry records, and applications to be listed (migration 0006). */
export interface ListingProposalsTable {
  id: Generated<number>;
  institution: string;
  county: string;
  kind: 'change' | 'new';
  base: string | null;
  proposed: string;
  status: 'pending' | 'approved' | 'rejected' | 'withdrawn' | 'publishing' | 'published' | 'failed';
  proposed_by: string;
  proposed_at: string;
  applicant: string | null;
  message: string | null;
  decided_by: string | null;
  decided_at: string | null;
  reason: string | null;
  approved: string | null;
  publish_run: number | null;
  published_at: string | null;
  failure: string | null;
}

/** Background rebuilds that publish approved listings (migration 0006). */
export interface PublishRunsTable {
  id: Generated<number>;
  status: 'queued' | 'building' | 'live' | 'failed';
  requested_at: string;
  started_at: string | null;
  finished_at: string | null;
  node: string | null;
  build_dir: string | null;
  message: string | null;
}

/** A consultation request from a family (migration 0007); *_sealed columns hold ciphertext (src/server/crypto/sealed.ts). */
export interface ConsultationsTable {
  id: Generated<number>;
  ref: string;
  created_at: string;
  updated_at: string;
  consent_version: string;
  consent_at: string;
  sensitive_consent: Generated<number>;
  relation: string;
  call_time: string;
  age_band: string;
  county: string;
  setting: string;
  need: string;
  scope: string;
  name_sealed: string;
  phone_sealed: string;
  street_sealed: string | null;
  note_sealed: string | null;
  illness_sealed: string | null;
  review: string | null;
}

/** One institution's copy of a request and its status. */
export interface ConsultationTargetsTable {
  id: Generated<number>;
  consultation_id: number;
  institution: string;
  status: string;
  status_at: string;
  due_at: string;
  call_day: string | null;
  call_part: string | null;
  decline_reason: string | null;
  outcome: string | null;
  changed_by: string | null;
  created_at: string;
  updated_at: string;
}

/** Per institution: the response promise and the group robot's webhook (sealed). */
export interface InstitutionSettingsTable {
  institution: string;
  response_days: Generated<number>;
  webhook_sealed: string | null;
  webhook_vendor: string | null;
  updated_at: string;
  updated_by: string;
}

/** Notices waiting for (or done with) an institution's webhook. */
export interface NoticeOutboxTable {
  id: Generated<number>;
  institution: string;
  kind: string;
  created_at: string;
  attempts: Generated<number>;
  next_at: string;
  claim: string | null;
  claimed_until: string | null;
  outcome: string | null;
  done_at: string | null;
  last_error: string | null;
}

/** One decline counted in the unmet-demand ledger: no person, only week, county, mode, reason and source. */
export interface UnmetDemandTable {
  id: Generated<number>;
  week: string;
  county: string;
  mode: string;
  reason: string;
  source: string;
  created_at: string;
}

/** Events made or edited in the staff console, waiting to be published (migration 0009). */
export interface EventChangesTable {
  id: Generated<number>;
  event_id: string;
  county: string;
  institution: string | null;
  base: string | null;
  proposed: string;
  status: 'pending' | 'approved' | 'rejected' | 'withdrawn' | 'publishing' | 'published' | 'failed';
  proposed_by: string;
  proposed_at: string;
  decided_by: string | null;
  decided_at: string | null;
  reason: string | null;
  publish_run: number | null;
  published_at: string | null;
  failure: string | null;
}

export interface Database {
  volunteers: VolunteersTable;
  enrollments: EnrollmentsTable;
  reports: ReportsTable;
  rate_counters: RateCountersTable;
  audit_log: AuditLogTable;
  availability_reports: AvailabilityReportsTable;
  listing_proposals: ListingProposalsTable;
  publish_runs: PublishRunsTable;
  event_changes: EventChangesTable;
  consultations: ConsultationsTable;
  consultation_targets: ConsultationTargetsTable;
  institution_settings: InstitutionSettingsTable;
  notice_outbox: NoticeOutboxTable;
  unmet_demand: UnmetDemandTable;
  staff_user: StaffUserTable;
  staff_session: StaffSessionTable;
  staff_account: StaffAccountTable;
  staff_verification: StaffVerificationTable;
  staff_two_factor: StaffTwoFactorTable;
  staff_grant: StaffGrantTable;
  staff_invitation: StaffInvitationTable;
  referral_groups: ReferralGroupsTable;
  referrals: ReferralsTable;
  referral_events: ReferralEventsTable;
  referral_comments: ReferralCommentsTable;
}

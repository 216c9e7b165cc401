/** The referral tables (migration 0008), as Kysely sees them; `*_sealed` columns hold sealed text (src/server/crypto/sealed.ts). */
import type { Generated } from 'kysely';

export interface ReferralGroupsTable {
  id: Generated<number>;
  from_institution: string;
  from_county: string;
  pool_county: string | null;
  /** e.g. 病房→居家 (src/lib/network/referral.ts). */
  direction: string;
  mode: string;
  urgency: string;
  /** Keyed hash of the patient and the direction while the group is open; NULL once closed. */
  open_key: string | null;
  patient_sealed: string;
  summary_sealed: string;
  reason_sealed: string;
  contact_sealed: string;
  consent_by: string;
  consent_date: string;
  created_by: string;
  created_at: string;
}

export interface ReferralsTable {
  id: Generated<number>;
  ref: string;
  group_id: number;
  to_institution: string;
  to_county: string;
  status: string;
  held_from: string | null;
  planned_date: string | null;
  reject_reason: string | null;
  reject_note_sealed: string | null;
  received_at: string | null;
  acknowledged_at: string | null;
  closed_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface ReferralEventsTable {
  id: Generated<number>;
  referral_id: number;
  at: string;
  actor: string;
  action: string;
  status: string;
}

export interface ReferralCommentsTable {
  id: Generated<number>;
  referral_id: number;
  at: string;
  author: string;
  side: string;
  body_sealed: string;
}

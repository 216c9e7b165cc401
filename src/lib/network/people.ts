/** What the console's people pages show about a colleague (no mobile numbers: nobody there needs them). */
import type { StaffGrant } from './roles.ts';

export interface AccountSummary {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly twoFactorEnabled: boolean;
}

export interface PersonRow {
  readonly account: AccountSummary;
  /** The viewer themself. */
  readonly self: boolean;
  /** Their grants in the scope shown, each with whether the viewer may take it away. */
  readonly grants: readonly { readonly id: number; readonly grant: StaffGrant; readonly removable: boolean }[];
  /** Whether the viewer may make a password reset link for them. */
  readonly resettable: boolean;
}

/** An invitation as its scope's page lists it. */
export interface InvitationRow {
  readonly id: number;
  readonly grant: StaffGrant;
  readonly createdAt: string;
  readonly expiresAt: string;
  readonly state: 'pending' | 'used' | 'revoked' | 'expired';
  /** Whether the viewer may withdraw it (pending, and theirs to give). */
  readonly revocable: boolean;
}

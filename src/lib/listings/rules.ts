/**
 * Who may do what with a listing: pure rules over the staff grants (src/lib/network/roles.ts).
 *
 * - An institution's managers propose changes to its record; commission staff of its
 *   region may too (a small township centre without an account may phone its district).
 * - Commission staff of the region review: approve or reject. Nobody decides on a
 *   proposal they made themselves: a second person always looks.
 * - The proposer may withdraw a pending proposal.
 */
import { mayActFor, regionPrefix, withinRegion, type StaffGrant } from '../network/roles.ts';

/** Whether `grants` may propose a change to the institution's record. */
export function mayPropose(grants: readonly StaffGrant[], institution: string, county: string): boolean {
  return mayActFor(grants, institution, county, true);
}

/** Whether `grants` review listings of `county` (commission staff of a region containing it). */
export function mayReview(grants: readonly StaffGrant[], county: string): boolean {
  return grants.some((g) => g.role === 'commission' && withinRegion(county, g.region));
}

/** Whether `grants` may see a proposal: its institution's managers and staff, and its reviewers. */
export function maySeeProposal(grants: readonly StaffGrant[], institution: string, county: string): boolean {
  return mayActFor(grants, institution, county);
}

/** Whether this person may approve or reject the proposal: a reviewer of its county who did not make it. */
export function mayDecide(grants: readonly StaffGrant[], userId: string, proposal: { county: string; proposedBy: string }): boolean {
  return mayReview(grants, proposal.county) && proposal.proposedBy !== userId;
}

/** Review-queue prefixes of the regions someone watches ('' = the whole site). */
export function reviewPrefixes(grants: readonly StaffGrant[]): string[] {
  return grants.flatMap((g) => (g.role === 'commission' ? [regionPrefix(g.region)] : []));
}

/** Status words shown to staff. */
export const PROPOSAL_STATUS_LABELS = {
  pending: '待审核',
  approved: '已批准，等待发布',
  publishing: '正在发布',
  published: '已发布',
  rejected: '未通过',
  withdrawn: '已撤回',
  failed: '发布失败',
} as const;

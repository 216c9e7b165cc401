/**
 * The console home's count of listings waiting for this person: proposals of their region
 * to review (not their own: somebody else decides those) and approved ones whose publish
 * failed. Counts only, for commission staff; nothing personal.
 */
import { reviewPrefixes } from '../../lib/listings/rules.ts';
import type { StaffPrincipal } from '../../lib/network/roles.ts';
import type { Conn } from '../db/transaction.ts';
import { listProposals } from './proposals.ts';

export async function listingAttention(db: Conn, principal: StaffPrincipal): Promise<{ toReview: number; failed: number }> {
  const prefixes = reviewPrefixes(principal.grants);
  if (prefixes.length === 0) return { toReview: 0, failed: 0 };
  const open = await listProposals(db, { countyPrefixes: prefixes, statuses: ['pending', 'failed'], limit: 1000 });
  return {
    toReview: open.filter((p) => p.status === 'pending' && p.proposedBy !== principal.userId).length,
    failed: open.filter((p) => p.status === 'failed').length,
  };
}

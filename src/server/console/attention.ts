/**
 * What needs a staff member's attention, for the console home: counts in their scope with
 * a link each (new volunteers who chose their institution, enrolments of their sessions,
 * reports about their listings …). Filled by the console's data pages; empty until then.
 */
import type { AttentionItem } from '../../lib/network/attention.ts';
import type { StaffPrincipal } from '../../lib/network/roles.ts';
import type { Db } from '../db/connect.ts';

export type { AttentionItem };

export function attentionItems(_db: Db, _principal: StaffPrincipal): Promise<AttentionItem[]> {
  return Promise.resolve([]);
}

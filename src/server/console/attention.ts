/**
 * What needs a staff member's attention, for the console home: counts in their scope with
 * a link each (new volunteers who chose their institution or gave a county in their
 * region, people waiting for a seat in their sessions, open error reports about their
 * listings, submissions flagged for review). Counts only: no personal data, so not audited.
 */
import { t } from '../../i18n/index.ts';
import type { AttentionItem } from '../../lib/network/attention.ts';
import type { StaffPrincipal } from '../../lib/network/roles.ts';
import * as staffRoutes from '../../lib/staff-routes.ts';
import type { Db } from '../db/connect.ts';
import { attention } from '../staff/records.ts';

export type { AttentionItem };

export async function attentionItems(db: Db, principal: StaffPrincipal): Promise<AttentionItem[]> {
  const counts = await attention(db, principal);
  const withStatus = (kind: string, status: string) => `${staffRoutes.staffRecords(kind)}?${new URLSearchParams({ status }).toString()}`;
  const items: AttentionItem[] = [
    { label: t('staffRecords.attention.newVolunteers'), count: counts.newVolunteers, href: withStatus('volunteers', '新登记') },
    { label: t('staffRecords.attention.waitlisted'), count: counts.waitlisted, href: withStatus('enrollments', '候补') },
    { label: t('staffRecords.attention.openReports'), count: counts.openReports, href: withStatus('reports', '待处理') },
  ];
  return items.filter((item) => item.count > 0);
}

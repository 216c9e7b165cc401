/**
 * What needs a staff member's attention, for the console home: counts in their scope with
 * a link each (new volunteers who chose their institution or gave a county in their
 * region, people waiting for a seat in their sessions, open error reports about their
 * listings, submissions flagged for review), and availability reports of their own
 * institutions that have expired (the public sees 未知 until someone reports or confirms),
 * and listing proposals of their region to review or whose publish failed.
 * Counts only: no personal data, so not audited.
 */
import { t } from '../../i18n/index.ts';
import type { AttentionItem } from '../../lib/network/attention.ts';
import { formReference } from '../../lib/forms/reference-data.ts';
import { isFresh } from '../../lib/network/availability.ts';
import { ownInstitutions, type StaffPrincipal } from '../../lib/network/roles.ts';
import * as staffRoutes from '../../lib/staff-routes.ts';
import type { Db } from '../db/connect.ts';
import { currentReports } from '../network/availability.ts';
import { takesReports } from '../network/availability-console.ts';
import { referralAttention } from '../network/referrals.ts';
import { attention } from '../staff/records.ts';
import { listingAttention } from '../listings/attention.ts';
import { consultationAttention } from '../network/consultation-attention.ts';

export type { AttentionItem };

export async function attentionItems(db: Db, principal: StaffPrincipal, now = new Date()): Promise<AttentionItem[]> {
  const counts = await attention(db, principal);
  const expired = await expiredAvailability(db, principal, now);
  const listings = await listingAttention(db, principal);
  const referrals = await referralAttention(db, ownInstitutions(principal.grants));
  const withStatus = (kind: string, status: string) => `${staffRoutes.staffRecords(kind)}?${new URLSearchParams({ status }).toString()}`;
  const items: AttentionItem[] = [
    { label: t('staffRecords.attention.newVolunteers'), count: counts.newVolunteers, href: withStatus('volunteers', '新登记') },
    { label: t('staffRecords.attention.waitlisted'), count: counts.waitlisted, href: withStatus('enrollments', '候补') },
    { label: t('staffRecords.attention.openReports'), count: counts.openReports, href: withStatus('reports', '待处理') },
    { label: t('staffAvailability.attention.expired'), count: expired.count, href: expired.href },
    { label: t('staffListings.attention.toReview'), count: listings.toReview, href: staffRoutes.staffListings },
    { label: t('staffListings.attention.failed'), count: listings.failed, href: staffRoutes.staffListings },
    { label: t('staffReferrals.attention.new'), count: referrals.newIncoming, href: staffRoutes.staffReferrals },
    { label: t('staffReferrals.attention.waiting'), count: referrals.waiting, href: staffRoutes.staffReferrals },
    ...(await consultationAttention(db, principal, now)),
  ];
  return items.filter((item) => item.count > 0);
}

/**
 * How many care modes of the person's own institutions (as manager or staff) show an
 * expired report, and where to fix them: the institution's screen when it is one, else the
 * list. Commission staff watch many institutions and keep none: not counted for them.
 */
async function expiredAvailability(db: Db, principal: StaffPrincipal, now: Date): Promise<{ count: number; href: string }> {
  const reference = formReference();
  const own = ownInstitutions(principal.grants).filter((id) => {
    const info = reference.institutionById.get(id);
    return info !== undefined && takesReports(info);
  });
  const current = await currentReports(db, own);
  const lapsed = own.filter((id) => [...(current.get(id)?.values() ?? [])].some((r) => !isFresh(r, now)));
  const count = own.reduce((n, id) => n + [...(current.get(id)?.values() ?? [])].filter((r) => !isFresh(r, now)).length, 0);
  const only = lapsed.length === 1 ? lapsed[0] : undefined;
  return { count, href: only === undefined ? staffRoutes.staffAvailability : staffRoutes.staffAvailabilityOf(only) };
}

/**
 * Consultation requests on the console home's "需要处理" (counts only, no personal data):
 * new requests and those past the promise at the person's own institutions; for commission
 * staff, the requests past the promise anywhere in their region (the flag the issue asks
 * for); for managers, notices to their group robot that could not be sent.
 */
import { t } from '../../i18n/index.ts';
import type { AttentionItem } from '../../lib/network/attention.ts';
import { ownRegions, type StaffPrincipal } from '../../lib/network/roles.ts';
import * as staffRoutes from '../../lib/staff-routes.ts';
import type { Db } from '../db/connect.ts';
import { consultationsEnabled } from './consultation-config.ts';
import { consultationInstitutions, regionOverview } from './consultation-console.ts';
import { countOpen, openTargets } from './consultations.ts';
import { failedNoticeCount } from './notices.ts';

export async function consultationAttention(db: Db, principal: StaffPrincipal, now: Date): Promise<AttentionItem[]> {
  if (!consultationsEnabled()) return [];
  const own = consultationInstitutions(principal).map((i) => i.id);
  const counts = [...countOpen(await openTargets(db, own), now).values()];
  const only = own.length === 1 ? own[0] : undefined;
  const href = only === undefined ? staffRoutes.staffConsultations : staffRoutes.staffConsultationsOf(only);
  const managed = own.filter((id) => principal.grants.some((g) => g.role === 'manager' && g.institution === id));
  const regionOverdue =
    ownRegions(principal.grants).length === 0 ? 0 : (await regionOverview(db, principal, now)).reduce((n, x) => n + x.counts.overdue, 0);
  return [
    { label: t('staffConsult.attention.new'), count: counts.reduce((n, c) => n + c.fresh, 0), href },
    { label: t('staffConsult.attention.overdue'), count: counts.reduce((n, c) => n + c.overdue, 0), href },
    { label: t('staffConsult.attention.regionOverdue'), count: regionOverdue, href: staffRoutes.staffConsultations },
    { label: t('staffConsult.attention.noticeFailed'), count: await failedNoticeCount(db, managed, now), href },
  ];
}

/**
 * For a family an institution declined: the nearest other real institutions that offer the
 * care mode and are accepting now on the availability board (a fresh report of 有空位, 紧张
 * or 需先评估: acceptingNow). "Nearest" by region: the same county first, then the same
 * city, then the same province; never another province, never a sample.
 */
import type { FormReference, InstitutionInfo } from '../../lib/forms/reference-data.ts';
import { acceptingNow, publicStatus, type PublicModeStatus } from '../../lib/network/availability.ts';
import type { CareMode } from '../../schemas/vocabularies.ts';
import type { Conn } from '../db/transaction.ts';
import { currentReports, modeReportOf } from './availability.ts';

export interface Alternative {
  readonly institution: InstitutionInfo;
  readonly status: PublicModeStatus;
}

export async function acceptingAlternatives(
  db: Conn,
  reference: Pick<FormReference, 'institutions' | 'regions'>,
  mode: CareMode,
  county: string,
  exclude: ReadonlySet<string>,
  now: Date,
  limit = 5,
): Promise<Alternative[]> {
  const { regions } = reference;
  const city = regions.cityOf(county)?.code;
  const province = regions.provinceOf(county)?.code;
  const distance = (i: InstitutionInfo) =>
    i.regionCode === county ? 0 : city !== undefined && regions.cityOf(i.regionCode)?.code === city ? 1 : 2;
  const candidates = reference.institutions.filter(
    (i) => !i.sample && !exclude.has(i.id) && province !== undefined && regions.provinceOf(i.regionCode)?.code === province,
  );
  const reports = await currentReports(
    db,
    candidates.map((i) => i.id),
  );
  const out: Alternative[] = [];
  for (const institution of candidates) {
    const report = reports.get(institution.id)?.get(mode);
    if (report === undefined) continue;
    const status = publicStatus(modeReportOf(report), now);
    if (acceptingNow(status)) out.push({ institution, status });
  }
  return out.sort((a, b) => distance(a.institution) - distance(b.institution)).slice(0, limit);
}

/**
 * The console's side of referrals: who may refer from which institution, where a referral
 * may go (a real institution, or every real institution of a county that offers the mode),
 * and what the referrer sees of the destination's capacity before sending. Storage is
 * referrals.ts; the rules are src/lib/network/referral.ts.
 *
 * Sample (invented) institutions neither send nor receive referrals, like they take no
 * availability reports: no real patient may be handed to a place that does not exist.
 */
import type { FormReference, InstitutionInfo } from '../../lib/forms/reference-data.ts';
import { isFresh } from '../../lib/network/availability.ts';
import type { CareMode } from '../../schemas/vocabularies.ts';
import { ownInstitutions, type StaffPrincipal } from '../../lib/network/roles.ts';
import type { Conn } from '../db/transaction.ts';
import { currentReports, type StoredReport } from './availability.ts';
import { takesReports } from './availability-console.ts';
import { DataKeyError } from '../crypto/sealed.ts';
import { referralCryptoFromEnv, type ReferralCrypto } from './referral-crypto.ts';
import type { Destination } from './referrals.ts';

/** The real institutions a person may refer from: those they serve as manager or staff. */
export function referringInstitutions(principal: StaffPrincipal, reference: Pick<FormReference, 'institutionById'>): InstitutionInfo[] {
  return ownInstitutions(principal.grants)
    .map((id) => reference.institutionById.get(id))
    .filter((i): i is InstitutionInfo => i !== undefined && takesReports(i));
}

/** Whether the listing names the mode (a listing without modes names none). */
export const offers = (info: InstitutionInfo, mode: CareMode) => info.careModes.includes(mode);

const POOL = 'county:';
export const poolValue = (county: string) => `${POOL}${county}`;

export interface DestinationChoice {
  readonly value: string;
  readonly label: string;
}

/**
 * The destination select: every real institution but the origin, grouped by city, then one
 * "whole county" choice per county that has a real institution (which ones receive it
 * depends on the mode, resolved once the direction is known).
 */
export function destinationGroups(
  reference: FormReference,
  from: string,
  poolLabel: (county: string) => string,
  poolGroupLabel: string,
): { label: string; choices: DestinationChoice[] }[] {
  const real = reference.institutions.filter((i) => takesReports(i) && i.id !== from);
  const byCity = new Map<string, DestinationChoice[]>();
  for (const i of real) {
    const city = reference.regions.cityOf(i.regionCode)?.code ?? reference.regions.provinceOf(i.regionCode)?.code ?? i.regionCode;
    byCity.set(city, [
      ...(byCity.get(city) ?? []),
      { value: i.id, label: `${i.name}（${reference.regions.byCode.get(i.regionCode)?.name ?? i.regionCode}）` },
    ]);
  }
  const groups = [...byCity.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([city, choices]) => ({ label: reference.regions.fullName(city) ?? city, choices }));
  const counties = [...new Set(real.map((i) => i.regionCode))].sort();
  return [...groups, { label: poolGroupLabel, choices: counties.map((c) => ({ value: poolValue(c), label: poolLabel(c) })) }];
}

export type Resolved =
  | { readonly ok: true; readonly destinations: InstitutionInfo[]; readonly poolCounty: string | null }
  | { readonly ok: false; readonly why: 'unknown' | 'sample' | 'emptyPool' };

/** The destinations a `to` choice stands for, for `mode`, never the origin itself. */
export function resolveDestinations(reference: FormReference, from: string, to: string, mode: CareMode): Resolved {
  if (to.startsWith(POOL)) {
    const county = to.slice(POOL.length);
    if (!reference.countyCodes.has(county)) return { ok: false, why: 'unknown' };
    const destinations = reference.institutions.filter(
      (i) => i.regionCode === county && i.id !== from && takesReports(i) && offers(i, mode),
    );
    return destinations.length === 0 ? { ok: false, why: 'emptyPool' } : { ok: true, destinations, poolCounty: county };
  }
  const info = reference.institutionById.get(to);
  if (info === undefined || info.id === from) return { ok: false, why: 'unknown' };
  if (!takesReports(info)) return { ok: false, why: 'sample' };
  return { ok: true, destinations: [info], poolCounty: null };
}

/** What the referrer sees of one destination before sending: its current report for the mode, if any, and whether it is fresh. */
export interface Capacity {
  readonly info: InstitutionInfo;
  readonly listed: boolean;
  readonly report: StoredReport | undefined;
  readonly fresh: boolean;
}

export async function capacityOf(db: Conn, destinations: readonly InstitutionInfo[], mode: CareMode, now: Date): Promise<Capacity[]> {
  const current = await currentReports(
    db,
    destinations.map((d) => d.id),
  );
  return destinations.map((info) => {
    const report = current.get(info.id)?.get(mode);
    return { info, listed: offers(info, mode), report, fresh: report !== undefined && isFresh(report, now) };
  });
}

export const asDestinations = (infos: readonly InstitutionInfo[]): Destination[] =>
  infos.map((i) => ({ institution: i.id, county: i.regionCode }));

/** The referral crypto from the environment, or null when DATA_KEY is not set (the pages then say the feature is off). */
export function referralCryptoOrNull(): ReferralCrypto | null {
  try {
    return referralCryptoFromEnv();
  } catch (error) {
    if (error instanceof DataKeyError) return null;
    throw error;
  }
}

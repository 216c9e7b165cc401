/**
 * The staff console's side of availability: who may see and report for which institution,
 * and what a post of the availability screen does (a new report, or "仍然如此" for one
 * mode or for every fresh one). The storage is availability.ts; the rules are
 * src/lib/network/availability.ts.
 *
 * Who: the institution's managers and staff, and commission staff of its region. All of
 * them may report and confirm. A coordinator of the district may well phone a small
 * township centre that has no account yet and record what it says (network-anchors.md B1:
 * "created by an institution's staff account, or by a coordinator for it"); every row
 * keeps who reported it and the audit log says so, so nothing is hidden by allowing it.
 * Anyone else gets a 404. Sample institutions take no reports at all.
 */
import {
  checkReport,
  isAvailabilityMode,
  isFresh,
  isSampleId,
  modesShown,
  REPORT_FIELDS,
  type AvailabilityMode,
  type ReportErrors,
  type ReportField,
} from '../../lib/network/availability.ts';
import type { FormReference, InstitutionInfo } from '../../lib/forms/reference-data.ts';
import { mayActFor, ownInstitutions, ownRegions, withinRegion, type StaffPrincipal } from '../../lib/network/roles.ts';
import type { Conn } from '../db/transaction.ts';
import { appendReport, confirmReports, currentReports, type CurrentReports, type StoredReport } from './availability.ts';

/** Whether the registry record takes availability reports: a real (non-sample) institution. */
export function takesReports(info: Pick<InstitutionInfo, 'id' | 'sample'>): boolean {
  return !info.sample && !isSampleId(info.id);
}

/**
 * Which stored institutions the public feed lists: every one but samples. Reports are
 * only taken for real registry institutions (above), so this is those, plus any that have
 * since left the registry (no page shows them; their last report turns 未知 at its expiry).
 */
export function feedIncludes(reference: Pick<FormReference, 'institutionById'>): (institution: string) => boolean {
  return (id) => !isSampleId(id) && reference.institutionById.get(id)?.sample !== true;
}

/** Whether `principal` may see (and report for) the institution: its people, commission staff of its region. */
export function mayKeepAvailability(principal: StaffPrincipal, info: InstitutionInfo): boolean {
  return mayActFor(principal.grants, info.id, info.regionCode);
}

/**
 * The institutions on a person's availability list: those they serve, then those in the
 * regions they watch, each once, in the registry's order (area, then name).
 */
export function availabilityInstitutions(principal: StaffPrincipal, reference: Pick<FormReference, 'institutions'>): InstitutionInfo[] {
  const own = new Set(ownInstitutions(principal.grants));
  const regions = ownRegions(principal.grants);
  const mine = reference.institutions.filter((i) => own.has(i.id));
  const watched = reference.institutions.filter((i) => !own.has(i.id) && regions.some((r) => withinRegion(i.regionCode, r)));
  return [...mine, ...watched];
}

/** The modes an institution's screen shows: its listed care modes and any it reported on. */
export function modesFor(info: InstitutionInfo, current: CurrentReports): AvailabilityMode[] {
  return modesShown(info.careModes, [...(current.get(info.id)?.keys() ?? [])]);
}

/** The modes whose current report is fresh at `now` (the "全部仍然如此" button confirms these). */
export function freshModes(current: CurrentReports, institution: string, now: Date): AvailabilityMode[] {
  return [...(current.get(institution)?.values() ?? [])].filter((r) => isFresh(r, now)).map((r) => r.mode);
}

/** What a post of the availability screen did. */
export type AvailabilityOutcome =
  | { readonly kind: 'reported'; readonly report: StoredReport }
  | { readonly kind: 'confirmed'; readonly reports: readonly StoredReport[] }
  /** The report form again, for `mode`, with what was typed and a message per field. */
  | {
      readonly kind: 'invalid';
      readonly mode: AvailabilityMode;
      readonly errors: ReportErrors;
      readonly values: Partial<Record<ReportField, string>>;
    }
  /** Nothing to do: a confirmation with nothing to confirm, an unknown action or mode. */
  | { readonly kind: 'nothing' };

/**
 * Carries out a post of /staff/availability/<institution>/ for someone who may keep it
 * (checked by the page): `action` = report (with `mode` and the report's fields),
 * confirm (with `mode`) or confirm-all (every mode whose report is fresh at `now`).
 */
export async function availabilityAction(
  db: Conn,
  principal: StaffPrincipal,
  info: InstitutionInfo,
  form: URLSearchParams,
  now: Date,
): Promise<AvailabilityOutcome> {
  if (!takesReports(info)) return { kind: 'nothing' };
  const context = { institution: info.id, county: info.regionCode, actor: principal.userId, now };
  const action = form.get('action');
  const current = await currentReports(db, [info.id]);
  const shown = modesFor(info, current);
  const modeField = form.get('mode');
  const mode = isAvailabilityMode(modeField) && shown.includes(modeField) ? modeField : undefined;
  if (action === 'report' && mode !== undefined) {
    const check = checkReport(mode, (field) => form.get(field));
    if (!check.ok) {
      const values: Partial<Record<ReportField, string>> = {};
      for (const field of REPORT_FIELDS) {
        const value = form.get(field);
        if (value !== null) values[field] = value;
      }
      return { kind: 'invalid', mode, errors: check.errors, values };
    }
    return { kind: 'reported', report: await appendReport(db, context, mode, check.report) };
  }
  const modes = action === 'confirm' && mode !== undefined ? [mode] : action === 'confirm-all' ? freshModes(current, info.id, now) : [];
  const reports = await confirmReports(db, context, modes);
  return reports.length === 0 ? { kind: 'nothing' } : { kind: 'confirmed', reports };
}

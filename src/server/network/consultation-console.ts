/**
 * Consultation requests in the staff console: who handles them (only the people of the
 * institution the request went to: its managers and staff; commission staff see counts and
 * flags for their region, never the family's details), and what a posted change means.
 */
import type { InstitutionInfo } from '../../lib/forms/reference-data.ts';
import { formReference } from '../../lib/forms/reference-data.ts';
import {
  CALL_PARTS,
  DECLINE_REASONS,
  OUTCOMES,
  validCallDay,
  type Action,
  type CallPart,
  type DeclineReason,
  type Outcome,
} from '../../lib/network/consultations.ts';
import { ownInstitutions, ownRegions, withinRegion, type StaffPrincipal } from '../../lib/network/roles.ts';
import type { UiKey } from '../../i18n/index.ts';
import type { Conn } from '../db/transaction.ts';
import { changeStatus, countOpen, openTargets, type ChangeInput, type InstitutionCounts } from './consultations.ts';

/** Whether the person handles `institution`'s requests: its manager or staff, and a real institution. */
export function handlesConsultations(principal: StaffPrincipal, info: InstitutionInfo | undefined): info is InstitutionInfo {
  return info !== undefined && !info.sample && ownInstitutions(principal.grants).includes(info.id);
}

/** Whether the person sets `institution`'s response promise and webhook: its manager. */
export function managesConsultations(principal: StaffPrincipal, institution: string): boolean {
  return principal.grants.some((g) => g.role === 'manager' && g.institution === institution);
}

/** The real institutions the person handles requests for, by area then name. */
export function consultationInstitutions(principal: StaffPrincipal): InstitutionInfo[] {
  const own = new Set(ownInstitutions(principal.grants));
  return formReference().institutions.filter((i) => own.has(i.id) && !i.sample);
}

/** For commission staff: every real institution of their regions with new or overdue requests, overdue first. */
export async function regionOverview(
  db: Conn,
  principal: StaffPrincipal,
  now: Date,
): Promise<{ info: InstitutionInfo; counts: InstitutionCounts }[]> {
  const regions = ownRegions(principal.grants);
  if (regions.length === 0) return [];
  const inRegion = formReference().institutions.filter((i) => !i.sample && regions.some((r) => withinRegion(i.regionCode, r)));
  const counts = countOpen(
    await openTargets(
      db,
      inRegion.map((i) => i.id),
    ),
    now,
  );
  return inRegion
    .map((info) => ({ info, counts: counts.get(info.id) }))
    .filter((x): x is { info: InstitutionInfo; counts: InstitutionCounts } => x.counts !== undefined)
    .sort((a, b) => b.counts.overdue - a.counts.overdue || b.counts.fresh - a.counts.fresh);
}

export type ChangeErrors = Partial<Record<'callDay' | 'callPart' | 'reason' | 'outcome', UiKey>>;

export type ChangeOutcome =
  | { readonly kind: 'done'; readonly action: Action }
  /** The step is no longer allowed (changed in another tab, or a page sent twice). */
  | { readonly kind: 'stale' }
  | { readonly kind: 'invalid'; readonly action: Action; readonly errors: ChangeErrors; readonly values: Readonly<Record<string, string>> };

const ACTIONS: readonly Action[] = ['accept', 'decline', 'contacted', 'close'];
const pick = <T extends string>(list: readonly T[], value: string): T | undefined => list.find((x) => x === value);

/** Reads a posted change (action and its detail), checks it, and applies it. */
export async function consultationChange(
  db: Conn,
  principal: StaffPrincipal,
  info: InstitutionInfo,
  ref: string,
  form: URLSearchParams,
  now: Date,
): Promise<ChangeOutcome> {
  const action = pick(ACTIONS, form.get('action') ?? '');
  if (action === undefined) return { kind: 'stale' };
  const values = Object.fromEntries(['callDay', 'callPart', 'reason', 'outcome'].map((k) => [k, (form.get(k) ?? '').trim()]));
  const errors: ChangeErrors = {};
  const change: { -readonly [K in keyof ChangeInput]: ChangeInput[K] } = { action };
  if (action === 'accept') {
    const part = pick<CallPart>(CALL_PARTS, values['callPart'] ?? '');
    if (!validCallDay(values['callDay'] ?? '', now)) errors.callDay = 'staffConsult.error.callDay';
    if (part === undefined) errors.callPart = 'staffConsult.error.callPart';
    change.callDay = values['callDay'];
    change.callPart = part;
  }
  if (action === 'decline') {
    const reason = pick<DeclineReason>(DECLINE_REASONS, values['reason'] ?? '');
    if (reason === undefined) errors.reason = 'staffConsult.error.reason';
    change.reason = reason;
  }
  if (action === 'close') {
    const outcome = pick<Outcome>(OUTCOMES, values['outcome'] ?? '');
    if (outcome === undefined) errors.outcome = 'staffConsult.error.outcome';
    change.outcome = outcome;
  }
  if (Object.keys(errors).length > 0) return { kind: 'invalid', action, errors, values };
  const status = await changeStatus(db, principal.userId, info.id, info.regionCode, ref, change, now);
  return status === undefined ? { kind: 'stale' } : { kind: 'done', action };
}

/**
 * The console's side of listings: reading the listing form into a proposal (validated as
 * the build validates), and what a reviewer's approval writes into the record's
 * provenance. Storage is proposals.ts; the rules are src/lib/listings/rules.ts.
 */
import { formatInstitutionJson, type Institution } from '../../schemas/institution.ts';
import {
  allFieldNames,
  fieldOfProblem,
  postedValues,
  readListingForm,
  type FormErrors,
  type ReadForm,
} from '../../lib/listings/record-form.ts';
import { WHOLE_SITE, regionPrefix, withinRegion, type StaffGrant, type StaffPrincipal } from '../../lib/network/roles.ts';
import { todayInChina } from '../../lib/registry/load.ts';
import type { Conn } from '../db/transaction.ts';
import { propose } from './proposals.ts';
import { readRecord, registryRegions } from './registry-files.ts';
import { checkProposedRecord } from './validate.ts';

/** The commission a reviewer answers for, by name (北京市东城区卫生健康委员会), for the record's provenance. */
export function reviewerBody(grants: readonly StaffGrant[], county: string): string {
  const regions = registryRegions();
  // The nearest commission: a district's rather than the province's, when the person holds both.
  const grant = grants
    .flatMap((g) => (g.role === 'commission' && withinRegion(county, g.region) ? [g.region] : []))
    .sort((a, b) => regionPrefix(b).length - regionPrefix(a).length)[0];
  if (grant === undefined || grant === WHOLE_SITE) return '本站运营方';
  return `${regions.fullName(grant) ?? grant}卫生健康委员会`;
}

/**
 * The record as it will be written when approved on `today`: provenance `institution`,
 * the approval date as verifiedAt, who approved it, and the former source kept in the note.
 */
export function withApproval(record: Institution, approver: { body: string; username: string }, today: string): Institution {
  const old = record.provenance;
  const formerly = old.kind === 'institution' ? old.note : `此前来源：${old.source}${old.url === undefined ? '' : `（${old.url}）`}`;
  return {
    ...record,
    provenance: {
      kind: 'institution',
      source: `${record.name}提供，经${approver.body}审核`,
      verifiedAt: today,
      ...(formerly === undefined ? {} : { note: formerly }),
      approvedBy: `${approver.body}（账号 ${approver.username}）`,
    },
  };
}

export type ProposeResult =
  | { readonly kind: 'saved'; readonly id: number }
  | { readonly kind: 'invalid'; readonly errors: FormErrors; readonly lines: readonly string[]; readonly values: Map<string, string[]> }
  | { readonly kind: 'busy' }
  | { readonly kind: 'gone' };

/**
 * Carries out a post of the listing form for an institution the person may propose for
 * (checked by the page). The form's record is checked with the registry's rules as it
 * would be written on approval today, so a proposal that would fail the build is sent
 * back with each message beside its field.
 */
export async function proposeChange(
  db: Conn,
  principal: StaffPrincipal,
  institution: string,
  form: ReadForm,
  now: Date,
): Promise<ProposeResult> {
  const current = readRecord(institution);
  if (current === undefined) return { kind: 'gone' };
  const read = readListingForm(form, current.record, false);
  const today = todayInChina(now);
  const candidate = withApproval(read.record, { body: '审核单位', username: principal.username }, today);
  const check = checkProposedRecord(candidate, today);
  const errors: FormErrors = { ...read.errors };
  const lines: string[] = [];
  check.problems.forEach((problem, i) => {
    const name = fieldOfProblem(problem.pathParts, candidate);
    if (name !== undefined && errors[name] === undefined) errors[name] = problem.message;
    else if (name === undefined) lines.push(check.lines[i] ?? problem.message);
  });
  if (Object.keys(errors).length > 0 || lines.length > 0) {
    return { kind: 'invalid', errors, lines, values: postedValues(form, allFieldNames()) };
  }
  const saved = await propose(db, {
    institution,
    county: current.record.regionCode,
    kind: 'change',
    base: current.text,
    proposed: formatInstitutionJson(read.record),
    message: read.message,
    actor: principal.userId,
    now,
  });
  return saved.ok ? { kind: 'saved', id: saved.id } : { kind: 'busy' };
}

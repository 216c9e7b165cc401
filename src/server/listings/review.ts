/**
 * What a reviewer's post on a proposal page does: approve (after the registry's checks
 * pass on the record as it will be written), reject with a reason, or retry a failed
 * publish; and the proposer's withdrawal. Who may is checked here too, with the rules of
 * src/lib/listings/rules.ts.
 */
import { formatInstitutionJson, institutionSchema, type Institution } from '../../schemas/institution.ts';
import { mayDecide, mayReview } from '../../lib/listings/rules.ts';
import type { StaffPrincipal } from '../../lib/network/roles.ts';
import { todayInChina } from '../../lib/registry/load.ts';
import type { Conn } from '../db/transaction.ts';
import { reviewerBody, withApproval } from './console.ts';
import { approveProposal, rejectProposal, retryProposal, withdrawProposal, type Proposal } from './proposals.ts';
import { readRecord } from './registry-files.ts';
import { checkProposedRecord } from './validate.ts';

export const MAX_REASON_LENGTH = 500;

export type ReviewOutcome =
  | { readonly kind: 'done'; readonly what: 'approved' | 'rejected' | 'withdrawn' | 'retried' }
  /** The action was refused; `message` says why, in Chinese. */
  | { readonly kind: 'refused'; readonly message: string; readonly lines?: readonly string[] };

/** The proposed record, parsed. */
export function proposedRecord(p: Proposal): Institution {
  return institutionSchema.parse(JSON.parse(p.proposed));
}

/** The record as approval would write it now (for the checks shown on the page and run on approval). */
export function recordAsApproved(p: Proposal, principal: StaffPrincipal, now: Date): Institution {
  return withApproval(
    proposedRecord(p),
    { body: reviewerBody(principal.grants, p.county), username: principal.username },
    todayInChina(now),
  );
}

/** Whether the record file changed since the proposal was made (an approval would undo that change). */
export function baseChanged(p: Proposal): boolean {
  if (p.kind === 'new') return readRecord(p.institution) !== undefined;
  return readRecord(p.institution)?.text !== p.base;
}

export async function reviewAction(
  db: Conn,
  principal: StaffPrincipal,
  p: Proposal,
  form: URLSearchParams,
  now: Date,
): Promise<ReviewOutcome> {
  const action = form.get('action');
  const d = { id: p.id, actor: principal.userId, now, county: p.county };
  if (action === 'withdraw') {
    if (p.proposedBy !== principal.userId) return { kind: 'refused', message: '只有提出人可以撤回。' };
    return (await withdrawProposal(db, d))
      ? { kind: 'done', what: 'withdrawn' }
      : { kind: 'refused', message: '这条修改已经处理过，不能再撤回。' };
  }
  if (action === 'retry') {
    if (!mayReview(principal.grants, p.county)) return { kind: 'refused', message: '只有所在地区卫健委的审核人员可以重新发布。' };
    return (await retryProposal(db, d))
      ? { kind: 'done', what: 'retried' }
      : { kind: 'refused', message: '这条修改现在不是“发布失败”状态。' };
  }
  if (action !== 'approve' && action !== 'reject') return { kind: 'refused', message: '没有这个操作。' };
  if (!mayDecide(principal.grants, principal.userId, p)) {
    return {
      kind: 'refused',
      message: p.proposedBy === principal.userId ? '自己提出的修改需要由另一位审核人员处理。' : '只有所在地区卫健委的审核人员可以审核。',
    };
  }
  if (p.status !== 'pending') return { kind: 'refused', message: '这条修改已经处理过了。' };
  if (action === 'reject') {
    const reason = (form.get('reason') ?? '').trim();
    if (reason === '') return { kind: 'refused', message: '请写明不通过的原因，机构会看到它。' };
    if ([...reason].length > MAX_REASON_LENGTH) return { kind: 'refused', message: `原因请不超过 ${MAX_REASON_LENGTH} 个字。` };
    return (await rejectProposal(db, { ...d, reason }))
      ? { kind: 'done', what: 'rejected' }
      : { kind: 'refused', message: '这条修改已经处理过了。' };
  }
  if (baseChanged(p)) {
    return {
      kind: 'refused',
      message: '提出这条修改之后，这家机构的登记信息已经更新过；批准会覆盖那次更新。请不通过并请机构在最新信息上重新提出。',
    };
  }
  const record = recordAsApproved(p, principal, now);
  const check = checkProposedRecord(record, todayInChina(now));
  if (check.lines.length > 0) return { kind: 'refused', message: '这条修改没有通过登记数据检查，不能批准：', lines: check.lines };
  const ok = await approveProposal(db, { ...d, approved: formatInstitutionJson(record) });
  return ok ? { kind: 'done', what: 'approved' } : { kind: 'refused', message: '这条修改已经处理过了。' };
}

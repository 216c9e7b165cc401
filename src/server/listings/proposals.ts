/**
 * Listing proposals in the database (migration 0006), on either engine: made by an
 * institution's manager (or commission staff), reviewed by the commission staff of the
 * institution's region, then published by publish.ts. These functions keep the states
 * straight and write the audit log in the same transaction; who may do what is checked by
 * the caller (src/lib/listings/rules.ts).
 *
 * One open proposal per institution: a new one replaces a pending one (the older is
 * marked withdrawn), and none can be made while an approved one waits to be published,
 * because each proposal is a whole record made on the file as it was.
 */
import { recordAudit } from '../auth/audit.ts';
import type { Updateable } from 'kysely';
import type { ListingProposalsTable } from '../db/schema.ts';
import { inTransaction, type Conn } from '../db/transaction.ts';

export type ProposalStatus = ListingProposalsTable['status'];

/** Statuses in which a proposal still waits for someone. */
export const OPEN_STATUSES: readonly ProposalStatus[] = ['pending', 'approved', 'publishing', 'failed'];

export interface Proposal {
  readonly id: number;
  readonly institution: string;
  readonly county: string;
  readonly kind: 'change' | 'new';
  /** The record file's text when proposed (null for an application). */
  readonly base: string | null;
  readonly proposed: string;
  readonly status: ProposalStatus;
  readonly proposedBy: string;
  readonly proposedAt: string;
  /** The applicant's contact (JSON), for an application from the public; personal data. */
  readonly applicant: string | null;
  readonly message: string | null;
  readonly decidedBy: string | null;
  readonly decidedAt: string | null;
  readonly reason: string | null;
  readonly approved: string | null;
  readonly publishRun: number | null;
  readonly publishedAt: string | null;
  readonly failure: string | null;
}

type Row = Omit<ListingProposalsTable, 'id' | 'publish_run'> & { id: number | string; publish_run: number | string | null };

function fromRow(row: Row): Proposal {
  return {
    id: Number(row.id),
    institution: row.institution,
    county: row.county,
    kind: row.kind,
    base: row.base,
    proposed: row.proposed,
    status: row.status,
    proposedBy: row.proposed_by,
    proposedAt: row.proposed_at,
    applicant: row.applicant,
    message: row.message,
    decidedBy: row.decided_by,
    decidedAt: row.decided_at,
    reason: row.reason,
    approved: row.approved,
    publishRun: row.publish_run === null ? null : Number(row.publish_run),
    publishedAt: row.published_at,
    failure: row.failure,
  };
}

export interface NewProposal {
  readonly institution: string;
  readonly county: string;
  readonly kind: 'change' | 'new';
  readonly base: string | null;
  /** The whole proposed record, canonical JSON (formatInstitutionJson). */
  readonly proposed: string;
  readonly message: string | undefined;
  /** Who applied (an application from the public), as JSON; undefined for staff proposals. */
  readonly applicant?: string | undefined;
  readonly actor: string;
  readonly now: Date;
}

export type ProposeOutcome =
  { readonly ok: true; readonly id: number; readonly replaced: number } | { readonly ok: false; readonly reason: 'publishing' };

/** Saves a proposal; a pending one for the same institution is withdrawn in its favour. */
export async function propose(db: Conn, p: NewProposal): Promise<ProposeOutcome> {
  return inTransaction(db, async (tx) => {
    const open = await tx.kysely
      .selectFrom('listing_proposals')
      .select(['id', 'status'])
      .where('institution', '=', p.institution)
      .where('status', 'in', ['pending', 'approved', 'publishing'])
      .execute();
    if (open.some((o) => o.status !== 'pending')) return { ok: false, reason: 'publishing' } as const;
    const at = p.now.toISOString();
    for (const o of open) {
      await tx.kysely
        .updateTable('listing_proposals')
        .set({ status: 'withdrawn', decided_at: at, decided_by: p.actor, reason: '由新的修改建议取代' })
        .where('id', '=', o.id)
        .execute();
    }
    const row = await tx.kysely
      .insertInto('listing_proposals')
      .values({
        institution: p.institution,
        county: p.county,
        kind: p.kind,
        base: p.base,
        proposed: p.proposed,
        status: 'pending',
        proposed_by: p.actor,
        proposed_at: at,
        applicant: p.applicant ?? null,
        message: p.message ?? null,
        decided_by: null,
        decided_at: null,
        reason: null,
        approved: null,
        publish_run: null,
        published_at: null,
        failure: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const id = Number(row.id);
    await recordAudit(
      tx,
      {
        actor: p.actor,
        action: 'listing.proposed',
        targetKind: 'listing',
        targetRef: String(id),
        scope: p.county,
        detail: `${p.kind} ${p.institution}`,
      },
      p.now,
    );
    return { ok: true, id, replaced: open.length } as const;
  });
}

/** One proposal by id. */
export async function findProposal(db: Conn, id: number): Promise<Proposal | undefined> {
  if (!Number.isSafeInteger(id) || id <= 0) return undefined;
  const row = await db.kysely.selectFrom('listing_proposals').selectAll().where('id', '=', id).executeTakeFirst();
  return row === undefined ? undefined : fromRow(row);
}

export interface ProposalFilter {
  /** Only these statuses (default: all). */
  readonly statuses?: readonly ProposalStatus[];
  /** Only these institutions. */
  readonly institutions?: readonly string[];
  /** Only counties starting with one of these prefixes ('' = everywhere). */
  readonly countyPrefixes?: readonly string[];
  readonly limit?: number;
}

/** Proposals, newest first. An empty institutions or prefixes list matches nothing. */
export async function listProposals(db: Conn, filter: ProposalFilter): Promise<Proposal[]> {
  if (filter.institutions?.length === 0 || filter.countyPrefixes?.length === 0) return [];
  let query = db.kysely
    .selectFrom('listing_proposals')
    .selectAll()
    .orderBy('id', 'desc')
    .limit(filter.limit ?? 200);
  if (filter.statuses !== undefined) query = query.where('status', 'in', [...filter.statuses]);
  if (filter.institutions !== undefined) query = query.where('institution', 'in', [...filter.institutions]);
  const prefixes = filter.countyPrefixes;
  if (prefixes !== undefined && !prefixes.includes('')) {
    query = query.where((eb) => eb.or(prefixes.map((prefix) => eb('county', 'like', `${prefix}%`))));
  }
  return (await query.execute()).map((r) => fromRow(r as Row));
}

export interface Decision {
  readonly id: number;
  readonly actor: string;
  readonly now: Date;
}

/** One move of a proposal between states: the update, whether it queues a build, and what the audit log calls it. */
interface Move {
  readonly from: 'pending' | 'failed';
  readonly set: Updateable<ListingProposalsTable>;
  readonly publish: boolean;
  readonly action: 'listing.approved' | 'listing.rejected' | 'listing.withdrawn' | 'listing.retried';
}

/**
 * Moves a proposal if it is still in `move.from` (a conditional update, so two reviewers
 * deciding at once cannot both win), queues a build when the move asks for one, and writes
 * the audit entry, all in one transaction; false when someone else moved it first.
 */
async function moveProposal(db: Conn, d: Decision & { readonly county: string }, move: Move): Promise<boolean> {
  return inTransaction(db, async (tx) => {
    const done = await tx.kysely
      .updateTable('listing_proposals')
      .set(move.set)
      .where('id', '=', d.id)
      .where('status', '=', move.from)
      .executeTakeFirst();
    if (Number(done.numUpdatedRows) !== 1) return false;
    if (move.publish) await queuePublishRun(tx, d.now);
    await recordAudit(tx, { actor: d.actor, action: move.action, targetKind: 'listing', targetRef: String(d.id), scope: d.county }, d.now);
    return true;
  });
}

/**
 * Approves a pending proposal with the record as it will be written, and queues a publish
 * run; false when it was no longer pending (someone else decided first).
 */
export const approveProposal = (db: Conn, d: Decision & { readonly approved: string; readonly county: string }): Promise<boolean> =>
  moveProposal(db, d, {
    from: 'pending',
    set: { status: 'approved', decided_by: d.actor, decided_at: d.now.toISOString(), approved: d.approved, reason: null },
    publish: true,
    action: 'listing.approved',
  });

/** Rejects a pending proposal with a reason; false when it was no longer pending. */
export const rejectProposal = (db: Conn, d: Decision & { readonly reason: string; readonly county: string }): Promise<boolean> =>
  moveProposal(db, d, {
    from: 'pending',
    set: { status: 'rejected', decided_by: d.actor, decided_at: d.now.toISOString(), reason: d.reason },
    publish: false,
    action: 'listing.rejected',
  });

/** The proposer takes back a pending proposal; false when it was no longer pending. */
export const withdrawProposal = (db: Conn, d: Decision & { readonly county: string }): Promise<boolean> =>
  moveProposal(db, d, {
    from: 'pending',
    set: { status: 'withdrawn', decided_by: d.actor, decided_at: d.now.toISOString(), reason: '提出人撤回' },
    publish: false,
    action: 'listing.withdrawn',
  });

/** A failed proposal goes back to the publish queue (the reviewer's "再试一次"). */
export const retryProposal = (db: Conn, d: Decision & { readonly county: string }): Promise<boolean> =>
  moveProposal(db, d, {
    from: 'failed',
    set: { status: 'approved', failure: null, publish_run: null },
    publish: true,
    action: 'listing.retried',
  });

/** Queues a publish run unless one is queued already (one build picks up every approved proposal). */
export async function queuePublishRun(db: Conn, now: Date): Promise<void> {
  const queued = await db.kysely.selectFrom('publish_runs').select('id').where('status', '=', 'queued').executeTakeFirst();
  if (queued !== undefined) return;
  await db.kysely
    .insertInto('publish_runs')
    .values({
      status: 'queued',
      requested_at: now.toISOString(),
      started_at: null,
      finished_at: null,
      node: null,
      build_dir: null,
      message: null,
    })
    .execute();
}

/**
 * Event changes in the database (migration 0009), on either engine: a new event or an edit
 * made in the console, either straight to the publish queue (`approved`: its institution
 * or the region's commission made it) or waiting for the region's commission (`pending`:
 * an organiser not in the registry). The audit log is written in the same transaction.
 * Published by src/server/listings/publish.ts with the listings.
 */
import { recordAudit } from '../auth/audit.ts';
import type { EventChangesTable } from '../db/schema.ts';
import { inTransaction, type Conn } from '../db/transaction.ts';
import { queuePublishRun } from '../listings/proposals.ts';

export type EventChangeStatus = EventChangesTable['status'];

export interface EventChange {
  readonly id: number;
  readonly eventId: string;
  readonly county: string;
  readonly institution: string | null;
  readonly base: string | null;
  readonly proposed: string;
  readonly status: EventChangeStatus;
  readonly proposedBy: string;
  readonly proposedAt: string;
  readonly decidedBy: string | null;
  readonly decidedAt: string | null;
  readonly reason: string | null;
  readonly publishedAt: string | null;
  readonly failure: string | null;
}

type Row = Omit<EventChangesTable, 'id' | 'publish_run'> & { id: number | string; publish_run: number | string | null };

function fromRow(r: Row): EventChange {
  return {
    id: Number(r.id),
    eventId: r.event_id,
    county: r.county,
    institution: r.institution,
    base: r.base,
    proposed: r.proposed,
    status: r.status,
    proposedBy: r.proposed_by,
    proposedAt: r.proposed_at,
    decidedBy: r.decided_by,
    decidedAt: r.decided_at,
    reason: r.reason,
    publishedAt: r.published_at,
    failure: r.failure,
  };
}

export interface NewEventChange {
  readonly eventId: string;
  readonly county: string;
  readonly institution: string | null;
  readonly base: string | null;
  readonly proposed: string;
  /** True when it needs the region's commission (an organiser not in the registry). */
  readonly review: boolean;
  readonly actor: string;
  readonly now: Date;
}

export type SaveOutcome = { readonly ok: true; readonly id: number } | { readonly ok: false; readonly reason: 'publishing' };

/** Saves a change; a pending one for the same event is withdrawn in its favour; none while one is being published. */
export async function saveEventChange(db: Conn, c: NewEventChange): Promise<SaveOutcome> {
  return inTransaction(db, async (tx) => {
    const open = await tx.kysely
      .selectFrom('event_changes')
      .select(['id', 'status'])
      .where('event_id', '=', c.eventId)
      .where('status', 'in', ['pending', 'approved', 'publishing'])
      .execute();
    if (open.some((o) => o.status !== 'pending')) return { ok: false, reason: 'publishing' } as const;
    const at = c.now.toISOString();
    for (const o of open) {
      await tx.kysely
        .updateTable('event_changes')
        .set({ status: 'withdrawn', decided_at: at, decided_by: c.actor, reason: '由新的修改取代' })
        .where('id', '=', o.id)
        .execute();
    }
    const row = await tx.kysely
      .insertInto('event_changes')
      .values({
        event_id: c.eventId,
        county: c.county,
        institution: c.institution,
        base: c.base,
        proposed: c.proposed,
        status: c.review ? 'pending' : 'approved',
        proposed_by: c.actor,
        proposed_at: at,
        decided_by: c.review ? null : c.actor,
        decided_at: c.review ? null : at,
        reason: null,
        publish_run: null,
        published_at: null,
        failure: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (!c.review) await queuePublishRun(tx, c.now);
    await recordAudit(
      tx,
      {
        actor: c.actor,
        action: 'event.saved',
        targetKind: 'event',
        targetRef: c.eventId,
        scope: c.county,
        detail: c.review ? 'review' : 'publish',
      },
      c.now,
    );
    return { ok: true, id: Number(row.id) } as const;
  });
}

export async function findEventChange(db: Conn, id: number): Promise<EventChange | undefined> {
  if (!Number.isSafeInteger(id) || id <= 0) return undefined;
  const row = await db.kysely.selectFrom('event_changes').selectAll().where('id', '=', id).executeTakeFirst();
  return row === undefined ? undefined : fromRow(row);
}

/** Changes, newest first: of these events, or of counties under these prefixes ('' = all). */
export async function listEventChanges(
  db: Conn,
  filter: {
    readonly institutions?: readonly string[];
    readonly countyPrefixes?: readonly string[];
    readonly statuses?: readonly EventChangeStatus[];
    readonly limit?: number;
  },
): Promise<EventChange[]> {
  const { institutions, countyPrefixes } = filter;
  if ((institutions?.length ?? 0) === 0 && (countyPrefixes?.length ?? 0) === 0) return [];
  let q = db.kysely
    .selectFrom('event_changes')
    .selectAll()
    .orderBy('id', 'desc')
    .limit(filter.limit ?? 100);
  if (filter.statuses !== undefined) q = q.where('status', 'in', [...filter.statuses]);
  // The whole site ('') sees every change; otherwise its institutions' and its counties'.
  if (!(countyPrefixes ?? []).includes('')) {
    q = q.where((eb) =>
      eb.or([
        ...(institutions ?? []).map((i) => eb('institution', '=', i)),
        ...(countyPrefixes ?? []).map((p) => eb('county', 'like', `${p}%`)),
      ]),
    );
  }
  return (await q.execute()).map((r) => fromRow(r as Row));
}

/** The region's commission approves (queues the publish) or rejects a pending change; false when no longer pending. */
export async function decideEventChange(
  db: Conn,
  d: {
    readonly id: number;
    readonly actor: string;
    readonly now: Date;
    readonly county: string;
    readonly approve: boolean;
    readonly reason?: string | undefined;
  },
): Promise<boolean> {
  return inTransaction(db, async (tx) => {
    const done = await tx.kysely
      .updateTable('event_changes')
      .set({ status: d.approve ? 'approved' : 'rejected', decided_by: d.actor, decided_at: d.now.toISOString(), reason: d.reason ?? null })
      .where('id', '=', d.id)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    if (Number(done.numUpdatedRows) !== 1) return false;
    if (d.approve) await queuePublishRun(tx, d.now);
    await recordAudit(
      tx,
      {
        actor: d.actor,
        action: d.approve ? 'event.approved' : 'event.rejected',
        targetKind: 'event-change',
        targetRef: String(d.id),
        scope: d.county,
      },
      d.now,
    );
    return true;
  });
}

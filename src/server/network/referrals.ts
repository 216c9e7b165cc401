/**
 * Referrals in the database (migration 0008), on either engine. The rules are pure
 * (src/lib/network/referral.ts); this module stores what they allow, seals what is
 * sensitive, and writes every change and every opening of the clinical fields to the
 * audit log in the same transaction (codes only: never a name, a phone or free text).
 *
 * Who may see a referral is the caller's check (sidesFor, 404 otherwise); `sides` passed in
 * here are what that check found. Times come in as `now`.
 */
import { chinaWeekOf } from '../../lib/network/ledger.ts';
import { sql } from 'kysely';
import { REF_ALPHABET } from '../../schemas/ref-code.ts';
import {
  chinaWeek,
  isReferralStatus,
  modeOf,
  OPEN_STATUSES,
  transition,
  type ActionInput,
  type ReferralAction,
  type ReferralStatus,
  type Side,
} from '../../lib/network/referral.ts';
import { patientIdentity, type ClinicalSummary, type PatientDetails, type ReferralDraft } from '../../lib/network/referral-form.ts';
import { recordAudit } from '../auth/audit.ts';
import type { Db } from '../db/connect.ts';
import type { ReferralGroupsTable, ReferralsTable } from '../db/schema-referrals.ts';
import { inTransaction, type Conn } from '../db/transaction.ts';
import { announceNewReferral } from './referral-notices.ts';
import type { ReferralCrypto } from './referral-crypto.ts';

/** Sealing uses, one per field, so a sealed value copied into another column does not open. */
const USE = {
  patient: 'referral.patient',
  summary: 'referral.summary',
  reason: 'referral.reason',
  contact: 'referral.contact',
  rejectNote: 'referral.reject-note',
  comment: 'referral.comment',
} as const;

/** A referral's routing and status: everything the lists and the rules need, nothing sealed. */
export interface ReferralRecord {
  readonly id: number;
  readonly ref: string;
  readonly groupId: number;
  readonly fromInstitution: string;
  readonly fromCounty: string;
  readonly poolCounty: string | null;
  readonly toInstitution: string;
  readonly toCounty: string;
  readonly direction: string;
  readonly mode: string;
  readonly urgency: string;
  readonly status: ReferralStatus;
  readonly heldFrom: ReferralStatus | null;
  readonly plannedDate: string | null;
  readonly rejectReason: string | null;
  readonly receivedAt: string | null;
  readonly acknowledgedAt: string | null;
  readonly closedAt: string | null;
  readonly consentBy: string;
  readonly consentDate: string;
  readonly createdBy: string;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** What only the two institutions' staff read, opened from its seals. */
export interface ReferralDetails {
  readonly patient: PatientDetails;
  readonly clinical: ClinicalSummary;
  readonly reason: string;
  readonly referrerContact: string;
  readonly rejectNote: string | null;
}

export interface Destination {
  readonly institution: string;
  readonly county: string;
}

/** Who does something, for whom, when. */
export interface Actor {
  readonly userId: string;
  readonly now: Date;
}

type JoinedRow = Omit<ReferralsTable, 'id' | 'group_id'> &
  Omit<ReferralGroupsTable, 'id' | 'created_at'> & { id: number | string; group_id: number | string; group_created_at: string };

function fromRow(row: JoinedRow): ReferralRecord {
  const status = isReferralStatus(row.status) ? row.status : 'requested';
  return {
    id: Number(row.id),
    ref: row.ref,
    groupId: Number(row.group_id),
    fromInstitution: row.from_institution,
    fromCounty: row.from_county,
    poolCounty: row.pool_county,
    toInstitution: row.to_institution,
    toCounty: row.to_county,
    direction: row.direction,
    mode: row.mode,
    urgency: row.urgency,
    status,
    heldFrom: isReferralStatus(row.held_from) ? row.held_from : null,
    plannedDate: row.planned_date,
    rejectReason: row.reject_reason,
    receivedAt: row.received_at,
    acknowledgedAt: row.acknowledged_at,
    closedAt: row.closed_at,
    consentBy: row.consent_by,
    consentDate: row.consent_date,
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function joined(db: Conn) {
  return db.kysely
    .selectFrom('referrals as r')
    .innerJoin('referral_groups as g', 'g.id', 'r.group_id')
    .select([
      'r.id',
      'r.ref',
      'r.group_id',
      'r.to_institution',
      'r.to_county',
      'r.status',
      'r.held_from',
      'r.planned_date',
      'r.reject_reason',
      'r.reject_note_sealed',
      'r.received_at',
      'r.acknowledged_at',
      'r.closed_at',
      'r.created_at',
      'r.updated_at',
      'g.from_institution',
      'g.from_county',
      'g.pool_county',
      'g.direction',
      'g.mode',
      'g.urgency',
      'g.open_key',
      'g.patient_sealed',
      'g.summary_sealed',
      'g.reason_sealed',
      'g.contact_sealed',
      'g.consent_by',
      'g.consent_date',
      'g.created_by',
      'g.created_at as group_created_at',
    ]);
}

/** Z-XXXXXXXX: a referral's code (Z for 转介), from the reference codes' alphabet without look-alikes. */
function newReferralRef(): string {
  const bytes = new Uint8Array(16);
  let out = '';
  while (out.length < 8) {
    crypto.getRandomValues(bytes);
    for (const b of bytes) if (b < 248 && out.length < 8) out += REF_ALPHABET[b % 31];
  }
  return `Z-${out}`;
}

export const REFERRAL_REF = /^Z-[2-9A-HJKMNP-Z]{8}$/;

/** The open key of a patient and direction: a keyed hash, never the name or phone. */
export function openKeyOf(crypto: ReferralCrypto, patient: Pick<PatientDetails, 'name' | 'phone'>, direction: string): string {
  return `${crypto.patientKey(patientIdentity(patient))}:${direction}`;
}

/** What the audit log keeps of a referral: routing codes and the status, never a person. */
const auditDetail = (r: Pick<ReferralRecord, 'direction' | 'mode' | 'urgency'>, status: string, extra = '') =>
  `direction=${r.direction}; mode=${r.mode}; urgency=${r.urgency}; status=${status}${extra}`;

export type CreateResult = { readonly ok: true; readonly refs: string[] } | { readonly ok: false; readonly reason: 'duplicate' };

/** Is this error the database refusing a second open referral (the unique open_key)? */
function isDuplicateKey(error: unknown): boolean {
  const e = error as { code?: string; message?: string };
  return e.code === '23505' || /UNIQUE constraint failed: referral_groups\.open_key/.test(String(e.message));
}

/**
 * Stores a referral to each destination (one, or every one of a district), as one group.
 * Refused with 'duplicate' when the patient already has an open referral in this direction
 * (from any institution); under concurrency the database's unique key decides.
 */
export async function createReferrals(
  db: Conn,
  crypto: ReferralCrypto,
  origin: { readonly institution: string; readonly county: string },
  draft: ReferralDraft,
  destinations: readonly Destination[],
  poolCounty: string | null,
  actor: Actor,
): Promise<CreateResult> {
  if (destinations.length === 0) throw new Error('a referral needs a destination');
  const openKey = openKeyOf(crypto, draft.patient, draft.direction);
  const at = actor.now.toISOString();
  const { sealer } = crypto;
  try {
    const refs = await inTransaction(db, async (tx) => {
      const taken = await tx.kysely.selectFrom('referral_groups').select('id').where('open_key', '=', openKey).executeTakeFirst();
      if (taken !== undefined) return null;
      const group = await tx.kysely
        .insertInto('referral_groups')
        .values({
          from_institution: origin.institution,
          from_county: origin.county,
          pool_county: poolCounty,
          direction: draft.direction,
          mode: modeOf(draft.direction),
          urgency: draft.urgency,
          open_key: openKey,
          patient_sealed: sealer.seal(JSON.stringify(draft.patient), USE.patient),
          summary_sealed: sealer.seal(JSON.stringify(draft.clinical), USE.summary),
          reason_sealed: sealer.seal(draft.reason, USE.reason),
          contact_sealed: sealer.seal(draft.referrerContact, USE.contact),
          consent_by: draft.consentBy,
          consent_date: draft.consentDate,
          created_by: actor.userId,
          created_at: at,
        })
        .returning(['id', 'mode'])
        .executeTakeFirstOrThrow();
      const made: string[] = [];
      for (const destination of destinations) {
        const ref = newReferralRef();
        const row = await tx.kysely
          .insertInto('referrals')
          .values({
            ref,
            group_id: Number(group.id),
            to_institution: destination.institution,
            to_county: destination.county,
            status: 'requested',
            held_from: null,
            planned_date: null,
            reject_reason: null,
            reject_note_sealed: null,
            received_at: null,
            acknowledged_at: null,
            closed_at: null,
            created_at: at,
            updated_at: at,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await tx.kysely
          .insertInto('referral_events')
          .values({ referral_id: Number(row.id), at, actor: actor.userId, action: 'create', status: 'requested' })
          .execute();
        await recordAudit(
          tx,
          {
            actor: actor.userId,
            action: 'referral.created',
            targetKind: 'referral',
            targetRef: ref,
            scope: origin.county,
            detail: auditDetail(
              { direction: draft.direction, mode: group.mode, urgency: draft.urgency },
              'requested',
              `; to=${destination.institution}`,
            ),
          },
          actor.now,
        );
        // The destination hears that something arrived (no personal data): src/server/network/referral-notices.ts.
        await announceNewReferral(tx, destination.institution);
        made.push(ref);
      }
      return made;
    });
    return refs === null ? { ok: false, reason: 'duplicate' } : { ok: true, refs };
  } catch (error) {
    if (isDuplicateKey(error)) return { ok: false, reason: 'duplicate' };
    throw error;
  }
}

/** One referral by its code, without opening anything. */
export async function referralByRef(db: Conn, ref: string): Promise<ReferralRecord | undefined> {
  if (!REFERRAL_REF.test(ref)) return undefined;
  const row = await joined(db).where('r.ref', '=', ref).executeTakeFirst();
  return row === undefined ? undefined : fromRow(row);
}

/**
 * Opens the patient's details, the clinical summary and the free text of a referral for a
 * person of `side`, and writes that reading to the audit log (who, which referral, which
 * side; never what was read).
 */
export async function openDetails(
  db: Conn,
  crypto: ReferralCrypto,
  record: ReferralRecord,
  sides: readonly Side[],
  actor: Actor,
): Promise<ReferralDetails> {
  const row = await db.kysely
    .selectFrom('referrals as r')
    .innerJoin('referral_groups as g', 'g.id', 'r.group_id')
    .select(['g.patient_sealed', 'g.summary_sealed', 'g.reason_sealed', 'g.contact_sealed', 'r.reject_note_sealed'])
    .where('r.id', '=', record.id)
    .executeTakeFirstOrThrow();
  const { sealer } = crypto;
  const details: ReferralDetails = {
    patient: JSON.parse(sealer.open(row.patient_sealed, USE.patient)) as PatientDetails,
    clinical: JSON.parse(sealer.open(row.summary_sealed, USE.summary)) as ClinicalSummary,
    reason: sealer.open(row.reason_sealed, USE.reason),
    referrerContact: sealer.open(row.contact_sealed, USE.contact),
    rejectNote: row.reject_note_sealed === null ? null : sealer.open(row.reject_note_sealed, USE.rejectNote),
  };
  await recordAudit(
    db,
    {
      actor: actor.userId,
      action: 'referral.viewed',
      targetKind: 'referral',
      targetRef: record.ref,
      scope: sides.includes('destination') ? record.toCounty : record.fromCounty,
      detail: `fields=patient,summary,reason,comments; side=${sides.join('+')}`,
    },
    actor.now,
  );
  return details;
}

export type ActionResult = { readonly ok: true; readonly status: ReferralStatus } | { readonly ok: false; readonly message: string };

/**
 * Takes `action` on a referral for a person of `sides`, if the rules allow it from the
 * status it has now (read again inside the transaction, and the update conditional on it,
 * so two people pressing at once cannot both move it). A referral whose group has no open
 * referral left frees the patient's open key.
 */
export async function actOn(
  db: Conn,
  crypto: ReferralCrypto,
  ref: string,
  action: ReferralAction,
  sides: readonly Side[],
  input: ActionInput,
  actor: Actor,
): Promise<ActionResult> {
  return inTransaction(db, async (tx) => {
    const record = await referralByRef(tx, ref);
    if (record === undefined) return { ok: false, message: '找不到这份转介。' };
    const result = transition(record, action, sides, input, actor.now);
    if (!result.ok) return result;
    const next = result.next;
    const at = actor.now.toISOString();
    const closes =
      next.status === 'rejected' || next.status === 'cancelled' || (next.status === 'completed' && record.status !== 'completed');
    const note = (input.rejectNote ?? '').trim();
    const changed = await tx.kysely
      .updateTable('referrals')
      .set({
        status: next.status,
        held_from: next.heldFrom,
        planned_date: next.plannedDate,
        ...(action === 'reject'
          ? { reject_reason: next.rejectReason, reject_note_sealed: note === '' ? null : crypto.sealer.seal(note, USE.rejectNote) }
          : {}),
        ...(action === 'receive' ? { received_at: at } : {}),
        ...(next.acknowledged ? { acknowledged_at: at } : {}),
        ...(closes ? { closed_at: at } : {}),
        updated_at: at,
      })
      .where('id', '=', record.id)
      .where('status', '=', record.status)
      // Acknowledging leaves the status as it is: the unset acknowledgement is what two presses race for.
      .$if(action === 'acknowledge', (q) => q.where('acknowledged_at', 'is', null))
      .executeTakeFirst();
    if (Number(changed.numUpdatedRows) !== 1) return { ok: false, message: '这份转介刚刚被别人改过，请看一下现在的状态再操作。' };
    await tx.kysely
      .insertInto('referral_events')
      .values({ referral_id: record.id, at, actor: actor.userId, action, status: next.status })
      .execute();
    if (!(OPEN_STATUSES as readonly string[]).includes(next.status)) await releaseOpenKey(tx, record.groupId);
    // A rejection counts in the unmet-demand ledger, kept apart from the referral (no person
    // in it), so the weekly counts outlive the referral's own retention.
    if (action === 'reject') {
      await tx.kysely
        .insertInto('unmet_demand')
        .values({
          week: chinaWeekOf(actor.now),
          county: record.toCounty,
          mode: record.mode,
          reason: next.rejectReason ?? '其他',
          source: 'referral',
          created_at: at,
        })
        .execute();
    }
    const bySide = sides.includes('destination') && action !== 'cancel' && action !== 'acknowledge' ? record.toCounty : record.fromCounty;
    await recordAudit(
      tx,
      {
        actor: actor.userId,
        action: 'referral.status',
        targetKind: 'referral',
        targetRef: record.ref,
        scope: bySide,
        detail: auditDetail(record, next.status, `; action=${action}${next.rejectReason === null ? '' : `; reason=${next.rejectReason}`}`),
      },
      actor.now,
    );
    return { ok: true, status: next.status };
  });
}

/** Frees the patient's open key once no referral of the group is open any more. */
async function releaseOpenKey(tx: Conn, groupId: number): Promise<void> {
  const open = await tx.kysely
    .selectFrom('referrals')
    .select('id')
    .where('group_id', '=', groupId)
    .where('status', 'in', [...OPEN_STATUSES])
    .executeTakeFirst();
  if (open === undefined) await tx.kysely.updateTable('referral_groups').set({ open_key: null }).where('id', '=', groupId).execute();
}

export interface ReferralEvent {
  readonly at: string;
  readonly actor: string;
  readonly action: string;
  readonly status: string;
}

/** The status history of a referral, oldest first. */
export async function referralEvents(db: Conn, referralId: number): Promise<ReferralEvent[]> {
  return db.kysely
    .selectFrom('referral_events')
    .select(['at', 'actor', 'action', 'status'])
    .where('referral_id', '=', referralId)
    .orderBy('id')
    .execute();
}

export interface ReferralComment {
  readonly at: string;
  readonly author: string;
  readonly side: Side;
  readonly body: string;
}

export const MAX_COMMENT = 500;

/** Adds a comment (sealed) to the thread between the origin and this destination. */
export async function addComment(
  db: Conn,
  crypto: ReferralCrypto,
  record: ReferralRecord,
  side: Side,
  body: string,
  actor: Actor,
): Promise<void> {
  await inTransaction(db, async (tx) => {
    await tx.kysely
      .insertInto('referral_comments')
      .values({
        referral_id: record.id,
        at: actor.now.toISOString(),
        author: actor.userId,
        side,
        body_sealed: crypto.sealer.seal(body, USE.comment),
      })
      .execute();
    await tx.kysely.updateTable('referrals').set({ updated_at: actor.now.toISOString() }).where('id', '=', record.id).execute();
    await recordAudit(
      tx,
      {
        actor: actor.userId,
        action: 'referral.commented',
        targetKind: 'referral',
        targetRef: record.ref,
        scope: side === 'destination' ? record.toCounty : record.fromCounty,
        detail: `side=${side}`,
      },
      actor.now,
    );
  });
}

/** The comment thread, opened, oldest first (read together with the details, under the same audit entry). */
export async function referralComments(db: Conn, crypto: ReferralCrypto, referralId: number): Promise<ReferralComment[]> {
  const rows = await db.kysely.selectFrom('referral_comments').selectAll().where('referral_id', '=', referralId).orderBy('id').execute();
  return rows.map((r) => ({
    at: r.at,
    author: r.author,
    side: r.side === 'destination' ? 'destination' : 'origin',
    body: crypto.sealer.open(r.body_sealed, USE.comment),
  }));
}

/** The referrals to and from `institutions`, newest first, without opening anything. */
export async function referralsOf(
  db: Conn,
  institutions: readonly string[],
): Promise<{ incoming: ReferralRecord[]; outgoing: ReferralRecord[] }> {
  if (institutions.length === 0) return { incoming: [], outgoing: [] };
  const incoming = await joined(db)
    .where('r.to_institution', 'in', [...institutions])
    .orderBy('r.id', 'desc')
    .limit(200)
    .execute();
  const outgoing = await joined(db)
    .where('g.from_institution', 'in', [...institutions])
    .orderBy('r.id', 'desc')
    .limit(200)
    .execute();
  return { incoming: incoming.map(fromRow), outgoing: outgoing.map(fromRow) };
}

/**
 * The console home's counts for a person's own institutions: new incoming referrals (not
 * yet opened), and referrals waiting on them (opened but neither accepted nor declined, or
 * completed and awaiting the origin's acknowledgement).
 */
export async function referralAttention(db: Conn, institutions: readonly string[]): Promise<{ newIncoming: number; waiting: number }> {
  if (institutions.length === 0) return { newIncoming: 0, waiting: 0 };
  const count = async (q: ReturnType<typeof joined>) =>
    Number(
      (
        await q
          .clearSelect()
          .select(sql<string | number>`count(*)`.as('n'))
          .executeTakeFirst()
      )?.n ?? 0,
    );
  const newIncoming = await count(
    joined(db)
      .where('r.to_institution', 'in', [...institutions])
      .where('r.status', '=', 'requested'),
  );
  const received = await count(
    joined(db)
      .where('r.to_institution', 'in', [...institutions])
      .where('r.status', '=', 'received'),
  );
  const toAcknowledge = await count(
    joined(db)
      .where('g.from_institution', 'in', [...institutions])
      .where('r.status', '=', 'completed')
      .where('r.acknowledged_at', 'is', null),
  );
  return { newIncoming, waiting: received + toAcknowledge };
}

/** One rejected referral, as the unmet-demand ledger counts it. */
export interface LedgerRow {
  /** Monday of the week it was declined, China time. */
  readonly week: string;
  /** The destination's county. */
  readonly countyCode: string;
  readonly mode: string;
  readonly reason: string;
  readonly source: 'referral';
}

/** Every referral declined at or after `since`, for the unmet-demand ledger (no personal data). */
export async function rejectedReferralsForLedger(db: Db | Conn, since: Date): Promise<LedgerRow[]> {
  const rows = await db.kysely
    .selectFrom('referrals as r')
    .innerJoin('referral_groups as g', 'g.id', 'r.group_id')
    .select(['r.closed_at', 'r.to_county', 'g.mode', 'r.reject_reason'])
    .where('r.status', '=', 'rejected')
    .where('r.closed_at', '>=', since.toISOString())
    .orderBy('r.closed_at')
    .execute();
  return rows.map((r) => ({
    week: chinaWeek(new Date(r.closed_at ?? 0)),
    countyCode: r.to_county,
    mode: r.mode,
    reason: r.reject_reason ?? '其他',
    source: 'referral',
  }));
}

/**
 * Deletes referral groups whose every referral ended (rejected, cancelled or completed)
 * more than `days` ago, with their history and comments. Returns how many referrals went.
 */
export async function purgeClosedReferrals(db: Conn, days: number, now: Date): Promise<number> {
  const cutoff = new Date(now.getTime() - days * 86_400_000).toISOString();
  return inTransaction(db, async (tx) => {
    const k = tx.kysely;
    const stillOpen = k
      .selectFrom('referrals as o')
      .select('o.group_id')
      .where((eb) => eb.or([eb('o.closed_at', 'is', null), eb('o.closed_at', '>=', cutoff)]));
    const groups = (await k.selectFrom('referral_groups').select('id').where('id', 'not in', stillOpen).execute()).map((g) => Number(g.id));
    if (groups.length === 0) return 0;
    const ids = k.selectFrom('referrals').select('id').where('group_id', 'in', groups);
    await k.deleteFrom('referral_comments').where('referral_id', 'in', ids).execute();
    await k.deleteFrom('referral_events').where('referral_id', 'in', ids).execute();
    const gone = await k.deleteFrom('referrals').where('group_id', 'in', groups).executeTakeFirst();
    await k.deleteFrom('referral_groups').where('id', 'in', groups).execute();
    const n = Number(gone.numDeletedRows);
    await recordAudit(tx, { actor: 'system', action: 'referral.purged', detail: `referrals ${n}, groups ${groups.length}` }, now);
    return n;
  });
}

/**
 * The other referrals sent with this one to a district's institutions, for the origin's
 * page (their routing and status only): once one destination accepts, the origin sees the
 * others and withdraws them.
 */
export async function groupSiblings(db: Conn, record: Pick<ReferralRecord, 'id' | 'groupId'>): Promise<ReferralRecord[]> {
  const rows = await joined(db).where('r.group_id', '=', record.groupId).where('r.id', '!=', record.id).orderBy('r.id').execute();
  return rows.map(fromRow);
}

/** When a referral was first opened by its destination: the received step, taken on that first opening. */
export async function markReceived(db: Conn, crypto: ReferralCrypto, record: ReferralRecord, actor: Actor): Promise<void> {
  if (record.status !== 'requested') return;
  await actOn(db, crypto, record.ref, 'receive', ['destination'], {}, actor);
}

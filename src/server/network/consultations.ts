/**
 * Consultation requests in the database: storing a family's request (its personal fields
 * sealed), the family's own view and withdrawal, each institution's inbox and the changes
 * of status its staff make. No Astro here, so scripts and unit tests use it too. Every
 * staff read of a request's personal data and every change is written to the audit log by
 * the callers in the console (reads) or here (changes), never the data itself.
 */
import { timingSafeEqual } from 'node:crypto';
import { newRefCode } from '../../lib/forms/ref-code.ts';
import {
  ACTION_STATUS,
  DEFAULT_RESPONSE_DAYS,
  NEED_MODE,
  isOverdue,
  isStatus,
  mayDo,
  responseDue,
  type Action,
  type CallPart,
  type ConsultationStatus,
  type DeclineReason,
  type Need,
  type Outcome,
} from '../../lib/network/consultations.ts';
import { chinaWeekOf } from '../../lib/network/ledger.ts';
import type { ConsultationForm } from '../../schemas/consultation-form.ts';
import { recordAudit } from '../auth/audit.ts';
import type { Sealer } from '../crypto/sealed.ts';
import { inTransaction, type Conn } from '../db/transaction.ts';

/** The uses each sealed field is sealed for (bound into its key and tag). */
export const SEAL = {
  name: 'consultation.name',
  phone: 'consultation.phone',
  street: 'consultation.street',
  note: 'consultation.note',
  illness: 'consultation.illness',
} as const;

export const TARGET_KIND = 'consultations';

export interface NewConsultation {
  readonly form: ConsultationForm;
  /** The institutions it goes to, with the county of each (for the audit scope). */
  readonly institutions: readonly string[];
  readonly scope: 'chosen' | 'any';
  readonly consentVersion: string;
  readonly review: string | undefined;
}

/** Each institution's promise in working days (the default where none was set). */
export async function responseDaysOf(db: Conn, institutions: readonly string[]): Promise<Map<string, number>> {
  const out = new Map(institutions.map((id) => [id, DEFAULT_RESPONSE_DAYS]));
  if (institutions.length === 0) return out;
  const rows = await db.kysely
    .selectFrom('institution_settings')
    .select(['institution', 'response_days'])
    .where('institution', 'in', [...institutions])
    .execute();
  for (const row of rows) out.set(row.institution, Number(row.response_days));
  return out;
}

/** Stores a request and one target per institution; returns its reference code. */
export async function insertConsultation(db: Conn, sealer: Sealer, input: NewConsultation, now: Date): Promise<string> {
  const { form } = input;
  const at = now.toISOString();
  // 31⁸ ≈ 8.5 × 10¹¹ codes: a clash is left to the unique index (the family would see the form's server error).
  const ref = newRefCode('consultation');
  const inserted = await db.kysely
    .insertInto('consultations')
    .values({
      ref,
      created_at: at,
      updated_at: at,
      consent_version: input.consentVersion,
      consent_at: at,
      sensitive_consent: form.illness === undefined ? 0 : 1,
      relation: form.relation,
      call_time: form.callTime,
      age_band: form.ageBand,
      county: form.county,
      setting: form.setting,
      need: form.need,
      scope: input.scope,
      name_sealed: sealer.seal(form.name, SEAL.name),
      phone_sealed: sealer.seal(form.phone, SEAL.phone),
      street_sealed: form.street === undefined ? null : sealer.seal(form.street, SEAL.street),
      note_sealed: form.note === undefined ? null : sealer.seal(form.note, SEAL.note),
      illness_sealed: form.illness === undefined ? null : sealer.seal(form.illness, SEAL.illness),
      review: input.review ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const days = await responseDaysOf(db, input.institutions);
  for (const institution of input.institutions) {
    await db.kysely
      .insertInto('consultation_targets')
      .values({
        consultation_id: Number(inserted.id),
        institution,
        status: '新申请',
        status_at: at,
        due_at: responseDue(now, days.get(institution) ?? DEFAULT_RESPONSE_DAYS).toISOString(),
        created_at: at,
        updated_at: at,
      })
      .execute();
  }
  await recordAudit(
    db,
    {
      actor: 'public',
      action: 'consultation.created',
      targetKind: TARGET_KIND,
      targetRef: ref,
      scope: form.county,
      detail: `institutions ${input.institutions.length}, need ${form.need}, scope ${input.scope}`,
    },
    now,
  );
  return ref;
}

/** One institution's copy of a request, as stored. */
export interface TargetView {
  readonly institution: string;
  readonly status: ConsultationStatus;
  readonly statusAt: string;
  readonly dueAt: string;
  readonly callDay: string | null;
  readonly callPart: CallPart | null;
  readonly declineReason: DeclineReason | null;
  readonly outcome: Outcome | null;
}

function targetView(row: {
  institution: string;
  status: string;
  status_at: string;
  due_at: string;
  call_day: string | null;
  call_part: string | null;
  decline_reason: string | null;
  outcome: string | null;
}): TargetView {
  return {
    institution: row.institution,
    status: isStatus(row.status) ? row.status : '新申请',
    statusAt: row.status_at,
    dueAt: row.due_at,
    callDay: row.call_day,
    callPart: row.call_part as CallPart | null,
    declineReason: row.decline_reason as DeclineReason | null,
    outcome: row.outcome as Outcome | null,
  };
}

/** What the family sees on its status page: no personal data beyond what it proved it knows. */
export interface FamilyView {
  readonly id: number;
  readonly ref: string;
  readonly createdAt: string;
  readonly need: Need;
  readonly county: string;
  readonly targets: readonly TargetView[];
}

const sameText = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/**
 * The request with this code whose phone ends in `lastFour`; undefined for a wrong code or
 * digits (the same answer for both, so a guess learns nothing).
 */
export async function findForFamily(db: Conn, sealer: Sealer, ref: string, lastFour: string): Promise<FamilyView | undefined> {
  const row = await db.kysely
    .selectFrom('consultations')
    .select(['id', 'ref', 'created_at', 'need', 'county', 'phone_sealed'])
    .where('ref', '=', ref)
    .executeTakeFirst();
  if (row === undefined) return undefined;
  if (!sameText(sealer.open(row.phone_sealed, SEAL.phone).slice(-4), lastFour)) return undefined;
  const targets = await db.kysely
    .selectFrom('consultation_targets')
    .selectAll()
    .where('consultation_id', '=', Number(row.id))
    .orderBy('id')
    .execute();
  return {
    id: Number(row.id),
    ref: row.ref,
    createdAt: row.created_at,
    need: row.need as Need,
    county: row.county,
    targets: targets.map(targetView),
  };
}

/** Deletes a request and every institution's copy of it (the family withdrew). The ledger's anonymous counts stay. */
export async function withdrawConsultation(db: Conn, family: Pick<FamilyView, 'id' | 'ref' | 'county'>, now: Date): Promise<void> {
  await inTransaction(db, async (tx) => {
    await tx.kysely.deleteFrom('consultation_targets').where('consultation_id', '=', family.id).execute();
    await tx.kysely.deleteFrom('consultations').where('id', '=', family.id).execute();
    await recordAudit(
      tx,
      { actor: 'public', action: 'consultation.withdrawn', targetKind: TARGET_KIND, targetRef: family.ref, scope: family.county },
      now,
    );
  });
}

/** A line of an institution's inbox: no name, phone or free text. */
export interface InboxRow extends TargetView {
  readonly ref: string;
  readonly createdAt: string;
  readonly need: Need;
  readonly ageBand: string;
  readonly county: string;
  readonly setting: string;
  readonly review: string | null;
  readonly overdue: boolean;
}

/** One institution's requests: open ones first (oldest due first), then the most recent closed ones. */
export async function inbox(db: Conn, institution: string, now: Date, closedLimit = 50): Promise<InboxRow[]> {
  const rows = await db.kysely
    .selectFrom('consultation_targets as t')
    .innerJoin('consultations as c', 'c.id', 't.consultation_id')
    .select([
      't.institution',
      't.status',
      't.status_at',
      't.due_at',
      't.call_day',
      't.call_part',
      't.decline_reason',
      't.outcome',
      't.updated_at',
      'c.ref',
      'c.created_at',
      'c.need',
      'c.age_band',
      'c.county',
      'c.setting',
      'c.review',
    ])
    .where('t.institution', '=', institution)
    .orderBy('t.due_at')
    .execute();
  const view = rows.map((r): InboxRow => ({
    ...targetView(r),
    ref: r.ref,
    createdAt: r.created_at,
    need: r.need as Need,
    ageBand: r.age_band,
    county: r.county,
    setting: r.setting,
    review: r.review,
    overdue: false,
  }));
  const withFlag = view.map((r) => ({ ...r, overdue: isOverdue(r, now) }));
  const open = withFlag.filter((r) => r.status === '新申请' || r.status === '已受理' || r.status === '已联系');
  const closed = withFlag
    .filter((r) => r.status === '婉拒' || r.status === '已结束')
    .sort((a, b) => (a.statusAt < b.statusAt ? 1 : -1))
    .slice(0, closedLimit);
  return [...open, ...closed];
}

/** Everything one institution's staff see about one request: the personal fields opened. */
export interface ConsultationDetail extends InboxRow {
  readonly name: string;
  readonly phone: string;
  readonly relation: string;
  readonly callTime: string;
  readonly street: string | null;
  readonly note: string | null;
  readonly illness: string | null;
  /** How many institutions the request went to (this one included). */
  readonly targetCount: number;
}

/** The request `ref` as `institution` holds it; undefined when that institution has no copy of it. */
export async function consultationFor(
  db: Conn,
  sealer: Sealer,
  institution: string,
  ref: string,
  now: Date,
): Promise<ConsultationDetail | undefined> {
  const row = await db.kysely
    .selectFrom('consultation_targets as t')
    .innerJoin('consultations as c', 'c.id', 't.consultation_id')
    .selectAll('t')
    .select([
      'c.ref',
      'c.created_at as c_created',
      'c.need',
      'c.age_band',
      'c.county',
      'c.setting',
      'c.review',
      'c.relation',
      'c.call_time',
      'c.name_sealed',
      'c.phone_sealed',
      'c.street_sealed',
      'c.note_sealed',
      'c.illness_sealed',
    ])
    .where('t.institution', '=', institution)
    .where('c.ref', '=', ref)
    .executeTakeFirst();
  if (row === undefined) return undefined;
  const count = await db.kysely
    .selectFrom('consultation_targets')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('consultation_id', '=', Number(row.consultation_id))
    .executeTakeFirst();
  const target = targetView(row);
  const open = (value: string | null, use: string) => (value === null ? null : sealer.open(value, use));
  return {
    ...target,
    ref: row.ref,
    createdAt: row.c_created,
    need: row.need as Need,
    ageBand: row.age_band,
    county: row.county,
    setting: row.setting,
    review: row.review,
    overdue: isOverdue(target, now),
    name: sealer.open(row.name_sealed, SEAL.name),
    phone: sealer.open(row.phone_sealed, SEAL.phone),
    relation: row.relation,
    callTime: row.call_time,
    street: open(row.street_sealed, SEAL.street),
    note: open(row.note_sealed, SEAL.note),
    illness: open(row.illness_sealed, SEAL.illness),
    targetCount: Number(count?.n ?? 1),
  };
}

/** What a status change carries besides the action. */
export interface ChangeInput {
  readonly action: Action;
  readonly callDay?: string | undefined;
  readonly callPart?: CallPart | undefined;
  readonly reason?: DeclineReason | undefined;
  readonly outcome?: Outcome | undefined;
}

/**
 * Moves one institution's copy of a request on, if its status allows the action; writes the
 * audit entry, and on a decline one anonymous row of the unmet-demand ledger. Returns the
 * new status, or undefined when the request is not there or the step is not allowed (a page
 * sent twice).
 */
export async function changeStatus(
  db: Conn,
  actor: string,
  institution: string,
  county: string,
  ref: string,
  change: ChangeInput,
  now: Date,
): Promise<ConsultationStatus | undefined> {
  return inTransaction(db, async (tx) => {
    const row = await tx.kysely
      .selectFrom('consultation_targets as t')
      .innerJoin('consultations as c', 'c.id', 't.consultation_id')
      .select(['t.id', 't.status', 'c.id as cid', 'c.need'])
      .where('t.institution', '=', institution)
      .where('c.ref', '=', ref)
      .executeTakeFirst();
    if (row === undefined || !isStatus(row.status) || !mayDo(row.status, change.action)) return undefined;
    const status = ACTION_STATUS[change.action];
    const at = now.toISOString();
    const updated = await tx.kysely
      .updateTable('consultation_targets')
      .set({
        status,
        status_at: at,
        updated_at: at,
        changed_by: actor,
        ...(change.action === 'accept' ? { call_day: change.callDay ?? null, call_part: change.callPart ?? null } : {}),
        ...(change.action === 'decline' ? { decline_reason: change.reason ?? '其他' } : {}),
        ...(change.action === 'close' ? { outcome: change.outcome ?? null } : {}),
      })
      .where('id', '=', Number(row.id))
      // The status read above: a second tab's change in between makes this one a no-op.
      .where('status', '=', row.status)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) return undefined;
    await tx.kysely.updateTable('consultations').set({ updated_at: at }).where('id', '=', Number(row.cid)).execute();
    if (change.action === 'decline') {
      const need = row.need as Need;
      await tx.kysely
        .insertInto('unmet_demand')
        .values({
          week: chinaWeekOf(now),
          county,
          mode: NEED_MODE[need] ?? need,
          reason: change.reason ?? '其他',
          source: 'consultation',
          created_at: at,
        })
        .execute();
    }
    const detail = [
      `${row.status} → ${status}`,
      change.reason === undefined ? '' : `reason ${change.reason}`,
      change.outcome === undefined ? '' : `outcome ${change.outcome}`,
      change.callDay === undefined ? '' : `call ${change.callDay} ${change.callPart ?? ''}`.trim(),
    ]
      .filter((s) => s !== '')
      .join(', ');
    await recordAudit(
      tx,
      { actor, action: 'consultation.status', targetKind: TARGET_KIND, targetRef: ref, scope: county, detail: `${institution}: ${detail}` },
      now,
    );
    return status;
  });
}

/** Open copies (新申请, 已受理) of the given institutions, for the attention counts and the commission's overview. */
export async function openTargets(
  db: Conn,
  institutions: readonly string[] | 'all',
): Promise<{ institution: string; status: ConsultationStatus; dueAt: string; callDay: string | null; createdAt: string }[]> {
  if (institutions !== 'all' && institutions.length === 0) return [];
  let query = db.kysely
    .selectFrom('consultation_targets')
    .select(['institution', 'status', 'due_at', 'call_day', 'created_at'])
    .where('status', 'in', ['新申请', '已受理']);
  if (institutions !== 'all') query = query.where('institution', 'in', [...institutions]);
  const rows = await query.execute();
  return rows.map((r) => ({
    institution: r.institution,
    status: isStatus(r.status) ? r.status : '新申请',
    dueAt: r.due_at,
    callDay: r.call_day,
    createdAt: r.created_at,
  }));
}

/** Per institution: new requests and those past the promise. */
export interface InstitutionCounts {
  readonly fresh: number;
  readonly overdue: number;
  readonly oldestDue: string | null;
}

export function countOpen(rows: Awaited<ReturnType<typeof openTargets>>, now: Date): Map<string, InstitutionCounts> {
  const out = new Map<string, InstitutionCounts>();
  for (const row of rows) {
    const c = out.get(row.institution) ?? { fresh: 0, overdue: 0, oldestDue: null };
    const overdue = isOverdue(row, now);
    out.set(row.institution, {
      fresh: c.fresh + (row.status === '新申请' ? 1 : 0),
      overdue: c.overdue + (overdue ? 1 : 0),
      oldestDue: overdue && (c.oldestDue === null || row.dueAt < c.oldestDue) ? row.dueAt : c.oldestDue,
    });
  }
  return out;
}

/**
 * The retention of consultation requests, run by the daily `npm run data:purge` inside its
 * transaction (src/server/submissions/purge.ts): a request every institution has declined or
 * closed goes CLOSED_CONSULTATION_DAYS after its last change, any request
 * CONSULTATION_MAX_DAYS after it; each institution's copy goes with it. Notices done with
 * go after NOTICE_RETENTION_DAYS. The ledger's anonymous counts stay.
 */
import { sql } from 'kysely';
import { CLOSED_CONSULTATION_DAYS, CONSULTATION_MAX_DAYS, NOTICE_RETENTION_DAYS } from '../../lib/privacy.ts';
import type { Conn } from '../db/transaction.ts';

const DAY_MS = 86_400_000;
const before = (now: Date, days: number) => new Date(now.getTime() - days * DAY_MS).toISOString();

export async function purgeConsultations(db: Conn, now: Date): Promise<{ consultations: number; notices: number }> {
  const closedCutoff = before(now, CLOSED_CONSULTATION_DAYS);
  const maxCutoff = before(now, CONSULTATION_MAX_DAYS);
  const k = db.kysely;
  const gone = await k
    .deleteFrom('consultations')
    .where((eb) =>
      eb.or([
        eb('updated_at', '<', maxCutoff),
        eb.and([
          eb('updated_at', '<', closedCutoff),
          eb.not(
            eb.exists(
              eb
                .selectFrom('consultation_targets as t')
                .select(sql`1`.as('one'))
                .whereRef('t.consultation_id', '=', 'consultations.id')
                .where('t.status', 'in', ['新申请', '已受理', '已联系']),
            ),
          ),
        ]),
      ]),
    )
    .executeTakeFirst();
  // The foreign key deletes each institution's copy; this catches any left by a database without it.
  await k.deleteFrom('consultation_targets').where('consultation_id', 'not in', k.selectFrom('consultations').select('id')).execute();
  const notices = await k
    .deleteFrom('notice_outbox')
    .where('done_at', 'is not', null)
    .where('done_at', '<', before(now, NOTICE_RETENTION_DAYS))
    .executeTakeFirst();
  return { consultations: Number(gone.numDeletedRows), notices: Number(notices.numDeletedRows) };
}

/**
 * How many error reports (the public report form, /report/) about an institution are still
 * open: shown on its listing pages, so those who can correct the listing see what the
 * public found wrong. A count only; the reports themselves are read (and audited) in the
 * console's report list.
 */
import type { Conn } from '../db/transaction.ts';

export const OPEN_REPORT_STATUSES = ['待处理', '处理中'] as const;

export async function openReportsAbout(db: Conn, institution: string): Promise<number> {
  const row = await db.kysely
    .selectFrom('reports')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('institution', '=', institution)
    .where('status', 'in', [...OPEN_REPORT_STATUSES])
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

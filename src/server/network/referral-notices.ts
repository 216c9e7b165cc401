/**
 * Where a new referral tells its destination that something arrived: a group-robot message
 * with no personal data ("有 1 条新的转介，请登录查看", src/server/network/notices.ts).
 * Called once per destination, inside the transaction that stores the referral, so a
 * notice is queued exactly when the referral exists.
 */
import type { Conn } from '../db/transaction.ts';
import { queueNotice } from './notices.ts';

export async function announceNewReferral(conn: Conn, institutionId: string): Promise<void> {
  await queueNotice(conn, { institutionId, kind: 'referral' });
}

/**
 * Where a new referral tells its destination that something arrived. The notifications
 * work of issue #18 (migration 0007, another branch) brings
 * `queueNotice(conn, { institutionId, kind })` in src/server/network/notices.ts: a
 * group-robot message with no personal data ("有 1 条新的转介，请登录查看"). Until that is
 * merged this does nothing; after the merge its body becomes
 *
 *   await queueNotice(conn, { institutionId, kind: 'referral' });
 *
 * It is called once per destination, inside the transaction that stores the referral, so a
 * notice is queued exactly when the referral exists.
 */
import type { Conn } from '../db/transaction.ts';

export async function announceNewReferral(conn: Conn, institutionId: string): Promise<void> {
  void conn;
  void institutionId;
  await Promise.resolve();
}

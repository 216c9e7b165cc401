/**
 * One sentence for the console on where publishing stands: a build under way, one
 * waiting for the builder, or the last one that failed. Undefined when all is quiet.
 */
import { chinaTime } from '../../lib/china-time.ts';
import type { Conn } from '../db/transaction.ts';

/** A queued run older than this with nothing building means no builder is running (PUBLISH_BUILDER). */
const STUCK_AFTER_MS = 10 * 60_000;

export async function publishState(db: Conn, now = new Date()): Promise<string | undefined> {
  const latest = await db.kysely.selectFrom('publish_runs').selectAll().orderBy('id', 'desc').limit(1).executeTakeFirst();
  if (latest === undefined) return undefined;
  if (latest.status === 'building')
    return `网站正在更新（${chinaTime(latest.started_at ?? latest.requested_at)} 开始），通常几分钟内完成；更新期间网站照常访问。`;
  if (latest.status === 'queued') {
    return now.getTime() - Date.parse(latest.requested_at) > STUCK_AFTER_MS
      ? `有一次更新从 ${chinaTime(latest.requested_at)} 起一直在排队：负责构建的服务节点可能没有运行，请联系网站运营方（docs/deploy.md：PUBLISH_BUILDER）。`
      : '已批准的修改正在排队，马上开始更新网站。';
  }
  if (latest.status === 'failed')
    return `最近一次更新没有成功（${chinaTime(latest.finished_at ?? latest.requested_at)}），网站保持原样；原因见相关修改的页面。`;
  return `网站最近一次更新：${chinaTime(latest.finished_at ?? latest.requested_at)}。`;
}

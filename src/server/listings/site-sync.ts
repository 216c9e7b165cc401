/**
 * The publishing loop every node runs (scripts/start.ts): the builder carries out queued
 * publish runs (publish.ts); every node then serves the newest live build whose folder it
 * has. Polling a one-row query every few seconds keeps the nodes in step without any other
 * channel between them: an approval on one node is a queued row the builder sees, and a
 * live run is a row the other nodes see once its folder has reached them (docs/deploy.md).
 */
import { existsSync, mkdirSync, renameSync, rmSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import type { Conn } from '../db/transaction.ts';
import type { SiteHolder } from '../http-server.ts';
import { newestLiveBuild, pruneOldBuilds, recoverInterruptedRuns, runQueuedPublish, type PublishConfig } from './publish.ts';

export interface PublisherOptions {
  readonly db: Conn;
  readonly site: SiteHolder;
  readonly config: PublishConfig;
  /** Whether this node builds (one node of a deployment). */
  readonly builder: boolean;
  /** How often to look, in ms (PUBLISH_POLL_SECONDS; default 5 s). */
  readonly pollMs: number;
  /** Where to say what happened (no personal data: run numbers, folders, build messages). */
  readonly log?: (line: string) => void;
}

/** The build folder of the newest live run, when this node has it. */
export async function liveBuildFolder(db: Conn, root: string): Promise<string | undefined> {
  const live = await newestLiveBuild(db);
  if (live === undefined) return undefined;
  const dir = path.resolve(root, live.buildDir);
  return existsSync(path.join(dir, 'server/entry.mjs')) ? dir : undefined;
}

/**
 * Points `<builds>/current` at the build this node serves (a symbolic link, replaced in one
 * rename), so nginx can serve the static files of whichever build is current
 * (root …/.builds/published/current/client; docs/deploy.md).
 */
export function pointCurrent(buildsDir: string, servedDir: string): void {
  mkdirSync(buildsDir, { recursive: true });
  const link = path.join(buildsDir, 'current');
  const next = `${link}.${process.pid}.tmp`;
  rmSync(next, { force: true });
  symlinkSync(path.relative(buildsDir, servedDir), next);
  renameSync(next, link);
}

/** One round: build what is queued (builder only), then serve the newest live build. */
export async function publishRound(o: PublisherOptions): Promise<void> {
  const log = o.log ?? (() => {});
  if (o.builder) {
    const outcome = await runQueuedPublish(o.db, o.config);
    if (outcome.kind === 'live') log(`[publish] 第 ${outcome.run} 次发布已完成（${outcome.published.length} 条登记修改）`);
    if (outcome.kind === 'failed') log(`[publish] 第 ${outcome.run} 次发布失败，网站保持不变：${outcome.message.split('\n')[0] ?? ''}`);
  }
  const folder = await liveBuildFolder(o.db, o.config.root);
  if (folder !== undefined && folder !== o.site.distDir) {
    await o.site.switchTo(folder);
    pointCurrent(o.config.buildsDir, folder);
    log(`[publish] 现在提供的是 ${path.relative(o.config.root, folder)}`);
    if (o.builder) await pruneOldBuilds(o.db, o.config);
  }
}

/** Starts the loop; returns a function that stops it. One round at a time, never overlapping. */
export async function startPublisher(o: PublisherOptions): Promise<() => void> {
  if (o.builder) await recoverInterruptedRuns(o.db, o.config);
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const tick = async () => {
    try {
      await publishRound(o);
    } catch (error) {
      (o.log ?? console.error)(`[publish] ${error instanceof Error ? error.message : String(error)}`);
    }
    if (!stopped) timer = setTimeout(() => void tick(), o.pollMs);
  };
  timer = setTimeout(() => void tick(), 0);
  return () => {
    stopped = true;
    if (timer !== undefined) clearTimeout(timer);
  };
}

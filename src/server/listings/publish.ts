/**
 * Publishing approved listings without a developer: the approved records are written to
 * the registry folder, the site is built into a fresh folder, checked, and only then
 * served, while the current site answers throughout. A failed build puts every file back,
 * leaves the site as it was, and tells the reviewer why (the proposal shows the build's
 * last lines).
 *
 * One node builds (the publisher: every SQLite deployment, and the node started with
 * PUBLISH_BUILDER=1 on PostgreSQL). A publish run is a row in `publish_runs`: queued by an
 * approval, claimed by the builder with a conditional update (so two builders never take
 * the same run), then live or failed. Every node, the builder included, switches to the
 * newest live build whose folder it has (site-sync.ts), so the same rows drive a single
 * node and several behind a load balancer (docs/deploy.md).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';
import { formatInstitutionJson, institutionSchema } from '../../schemas/institution.ts';
import { eventSchema, formatEventFile } from '../../schemas/event.ts';
import { checkEvent } from '../events/console.ts';
import * as routes from '../../lib/routes.ts';
import { todayInChina } from '../../lib/registry/load.ts';
import { recordAudit } from '../auth/audit.ts';
import type { Conn } from '../db/transaction.ts';
import { queuePublishRun } from './proposals.ts';
import { findRecordFile, recordFileFor, registryDir, shownPath } from './registry-files.ts';
import { checkProposedRecord } from './validate.ts';

export interface PublishConfig {
  /** The project folder (where astro.config.mjs is). */
  readonly root: string;
  /** The registry folder the records are written to (REGISTRY_DIR). */
  readonly registryDir: string;
  /** The events folder console-made events are written to (EVENTS_DIR, default content/events). */
  readonly eventsDir?: string;
  /** Where the builds go, one folder per run (PUBLISH_BUILDS_DIR, default .builds/published). */
  readonly buildsDir: string;
  /** A build taking longer than this fails (the promise is ten minutes from approval to the public page). */
  readonly buildTimeoutMs: number;
  /** This node's name in the runs table. */
  readonly node: string;
}

/**
 * The settings from the environment. The builds must lie inside the project: the built
 * server code loads its packages from the project's node_modules (a build in /tmp fails
 * with "Cannot find package").
 */
export function publishConfigFromEnv(root: string, env: NodeJS.ProcessEnv = process.env): PublishConfig {
  const minutes = Number(env['PUBLISH_BUILD_TIMEOUT_MINUTES'] ?? '8');
  const buildsDir = path.resolve(root, env['PUBLISH_BUILDS_DIR'] ?? '.builds/published');
  if (path.relative(root, buildsDir).startsWith('..') || path.isAbsolute(path.relative(root, buildsDir))) {
    throw new Error(
      `PUBLISH_BUILDS_DIR（${buildsDir}）必须在项目文件夹 ${root} 之内：构建出的服务器代码要从项目的 node_modules 加载依赖。`,
    );
  }
  return {
    root,
    registryDir: registryDir(env),
    eventsDir: path.resolve(root, env['EVENTS_DIR'] ?? 'content/events'),
    buildsDir,
    buildTimeoutMs: (Number.isFinite(minutes) && minutes > 0 ? minutes : 8) * 60_000,
    node: `${hostname()}:${process.pid}`,
  };
}

export type RunOutcome =
  | { readonly kind: 'idle' }
  | { readonly kind: 'live'; readonly run: number; readonly buildDir: string; readonly published: readonly number[] }
  | { readonly kind: 'failed'; readonly run: number; readonly message: string };

interface Written {
  readonly file: string;
  /** The file's text before (undefined: the file did not exist). */
  readonly before: string | undefined;
}

/** The last lines of a build's output: enough to say why, never a page of log. */
function tail(output: string, lines = 15): string {
  return output.trim().split('\n').slice(-lines).join('\n');
}

function build(config: PublishConfig, outDir: string): Promise<{ ok: boolean; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(config.root, 'node_modules/astro/bin/astro.mjs'), 'build'], {
      cwd: config.root,
      env: {
        ...process.env,
        DIST_DIR: outDir,
        REGISTRY_DIR: config.registryDir,
        ...(config.eventsDir === undefined ? {} : { EVENTS_DIR: config.eventsDir }),
        // Its own cache beside its builds, so a publish never disturbs a build by hand (or another deployment's).
        ASTRO_CACHE_DIR: path.join(config.buildsDir, '.astro-cache'),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString('utf8')).slice(-20_000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    const timer = setTimeout(() => {
      output += `\n构建超过 ${Math.round(config.buildTimeoutMs / 60_000)} 分钟，已停止。`;
      child.kill('SIGKILL');
    }, config.buildTimeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ ok: code === 0, output });
    });
  });
}

/** What the new build must show before it is served: each published record's page, with its name and phones. */
function checkBuild(
  outDir: string,
  records: readonly { id: string; name: string; phones: readonly string[] }[],
  events: readonly { id: string; title: string }[] = [],
): string | undefined {
  if (!existsSync(path.join(outDir, 'server/entry.mjs'))) return '构建结果缺少 server/entry.mjs';
  for (const event of events) {
    const page = path.join(outDir, 'client', routes.event(event.id), 'index.html');
    if (!existsSync(page)) return `构建结果缺少活动页面 ${routes.event(event.id)}`;
    if (!readFileSync(page, 'utf8').includes(event.title)) return `活动页面 ${routes.event(event.id)} 上没有标题“${event.title}”`;
  }
  for (const record of records) {
    const page = path.join(outDir, 'client', routes.institution(record.id), 'index.html');
    if (!existsSync(page)) return `构建结果缺少机构页面 ${routes.institution(record.id)}`;
    const html = readFileSync(page, 'utf8');
    if (!html.includes(record.name)) return `机构页面 ${routes.institution(record.id)} 上没有机构名称“${record.name}”`;
    const missing = record.phones.find((p) => !html.includes(p));
    if (missing !== undefined) return `机构页面 ${routes.institution(record.id)} 上没有电话 ${missing}`;
  }
  return undefined;
}

/**
 * Claims the oldest queued run and carries it out: write, build, check. Returns what
 * happened; the caller switches the site to a live build (site-sync.ts).
 */
export async function runQueuedPublish(db: Conn, config: PublishConfig, now: () => Date = () => new Date()): Promise<RunOutcome> {
  const queued = await db.kysely.selectFrom('publish_runs').select('id').where('status', '=', 'queued').orderBy('id').executeTakeFirst();
  if (queued === undefined) return { kind: 'idle' };
  const run = Number(queued.id);
  const claimed = await db.kysely
    .updateTable('publish_runs')
    .set({ status: 'building', started_at: now().toISOString(), node: config.node })
    .where('id', '=', run)
    .where('status', '=', 'queued')
    .executeTakeFirst();
  if (Number(claimed.numUpdatedRows) !== 1) return { kind: 'idle' };

  // What this run publishes: every approved listing proposal and event change, marked with the run.
  const approved = await db.kysely
    .selectFrom('listing_proposals')
    .select(['id', 'institution', 'county', 'approved'])
    .where('status', '=', 'approved')
    .orderBy('id')
    .execute();
  const approvedEvents = await db.kysely
    .selectFrom('event_changes')
    .select(['id', 'event_id', 'county', 'proposed'])
    .where('status', '=', 'approved')
    .orderBy('id')
    .execute();
  const queues = [
    { table: 'listing_proposals', kind: 'listing', target: 'listing', rows: approved },
    { table: 'event_changes', kind: 'event', target: 'event-change', rows: approvedEvents },
  ] as const;
  /** Moves every change of this run to its outcome, with one audit entry each. */
  const settle = async (
    set:
      { status: 'publishing'; publish_run: number } | { status: 'published'; published_at: string } | { status: 'failed'; failure: string },
  ) => {
    for (const q of queues) {
      const ids = q.rows.map((r) => Number(r.id));
      if (ids.length === 0) continue;
      await db.kysely.updateTable(q.table).set(set).where('id', 'in', ids).execute();
      if (set.status === 'publishing') continue;
      for (const r of q.rows)
        await recordAudit(db, {
          actor: 'system',
          action: `${q.kind}.${set.status === 'failed' ? 'publish-failed' : 'published'}`,
          targetKind: q.target,
          targetRef: String(r.id),
          scope: r.county,
        });
    }
  };
  await settle({ status: 'publishing', publish_run: run });

  const written: Written[] = [];
  const checks: { id: string; name: string; phones: string[] }[] = [];
  const eventChecks: { id: string; title: string }[] = [];
  const outDir = path.join(config.buildsDir, `run-${run}`);
  const fail = async (message: string): Promise<RunOutcome> => {
    for (const w of written.reverse()) {
      if (w.before === undefined) rmSync(w.file, { force: true });
      else writeFileSync(w.file, w.before);
    }
    rmSync(outDir, { recursive: true, force: true });
    const at = now().toISOString();
    await db.kysely.updateTable('publish_runs').set({ status: 'failed', finished_at: at, message }).where('id', '=', run).execute();
    await settle({ status: 'failed', failure: message });
    return { kind: 'failed', run, message };
  };

  try {
    // Write each approved record, checked once more against the registry as it is now.
    for (const p of approved) {
      const record = institutionSchema.parse(JSON.parse(p.approved ?? 'null'));
      const check = checkProposedRecord(record, todayInChina(now()), config.registryDir);
      if (check.lines.length > 0) return await fail(`记录 ${record.id} 没有通过检查：\n${check.lines.join('\n')}`);
      const file = findRecordFile(record.id, config.registryDir) ?? recordFileFor(record.id, record.regionCode, config.registryDir);
      if (file === undefined) return await fail(`记录 ${record.id} 的区县 ${record.regionCode} 不在本站收录的省份中`);
      const before = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
      mkdirSync(path.dirname(file), { recursive: true });
      written.push({ file, before });
      writeFileSync(file, formatInstitutionJson(record));
      checks.push({ id: record.id, name: record.name, phones: (record.contact?.phones ?? []).map((ph) => ph.number) });
    }
    // Events made in the console, checked again against the events as they are now.
    for (const e of approvedEvents) {
      const event = eventSchema.parse(JSON.parse(e.proposed));
      const dir = config.eventsDir ?? path.resolve(config.root, 'content/events');
      const check = checkEvent(event, dir);
      if (check.lines.length > 0) return await fail(`活动 ${event.id} 没有通过检查：\n${check.lines.join('\n')}`);
      const file = path.join(dir, `${event.id}.json`);
      const before = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
      mkdirSync(dir, { recursive: true });
      written.push({ file, before });
      writeFileSync(file, formatEventFile(event));
      eventChecks.push({ id: event.id, title: event.title });
    }
    rmSync(outDir, { recursive: true, force: true });
    const result = await build(config, outDir);
    if (!result.ok) return await fail(`网站构建没有成功，现在的网站保持不变。构建输出的最后几行：\n${tail(result.output)}`);
    const problem = checkBuild(outDir, checks, eventChecks);
    if (problem !== undefined) return await fail(`新构建没有通过检查，现在的网站保持不变：${problem}`);
  } catch (error) {
    return fail(`发布时出错，现在的网站保持不变：${error instanceof Error ? error.message : String(error)}`);
  }

  const at = now().toISOString();
  const relative = path.relative(config.root, outDir).split(path.sep).join('/');
  const files = written.map((w) => shownPath(w.file));
  await db.kysely
    .updateTable('publish_runs')
    .set({ status: 'live', finished_at: at, build_dir: relative, message: files.length === 0 ? '重新构建' : `已发布：${files.join('、')}` })
    .where('id', '=', run)
    .execute();
  await settle({ status: 'published', published_at: at });
  return { kind: 'live', run, buildDir: outDir, published: approved.map((p) => Number(p.id)) };
}

/** The newest live build: its run and folder (relative to the project as stored). */
export async function newestLiveBuild(db: Conn): Promise<{ run: number; buildDir: string; finishedAt: string } | undefined> {
  const row = await db.kysely
    .selectFrom('publish_runs')
    .select(['id', 'build_dir', 'finished_at'])
    .where('status', '=', 'live')
    .orderBy('id', 'desc')
    .executeTakeFirst();
  if (row?.build_dir === null || row?.build_dir === undefined) return undefined;
  return { run: Number(row.id), buildDir: row.build_dir, finishedAt: row.finished_at ?? '' };
}

/**
 * A run this node was building when it stopped (a crash, a restart mid-build) is failed,
 * and its proposals go back to the queue with a new run: nothing stays "publishing" forever.
 */
export async function recoverInterruptedRuns(db: Conn, config: PublishConfig, now = new Date()): Promise<number> {
  const host = config.node.split(':')[0] ?? config.node;
  const stuck = await db.kysely.selectFrom('publish_runs').select(['id', 'node']).where('status', '=', 'building').execute();
  const mine = stuck.filter((r) => (r.node ?? '').split(':')[0] === host && r.node !== config.node);
  for (const r of mine) {
    await db.kysely
      .updateTable('publish_runs')
      .set({ status: 'failed', finished_at: now.toISOString(), message: '构建中途停止（服务重启），已重新排队' })
      .where('id', '=', r.id)
      .execute();
    await db.kysely
      .updateTable('listing_proposals')
      .set({ status: 'approved', publish_run: null })
      .where('publish_run', '=', Number(r.id))
      .where('status', '=', 'publishing')
      .execute();
    await db.kysely
      .updateTable('event_changes')
      .set({ status: 'approved', publish_run: null })
      .where('publish_run', '=', Number(r.id))
      .where('status', '=', 'publishing')
      .execute();
  }
  if (mine.length > 0) await queuePublishRun(db, now);
  return mine.length;
}

/** Removes build folders of runs older than the newest two live ones (the current and one to fall back to). */
export async function pruneOldBuilds(db: Conn, config: PublishConfig): Promise<void> {
  const live = await db.kysely
    .selectFrom('publish_runs')
    .select(['id', 'build_dir'])
    .where('status', '=', 'live')
    .orderBy('id', 'desc')
    .execute();
  for (const old of live.slice(2)) {
    if (old.build_dir === null) continue;
    const dir = path.resolve(config.root, old.build_dir);
    if (dir.startsWith(config.buildsDir)) rmSync(dir, { recursive: true, force: true });
  }
}

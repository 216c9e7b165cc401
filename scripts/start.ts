/**
 * `npm start`: builds the site when the build is missing or older than the sources,
 * brings the database up to date (SQLite under DATA_DIR, or PostgreSQL at DATABASE_URL),
 * then serves pages and API from one Node process (PORT, HOST override 4321 / localhost),
 * and keeps the published listings current (src/server/listings/site-sync.ts).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { BUILD_SOURCES, newestMtime } from './lib/build-sources.ts';
import { SiteHolder, startServer } from '../src/server/http-server.ts';
import { sharedDb, type Db } from '../src/server/db/connect.ts';
import { liveBuildFolder, pointCurrent, startPublisher } from '../src/server/listings/site-sync.ts';
import { publishConfigFromEnv } from '../src/server/listings/publish.ts';
import {
  consultationSealer,
  consultationStartProblem,
  consultationsEnabled,
  noticeIntervalMs,
} from '../src/server/network/consultation-config.ts';
import { startNoticeWorker } from '../src/server/network/notices.ts';

const root = path.resolve(import.meta.dirname, '..');
const distDir = path.resolve(root, process.env.DIST_DIR ?? 'dist');
const distEntry = path.join(distDir, 'server/entry.mjs');

// Consultation requests hold sensitive personal information, sealed with DATA_KEY: with
// requests on and no key the server does not start (one line saying why).
const keyProblem = consultationStartProblem();
if (keyProblem !== undefined) {
  console.error(keyProblem);
  process.exit(1);
}

// The database is opened and brought up to date before the first request, so a wrong
// DATABASE_URL or a failed upgrade stops here with one line instead of failing each form.
// The handle is the process's shared one: the site's pages and the publisher use it too.
let db: Db;
try {
  db = await sharedDb();
  console.log(`数据库：${db.engine === 'postgres' ? 'PostgreSQL' : 'SQLite'}（${db.label}）`);
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}

// A published rebuild (an approved listing) newer than the sources is what the public saw
// last: serve it again after a restart rather than the older dist/.
const newestSource = newestMtime(BUILD_SOURCES);
const published = process.env.DIST_DIR === undefined ? await liveBuildFolder(db, root) : undefined;
const publishedFresh = published !== undefined && statSync(path.join(published, 'server/entry.mjs')).mtimeMs >= newestSource;

// `--no-build` (used by the end-to-end tests) serves the existing build as it is.
const mayBuild = !process.argv.includes('--no-build');
const stale = !existsSync(distEntry) || statSync(distEntry).mtimeMs < newestSource;
if (mayBuild && stale && !publishedFresh) {
  console.log(existsSync(distEntry) ? '源文件有改动，正在重新构建…' : '首次运行，正在构建网站…');
  const build = spawnSync(process.execPath, [path.join(root, 'node_modules/astro/bin/astro.mjs'), 'build'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const port = Number(process.env.PORT ?? 4321);
const host = process.env.HOST ?? 'localhost';
const site = await SiteHolder.load(publishedFresh ? published : distDir);
await startServer({ distDir, port, host, site });

// Publishing: on SQLite this node is the only one, so it builds; on PostgreSQL exactly one
// node is started with PUBLISH_BUILDER=1 (docs/deploy.md). PUBLISH=off turns the loop off.
if (process.env.PUBLISH !== 'off') {
  const builderSetting = process.env.PUBLISH_BUILDER;
  const builder = builderSetting === undefined || builderSetting === '' ? db.engine === 'sqlite' : builderSetting === '1';
  const seconds = Number(process.env.PUBLISH_POLL_SECONDS ?? '5');
  let config;
  try {
    config = publishConfigFromEnv(root);
    pointCurrent(config.buildsDir, site.distDir);
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
  await startPublisher({
    db,
    site,
    config,
    builder,
    pollMs: (Number.isFinite(seconds) && seconds > 0 ? seconds : 5) * 1000,
    log: (line) => console.log(line),
  });
}
// Notices to institutions' group robots: every node sends what is due (the outbox's claims keep it to once).
if (consultationsEnabled()) startNoticeWorker(db, consultationSealer(), noticeIntervalMs());
else if ((process.env.CONSULTATIONS ?? '').trim().toLowerCase() !== 'off') {
  console.log('咨询申请没有开启（没有设置 DATA_KEY，也没有配置运营单位）：/consult/ 会说明暂不接受申请。');
}
console.log(`安宁疗护服务网已启动：http://${host.includes(':') ? `[${host}]` : host}:${port}/`);

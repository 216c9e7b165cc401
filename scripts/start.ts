/**
 * `npm start`: builds the site when the build is missing or older than the sources,
 * brings the database up to date (SQLite under DATA_DIR, or PostgreSQL at DATABASE_URL),
 * then serves pages and API from one Node process (PORT, HOST override 4321 / localhost).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { BUILD_SOURCES, newestMtime } from './lib/build-sources.ts';
import { startServer } from '../src/server/http-server.ts';
import { dbOptionsFromEnv, openDb, sharedDb } from '../src/server/db/connect.ts';
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

// `--no-build` (used by the end-to-end tests) serves the existing build as it is.
const mayBuild = !process.argv.includes('--no-build');
const stale = !existsSync(distEntry) || statSync(distEntry).mtimeMs < newestMtime(BUILD_SOURCES);
if (mayBuild && stale) {
  console.log(existsSync(distEntry) ? '源文件有改动，正在重新构建…' : '首次运行，正在构建网站…');
  const build = spawnSync(process.execPath, [path.join(root, 'node_modules/astro/bin/astro.mjs'), 'build'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

// Consultation requests hold sensitive personal information, sealed with DATA_KEY: with
// requests on (the default) and no key the server does not start (one line saying why).
const keyProblem = consultationStartProblem();
if (keyProblem !== undefined) {
  console.error(keyProblem);
  process.exit(1);
}

// The database is opened and brought up to date before the first request, so a wrong
// DATABASE_URL or a failed upgrade stops here with one line instead of failing each form.
try {
  const db = await openDb(dbOptionsFromEnv());
  console.log(`数据库：${db.engine === 'postgres' ? 'PostgreSQL' : 'SQLite'}（${db.label}）`);
  await db.close();
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}

const port = Number(process.env.PORT ?? 4321);
const host = process.env.HOST ?? 'localhost';
await startServer({ distDir, port, host });
// Notices to institutions' group robots: every node sends what is due (the outbox's claims keep it to once).
if (consultationsEnabled()) startNoticeWorker(await sharedDb(), consultationSealer(), noticeIntervalMs());
console.log(`安宁疗护服务网已启动：http://${host.includes(':') ? `[${host}]` : host}:${port}/`);

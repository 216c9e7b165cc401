/**
 * `npm run bench:forms`: load benchmark of the form API against the real server on
 * loopback. Serves the end-to-end tests' second build (scripts/lib/fixture-build.ts:
 * an operator configured and the test course of tests/fixtures/courses, built into
 * .builds/e2e-fixture when missing or older than the sources) with `node scripts/start.ts`,
 * a fresh DATA_DIR, the rate limit raised and the fill-time check off, sends
 * BENCH_REQUESTS JSON submissions (a mix of volunteer sign-ups, error reports and course
 * enrolments) with BENCH_CONCURRENCY in flight, then compares every acknowledged reference
 * code with what the database holds. Enrolments go to the test course's session (3 seats,
 * then the waitlist): every session in content/courses is a sample, and samples take none.
 *
 * Prints submissions per second, p50/p90/p99 latency, errors and acknowledged = stored,
 * and writes them with the machine's cores, memory and the date to bench/results/forms.json.
 *
 *   BENCH_REQUESTS (2000)  BENCH_CONCURRENCY (32); the port is any free one.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../src/server/db.ts';
import type { Kind } from '../src/server/submissions/kinds.ts';
import { allRefs } from '../src/server/submissions/listing.ts';
import { startBuiltServer } from '../scripts/lib/built-server.ts';
import { ensureFixtureBuild, FIXTURE_COURSE, FIXTURE_DIST_DIR, FIXTURE_OPERATOR } from '../scripts/lib/fixture-build.ts';

const root = path.resolve(import.meta.dirname, '..');
const requests = Number(process.env['BENCH_REQUESTS'] ?? 2000);
const concurrency = Number(process.env['BENCH_CONCURRENCY'] ?? 32);

/** One submission of each kind; enrolments go to the test course's real session. */
function payloads(): { kind: Kind; path: string; body: (i: number) => unknown }[] {
  const list: { kind: Kind; path: string; body: (i: number) => unknown }[] = [
    {
      kind: 'volunteers',
      path: '/api/volunteers',
      body: (i) => ({
        name: `压测志愿者${i}`,
        phone: `138${String(i).padStart(8, '0')}`,
        county: '330106',
        ageGroup: '18+',
        availability: ['weekend'],
        roles: ['companion'],
        consent: true,
      }),
    },
    { kind: 'reports', path: '/api/reports', body: (i) => ({ page: '/services/', problem: `压测报告 ${i}：电话号码已经更换` }) },
  ];
  const { course, session } = FIXTURE_COURSE;
  list.push({
    kind: 'enrollments',
    path: '/api/enrollments',
    body: (i) => ({ course, session, name: `压测学员${i}`, phone: `139${String(i).padStart(8, '0')}`, people: 1, consent: true }),
  });
  return list;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0;

await ensureFixtureBuild({ echo: true });
const loadBefore = os.loadavg()[0] ?? 0;
const server = await startBuiltServer({
  distDir: FIXTURE_DIST_DIR,
  timeoutMs: 60_000,
  inheritOutput: true,
  env: { ...FIXTURE_OPERATOR, RATE_LIMIT_PER_MINUTE: '1000000', MIN_FILL_MS: '0', ADMIN_TOKEN: '' },
});
const base = server.url;
const dataDir = server.dataDir;

try {
  const kinds = payloads();
  const acknowledged: Record<string, string[]> = {};
  const perKind: Record<string, number[]> = {};
  const latencies: number[] = [];
  const errors: Record<string, number> = {};
  let next = 0;

  const worker = async () => {
    for (;;) {
      const i = next++;
      if (i >= requests) return;
      const spec = kinds[i % kinds.length];
      if (spec === undefined) return;
      const t0 = performance.now();
      try {
        const res = await fetch(`${base}${spec.path}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
          body: JSON.stringify(spec.body(i)),
        });
        const reply = (await res.json()) as { ok?: boolean; id?: string };
        const ms = performance.now() - t0;
        latencies.push(ms);
        (perKind[spec.kind] ??= []).push(ms);
        if (res.status === 201 && reply.ok === true && typeof reply.id === 'string') (acknowledged[spec.kind] ??= []).push(reply.id);
        else errors[`HTTP ${res.status}`] = (errors[`HTTP ${res.status}`] ?? 0) + 1;
      } catch (error) {
        errors[error instanceof Error ? error.message : String(error)] = (errors[String(error)] ?? 0) + 1;
      }
    }
  };

  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - started) / 1000;

  const db = openDatabase(dataDir);
  const stored: Record<string, number> = {};
  let missing = 0;
  let ackTotal = 0;
  let storedTotal = 0;
  for (const spec of kinds) {
    const refs = new Set(allRefs(db, spec.kind));
    stored[spec.kind] = refs.size;
    storedTotal += refs.size;
    for (const ref of acknowledged[spec.kind] ?? []) {
      ackTotal++;
      if (!refs.has(ref)) missing++;
    }
  }
  db.close();

  latencies.sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 100) / 100;
  const result = {
    date: new Date().toISOString(),
    machine: {
      cores: os.cpus().length,
      cpu: os.cpus()[0]?.model ?? 'unknown',
      memoryGiB: round(os.totalmem() / 2 ** 30),
      platform: `${os.platform()} ${os.release()}`,
      node: process.version,
      // Other work on the machine skews the figures; a load above the core count means a busy host.
      loadAverage1m: { before: round(loadBefore), after: round(os.loadavg()[0] ?? 0) },
    },
    settings: {
      requests,
      concurrency,
      mix: kinds.map((k) => k.kind),
      build: `${FIXTURE_DIST_DIR} (operator configured, test course ${FIXTURE_COURSE.course}/${FIXTURE_COURSE.session}, ${FIXTURE_COURSE.seats} seats then waitlist)`,
      transport: 'HTTP/1.1 keep-alive on loopback, JSON bodies',
      durability: 'SQLite WAL, synchronous=FULL',
    },
    submissionsPerSecond: round(ackTotal / seconds),
    seconds: round(seconds),
    latencyMs: {
      p50: round(percentile(latencies, 50)),
      p90: round(percentile(latencies, 90)),
      p99: round(percentile(latencies, 99)),
      max: round(latencies.at(-1) ?? 0),
    },
    latencyP50ByKind: Object.fromEntries(
      Object.entries(perKind).map(([k, v]) => [
        k,
        round(
          percentile(
            [...v].sort((a, b) => a - b),
            50,
          ),
        ),
      ]),
    ),
    acknowledged: ackTotal,
    stored: storedTotal,
    storedByKind: stored,
    acknowledgedButMissing: missing,
    errors,
    acknowledgedEqualsStored: missing === 0 && ackTotal === storedTotal,
  };

  console.log(
    `\n表单接口压测（${requests} 次提交，并发 ${concurrency}，${result.machine.cores} 核 / ${result.machine.memoryGiB} GiB，开始时负载 ${result.machine.loadAverage1m.before}）`,
  );
  console.log(`  每秒提交：${result.submissionsPerSecond}`);
  console.log(
    `  延迟：p50 ${result.latencyMs.p50} ms，p90 ${result.latencyMs.p90} ms，p99 ${result.latencyMs.p99} ms，最大 ${result.latencyMs.max} ms`,
  );
  console.log(`  错误：${Object.keys(errors).length === 0 ? 0 : JSON.stringify(errors)}`);
  console.log(
    `  已确认 ${ackTotal}，已保存 ${storedTotal}，确认但缺失 ${missing}：${result.acknowledgedEqualsStored ? '一致' : '不一致！'}`,
  );

  mkdirSync(path.join(root, 'bench/results'), { recursive: true });
  writeFileSync(path.join(root, 'bench/results/forms.json'), `${JSON.stringify(result, null, 2)}\n`);
  console.log('  结果已写入 bench/results/forms.json');
  if (!result.acknowledgedEqualsStored || Object.keys(errors).length > 0) process.exitCode = 1;
} finally {
  await server.stop();
}

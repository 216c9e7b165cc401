/**
 * `npm run bench:forms`: load benchmark of the form API against the real server on
 * loopback, in three set-ups: SQLite (the embedded default), PostgreSQL, and two server
 * nodes sharing one PostgreSQL (requests alternate between them, as behind nginx). Serves the end-to-end tests' second build (scripts/lib/fixture-build.ts:
 * an operator configured and the test course of tests/fixtures/courses, built into
 * .builds/e2e-fixture when missing or older than the sources) with `node scripts/start.ts`,
 * a fresh DATA_DIR, the rate limit raised and the fill-time check off, sends
 * BENCH_REQUESTS JSON submissions (a mix of volunteer sign-ups, error reports and course
 * enrolments) with BENCH_CONCURRENCY in flight, then compares every acknowledged reference
 * code with what the database holds. Enrolments go to the test course's session (3 seats,
 * then the waitlist): every session in content/courses is a sample, and samples take none.
 *
 * Prints, per set-up, submissions per second, p50/p90/p99 latency, errors and
 * acknowledged = stored, and writes them with the machine's cores, memory and the date to
 * bench/results/forms.json. PostgreSQL is BENCH_DATABASE_URL (a database the benchmark
 * may fill: it creates its own database in it), else a throwaway cluster with the
 * server's default durability (fsync on, synchronous_commit on), as a real deployment.
 *
 *   BENCH_REQUESTS (2000)  BENCH_CONCURRENCY (32); the ports are any free ones.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDb } from '../src/server/db/connect.ts';
import type { Kind } from '../src/server/submissions/kinds.ts';
import { allRefs } from '../src/server/submissions/listing.ts';
import { startBuiltServer, type BuiltServer } from '../scripts/lib/built-server.ts';
import { createDatabase, startThrowawayPostgres } from '../scripts/lib/postgres.ts';
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

interface Scenario {
  readonly name: string;
  readonly durability: string;
  readonly nodes: BuiltServer[];
  readonly databaseUrl: string | undefined;
}

const round = (n: number) => Math.round(n * 100) / 100;
const kinds = payloads();

/** Sends the load, alternating between the scenario's nodes, and checks every acknowledged code against the database. */
async function run(scenario: Scenario) {
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
      const node = scenario.nodes[i % scenario.nodes.length];
      if (spec === undefined || node === undefined) return;
      const t0 = performance.now();
      try {
        const res = await fetch(`${node.url}${spec.path}`, {
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
        const message = error instanceof Error ? error.message : String(error);
        errors[message] = (errors[message] ?? 0) + 1;
      }
    }
  };

  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - started) / 1000;

  const db = await openDb({ databaseUrl: scenario.databaseUrl, dataDir: scenario.nodes[0]?.dataDir ?? '' });
  const stored: Record<string, number> = {};
  let missing = 0;
  let ackTotal = 0;
  let storedTotal = 0;
  try {
    for (const spec of kinds) {
      const refs = new Set(await allRefs(db, spec.kind));
      stored[spec.kind] = refs.size;
      storedTotal += refs.size;
      for (const ref of acknowledged[spec.kind] ?? []) {
        ackTotal++;
        if (!refs.has(ref)) missing++;
      }
    }
  } finally {
    await db.close();
  }

  latencies.sort((a, b) => a - b);
  const result = {
    nodes: scenario.nodes.length,
    durability: scenario.durability,
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
  console.log(`\n  ${scenario.name}（${scenario.durability}）`);
  console.log(`    每秒提交：${result.submissionsPerSecond}`);
  console.log(
    `    延迟：p50 ${result.latencyMs.p50} ms，p90 ${result.latencyMs.p90} ms，p99 ${result.latencyMs.p99} ms，最大 ${result.latencyMs.max} ms`,
  );
  console.log(`    错误：${Object.keys(errors).length === 0 ? 0 : JSON.stringify(errors)}`);
  console.log(
    `    已确认 ${ackTotal}，已保存 ${storedTotal}，确认但缺失 ${missing}：${result.acknowledgedEqualsStored ? '一致' : '不一致！'}`,
  );
  return result;
}

await ensureFixtureBuild({ echo: true });
const loadBefore = os.loadavg()[0] ?? 0;
// Consultation requests need DATA_KEY; this benchmark measures the other forms.
const serverEnv = { ...FIXTURE_OPERATOR, RATE_LIMIT_PER_MINUTE: '1000000', MIN_FILL_MS: '0', CONSULTATIONS: 'off' };
const start = (env: Record<string, string> = {}) =>
  startBuiltServer({ distDir: FIXTURE_DIST_DIR, timeoutMs: 60_000, inheritOutput: true, env: { ...serverEnv, ...env } });

console.log(
  `\n表单接口压测（${requests} 次提交，并发 ${concurrency}，${os.cpus().length} 核 / ${round(os.totalmem() / 2 ** 30)} GiB，开始时负载 ${round(loadBefore)}）`,
);
const results: Record<string, Awaited<ReturnType<typeof run>>> = {};

const sqliteNode = await start();
try {
  results['sqlite'] = await run({
    name: 'SQLite（内置）',
    durability: 'SQLite WAL, synchronous=FULL, group commit',
    nodes: [sqliteNode],
    databaseUrl: undefined,
  });
} finally {
  await sqliteNode.stop();
}

const ownCluster = process.env['BENCH_DATABASE_URL'] === undefined ? await startThrowawayPostgres({ durable: true }) : undefined;
const adminUrl = process.env['BENCH_DATABASE_URL'] ?? ownCluster?.url ?? '';
try {
  for (const [key, name, nodeCount] of [
    ['postgres', 'PostgreSQL，一个节点', 1],
    ['postgresTwoNodes', 'PostgreSQL，两个节点', 2],
  ] as const) {
    const databaseUrl = await createDatabase(adminUrl, `bench_forms_${key.toLowerCase()}_${Date.now().toString(36)}`);
    const nodes: BuiltServer[] = [];
    try {
      for (let n = 0; n < nodeCount; n++) nodes.push(await start({ DATABASE_URL: databaseUrl }));
      results[key] = await run({ name, durability: 'PostgreSQL 15, fsync on, synchronous_commit on, READ COMMITTED', nodes, databaseUrl });
    } finally {
      for (const node of nodes) await node.stop();
    }
  }
} finally {
  await ownCluster?.stop();
}

const report = {
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
    transport: 'HTTP/1.1 keep-alive on loopback, JSON bodies; the benchmark client, the server nodes and PostgreSQL share the same cores',
  },
  results,
};
mkdirSync(path.join(root, 'bench/results'), { recursive: true });
writeFileSync(path.join(root, 'bench/results/forms.json'), `${JSON.stringify(report, null, 2)}\n`);
console.log('\n  结果已写入 bench/results/forms.json');
if (Object.values(results).some((r) => !r.acknowledgedEqualsStored || Object.keys(r.errors).length > 0)) process.exitCode = 1;

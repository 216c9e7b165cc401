/**
 * The availability feed at national scale: GET /api/availability when 10 000 institutions
 * report (issue #17). Part of `npm run bench` (bench/run.ts, on its shipped-content build);
 * alone: `node bench/availability.ts` (the build in DIST_DIR, default dist).
 *
 * What it does, and why it is honest though the build's registry is small:
 * - The feed lists every stored institution that is not a sample (src/server/network/
 *   availability-console.ts `feedIncludes`): its size depends on how many institutions
 *   report and what they report, not on the registry the site was built with. (The
 *   synthetic registries of bench/run.ts would not do: their records are all samples,
 *   which take no reports, and the server's registry is the shipped one whatever
 *   REGISTRY_DIR the pages were built from.) So the benchmark writes reports for
 *   BENCH_AVAILABILITY_INSTITUTIONS (10 000) synthetic ids, zj-bench-inst-00001 …, straight
 *   into a fresh SQLite database (the server's own tables, through the data layer), with a
 *   seeded, plausible mix: 住院 for 70 %, else 居家 (with the area covered) or 门诊, a second
 *   mode for 30 %; statuses 有空位 35 %, 紧张 25 %, 已满可登记等候 20 %, 需先评估 15 %,
 *   暂停接收 5 %; counts for the ward and home care; a waiting band when full; whom it
 *   accepts for 60 %; a short note for 30 %; reported within the last 30 hours with a
 *   24-hour expiry (about a fifth expired); three older rows of history behind each.
 * - Then it starts the built server (`node scripts/start.ts`, SQLite, one node) on that
 *   data and measures over HTTP on loopback, with gzip accepted as browsers do:
 *   the body raw and as sent (gzip, by the server's own compression); the first answer
 *   (the feed made from the database) and the first after a new report; requests per
 *   second for BENCH_AVAILABILITY_SECONDS (10) with BENCH_AVAILABILITY_CONCURRENCY (8) in
 *   flight, once fetching the whole body every time and once revalidating with
 *   If-None-Match (304), with p50/p95 latency.
 * The load generator runs on the same machine as the server: on 2 cores they compete.
 *
 * Prints the figures and writes bench/results/availability.json.
 */
import http from 'node:http';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { reportWindow, type AvailabilityFeed, type AvailabilityMode, type ReportableStatus } from '../src/lib/network/availability.ts';
import { openDb } from '../src/server/db/connect.ts';
import type { AvailabilityReportsTable } from '../src/server/db/schema.ts';
import { startBuiltServer } from '../scripts/lib/built-server.ts';
import { mulberry32 } from '../scripts/lib/seeded-random.ts';

const root = path.resolve(import.meta.dirname, '..');
const HOUR = 3_600_000;

export interface AvailabilityBenchOptions {
  readonly distDir: string;
  readonly institutions?: number;
  readonly seconds?: number;
  readonly concurrency?: number;
  readonly log?: (message: string) => void;
}

export interface LoadFigures {
  readonly requests: number;
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly statuses: Record<string, number>;
}

export interface AvailabilityFigures {
  readonly institutions: number;
  /** Institution × mode entries in the feed. */
  readonly entries: number;
  readonly freshShare: number;
  readonly storedRows: number;
  readonly rawBytes: number;
  readonly gzipBytes: number;
  readonly contentEncoding: string;
  readonly firstAnswerMs: number;
  readonly afterNewReportMs: number;
  /** GET /api/availability?institution=<id> as sent (an institution page needs only its own). */
  readonly oneInstitutionBytes: number;
  readonly full: LoadFigures;
  readonly revalidated: LoadFigures;
}

type Row = Omit<AvailabilityReportsTable, 'id' | 'kind'> & { kind: 'report' | 'confirm' };

const NOTES = [
  '需先到门诊评估，请带近期病历',
  '周末不办理入院',
  '请先电话联系护士站',
  '家属可先来病区了解情况',
  '仅接收本区户籍或医保参保患者',
  '需主管医生转介单',
  '床位紧张，建议同时登记其他机构',
  '居家服务需先签约家庭医生',
  '节假日暂停上门服务',
  '单人间已满，多人间有床',
];
const STREETS = [
  '西湖区北山街道、灵隐街道',
  '上城区湖滨街道',
  '海淀区学院路街道、清河街道',
  '昌平区回龙观街道',
  '鄞州区中河街道、首南街道',
];

function pickStatus(r: number): ReportableStatus {
  if (r < 0.35) return '有空位';
  if (r < 0.6) return '紧张';
  if (r < 0.8) return '已满可登记等候';
  if (r < 0.95) return '需先评估';
  return '暂停接收';
}

/** The synthetic reports: current rows and their history, seeded. */
export function syntheticReports(count: number, now: Date, seed = 1): Row[] {
  const rand = mulberry32(seed);
  const rows: Row[] = [];
  for (let i = 1; i <= count; i++) {
    const institution = `zj-bench-inst-${String(i).padStart(5, '0')}`;
    const first: AvailabilityMode = rand() < 0.7 ? '住院' : rand() < 0.6 ? '居家' : '门诊';
    const modes: AvailabilityMode[] = [first];
    if (rand() < 0.3) modes.push(first === '住院' ? '居家' : '住院');
    for (const mode of modes) {
      for (let h = 3; h >= 0; h--) {
        const status = pickStatus(rand());
        const counted = mode !== '门诊' || rand() < 0.3;
        const open = counted ? 5 + Math.floor(rand() * 56) : null;
        const free =
          open === null
            ? null
            : status === '已满可登记等候' || status === '暂停接收'
              ? 0
              : status === '紧张'
                ? Math.min(open, 1 + Math.floor(rand() * 2))
                : Math.max(1, Math.floor(rand() * open * 0.4));
        // The current row (h = 0) was reported within the last 30 hours; older ones a day apart before it.
        const reportedAt = new Date(now.getTime() - (rand() * 30 + h * 24) * HOUR);
        const window = reportWindow(reportedAt, 24);
        rows.push({
          institution,
          mode,
          status,
          open_beds: open,
          free_beds: free,
          waiting: status === '已满可登记等候' ? (rand() < 0.5 ? '一至四周' : '一至三个月') : null,
          accepts: rand() < 0.6 ? (rand() < 0.5 ? '家属可直接咨询' : '需医生转介') : null,
          area: mode === '居家' ? (STREETS[Math.floor(rand() * STREETS.length)] ?? null) : null,
          note: rand() < 0.3 ? (NOTES[Math.floor(rand() * NOTES.length)] ?? null) : null,
          reported_at: window.reportedAt,
          expires_at: window.expiresAt,
          reported_by: 'bench',
          kind: h === 0 && rand() < 0.4 ? 'confirm' : 'report',
        });
      }
    }
  }
  // Written in time order, as they would have arrived: the newest of each institution and mode is current.
  return rows.sort((a, b) => (a.reported_at < b.reported_at ? -1 : 1));
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

interface Answer {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: Buffer;
  readonly ms: number;
}

/** One GET as a browser sends it (gzip accepted); the body as it came over the wire. */
function get(url: string, headers: Record<string, string> = {}): Promise<Answer> {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent, headers: { 'Accept-Encoding': 'gzip', ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks), ms: performance.now() - t0 }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
  });
}

const percentile = (sorted: readonly number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0;
const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

/**
 * Requests for `seconds` with `concurrency` in flight. `revalidate`: each client keeps the
 * ETag of its last 200 and sends it back (If-None-Match), as a browser does once max-age
 * has passed; the statuses change while the test runs (reports reach their expiry), so
 * some answers are 200 with a new ETag.
 */
async function load(url: string, seconds: number, concurrency: number, revalidate: string | undefined): Promise<LoadFigures> {
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  const end = performance.now() + seconds * 1000;
  const started = performance.now();
  const worker = async () => {
    let etag = revalidate;
    while (performance.now() < end) {
      const answer = await get(url, etag === undefined ? {} : { 'If-None-Match': etag });
      if (etag !== undefined && answer.status === 200) etag = String(answer.headers.etag ?? etag);
      latencies.push(answer.ms);
      statuses[answer.status] = (statuses[answer.status] ?? 0) + 1;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    requestsPerSecond: round(latencies.length / elapsed),
    p50Ms: round(percentile(latencies, 50)),
    p95Ms: round(percentile(latencies, 95)),
    statuses,
  };
}

export async function measureAvailability(options: AvailabilityBenchOptions): Promise<AvailabilityFigures> {
  const count = options.institutions ?? 10_000;
  const seconds = options.seconds ?? 10;
  const concurrency = options.concurrency ?? 8;
  const log = options.log ?? ((m: string) => console.log(m));
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'anning-bench-availability-'));
  const now = new Date();
  const rows = syntheticReports(count, now);
  const db = await openDb({ dataDir, databaseUrl: undefined });
  try {
    await db.kysely.transaction().execute(async (tx) => {
      for (let i = 0; i < rows.length; i += 500)
        await tx
          .insertInto('availability_reports')
          .values(rows.slice(i, i + 500))
          .execute();
    });
  } finally {
    await db.close();
  }
  log(`wrote ${rows.length} availability rows for ${count} institutions`);

  const server = await startBuiltServer({
    distDir: options.distDir,
    dataDir,
    timeoutMs: 60_000,
    env: { DATABASE_URL: '', CONSULTATIONS: 'off' },
  });
  try {
    const url = `${server.url}/api/availability`;
    const first = await get(url);
    if (first.status !== 200) throw new Error(`GET /api/availability answered ${first.status}`);
    const encoding = String(first.headers['content-encoding'] ?? 'identity');
    const raw = encoding === 'gzip' ? gunzipSync(first.body) : first.body;
    const feed = JSON.parse(raw.toString('utf8')) as AvailabilityFeed;
    const institutions = Object.keys(feed.institutions).length;
    if (institutions !== count) throw new Error(`the feed lists ${institutions} institutions, not ${count}`);
    const statuses = Object.values(feed.institutions).flatMap((modes) => Object.values(modes));
    const etag = String(first.headers.etag ?? '');

    // A new report changes the feed: the next answer makes it again from the database.
    const writer = await openDb({ dataDir, databaseUrl: undefined, migrate: false });
    try {
      const newRow = syntheticReports(1, new Date(), 2)[0];
      if (newRow !== undefined)
        await writer.kysely
          .insertInto('availability_reports')
          .values({ ...newRow, institution: 'zj-bench-inst-00001' })
          .execute();
    } finally {
      await writer.close();
    }
    const after = await get(url);
    if (after.headers.etag === etag) throw new Error('the ETag did not change after a new report');
    const current = String(after.headers.etag ?? '');

    log(`load: ${seconds} s with ${concurrency} in flight, whole body each time`);
    const full = await load(url, seconds, concurrency, undefined);
    log(`load: ${seconds} s with ${concurrency} in flight, revalidating (If-None-Match)`);
    const revalidated = await load(url, seconds, concurrency, current);
    const one = await get(`${url}?institution=zj-bench-inst-00042`);
    return {
      institutions,
      entries: statuses.length,
      freshShare: round(statuses.filter((s) => s.fresh).length / statuses.length, 3),
      storedRows: rows.length + 1,
      rawBytes: raw.length,
      gzipBytes: encoding === 'gzip' ? first.body.length : Number.NaN,
      contentEncoding: encoding,
      firstAnswerMs: round(first.ms),
      afterNewReportMs: round(after.ms),
      oneInstitutionBytes: one.body.length,
      full,
      revalidated,
    };
  } finally {
    await server.stop();
  }
}

/** The figures as one line each, for the console. */
export function availabilitySummary(f: AvailabilityFigures): string[] {
  return [
    `${f.institutions} institutions, ${f.entries} mode entries (${Math.round(f.freshShare * 100)} % fresh), ${f.storedRows} stored rows`,
    `body ${(f.rawBytes / 1024).toFixed(0)} KB raw, ${(f.gzipBytes / 1024).toFixed(0)} KB ${f.contentEncoding} as sent`,
    `first answer ${f.firstAnswerMs} ms; first after a new report ${f.afterNewReportMs} ms; one institution (?institution=) ${f.oneInstitutionBytes} bytes`,
    `whole body: ${f.full.requestsPerSecond} requests/s, p50 ${f.full.p50Ms} ms, p95 ${f.full.p95Ms} ms (${JSON.stringify(f.full.statuses)})`,
    `revalidated: ${f.revalidated.requestsPerSecond} requests/s, p50 ${f.revalidated.p50Ms} ms, p95 ${f.revalidated.p95Ms} ms (${JSON.stringify(f.revalidated.statuses)})`,
  ];
}

/** Writes bench/results/availability.json with the machine and the settings. */
export function writeAvailabilityResults(f: AvailabilityFigures, settings: Record<string, unknown>): string {
  const file = path.join(root, 'bench/results/availability.json');
  mkdirSync(path.dirname(file), { recursive: true });
  const [load1] = os.loadavg();
  const out = {
    date: new Date().toISOString(),
    machine: {
      cores: os.cpus().length,
      cpu: os.cpus()[0]?.model ?? 'unknown',
      memoryGiB: round(os.totalmem() / 2 ** 30, 2),
      node: process.version,
      loadAverage1mAtEnd: round(load1 ?? 0, 2),
    },
    settings: {
      ...settings,
      engine: 'SQLite (the embedded default), one server node',
      transport: 'HTTP/1.1 keep-alive on loopback, Accept-Encoding: gzip; the load generator shares the cores with the server',
      data: 'synthetic reports for ids zj-bench-inst-NNNNN written straight into the database (bench/availability.ts), three older rows behind each current one',
    },
    results: f,
  };
  writeFileSync(file, `${JSON.stringify(out, null, 2)}\n`);
  return file;
}

if (import.meta.main) {
  const distDir = path.resolve(root, process.env['DIST_DIR'] ?? 'dist');
  const institutions = Number(process.env['BENCH_AVAILABILITY_INSTITUTIONS'] ?? 10_000);
  const seconds = Number(process.env['BENCH_AVAILABILITY_SECONDS'] ?? 10);
  const concurrency = Number(process.env['BENCH_AVAILABILITY_CONCURRENCY'] ?? 8);
  const [load1] = os.loadavg();
  console.log(
    `availability feed: ${institutions} institutions, ${os.cpus().length} cores, load average ${round(load1 ?? 0, 2)} at the start`,
  );
  const figures = await measureAvailability({ distDir, institutions, seconds, concurrency });
  for (const line of availabilitySummary(figures)) console.log(`  ${line}`);
  const file = writeAvailabilityResults(figures, {
    institutions,
    seconds,
    concurrency,
    build: path.relative(root, distDir),
    loadAverage1mAtStart: round(load1 ?? 0, 2),
  });
  console.log(`wrote ${path.relative(root, file)}`);
}

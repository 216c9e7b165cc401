/**
 * `npm run bench`: performance at national scale. Builds the site four times, each into its
 * own folder under bench/tmp/ (gitignored) with a cold cache — the shipped content as it is,
 * then the shipped content with synthetic registries of 1 000, 10 000 and 50 000 institutions
 * spread over all 31 provinces (scripts/synthetic-registry.ts, seed 1, with the scope
 * bench/scope-national.json, plus the shipped records the courses point at) — and measures,
 * for each:
 *
 * - build: wall time of the full production build including the Pagefind index, CPU time,
 *   pages built, pages per second, peak memory; the 10 000 / 1 000 and 50 000 / 10 000 ratios;
 * - page weight per page type (scripts/lib/page-weight.ts, as scripts/check-page-weight.ts);
 * - search (1 000 and 10 000): index size on disk, bytes fetched for a first and a second
 *   query, query latency median / p95 in Chromium;
 * - finder (each size): the first finder data fetch from a county (overview + its province's
 *   part, as sent and unpacked; beside it the single whole index the finder fetched before
 *   issue #20, computed here), navigation → first result
 *   list, filter update median / p95 over BENCH_FILTER_CHANGES changes (also with live availability
 *   statuses for every record applied), map → all markers clustered;
 * - Lighthouse (mobile) on the shipped build: home, finder, institution, course, lesson,
 *   volunteer and search pages;
 * - live availability (bench/availability.ts, on the shipped build): GET /api/availability
 *   when BENCH_AVAILABILITY_INSTITUTIONS (10 000) institutions report — body raw and gzip,
 *   requests per second from one node with and without ETag revalidation; also written to
 *   bench/results/availability.json.
 *
 * Writes bench/results/latest.json (one key per figure; the previous one is kept as
 * previous.json) and bench/RESULTS.md. Exits 1 if a step failed (the figures it did get are
 * still written). Budgets are checked separately: `npm run bench:check`.
 *
 * Settings (environment): BENCH_SIZES (1000,10000,50000), BENCH_LIGHTHOUSE (1; 0 skips it),
 * BENCH_LIGHTHOUSE_RUNS (3; the median run by performance score is kept),
 * BENCH_FILTER_CHANGES (100), BENCH_VISITS (5), BENCH_REUSE (0; 1 measures existing builds in
 * bench/tmp/ without rebuilding — build figures are then left out).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { courseSlugs, weighSite, type TypeWeight } from '../scripts/lib/page-weight.ts';
import { findChromium } from '../scripts/find-chromium.ts';
import { readBudgets } from '../scripts/lib/budgets.ts';
import { figureText, type Figures } from './lib/budgets.ts';
import { folderSize, sharedConfigHasPagefind, timedBuild, writeBenchConfig, GNU_TIME } from './lib/build.ts';
import { launchChromium, measureFinder, measureMap, measureSearch, serveBuild } from './lib/browser.ts';
import { LIGHTHOUSE_CATEGORIES, lighthouseCli, runLighthouseMedian } from './lib/lighthouse.ts';
import { prepareRegistry } from './lib/registry.ts';
import { loadRegistry } from '../src/lib/registry/load.ts';
import { buildFinderIndex } from '../src/lib/finder/index-build.ts';
import { gzipSync } from 'node:zlib';
import { availabilitySummary, measureAvailability, writeAvailabilityResults } from './availability.ts';
import { resultsMarkdown } from './lib/report.ts';
import { provinceOfCode } from '../src/lib/finder/parts.ts';

const root = path.resolve(import.meta.dirname, '..');
const env = process.env;
const sizes = (env['BENCH_SIZES'] ?? '1000,10000,50000')
  .split(',')
  .map((s) => Number(s.trim()))
  .filter((n) => Number.isInteger(n) && n > 0);
const withLighthouse = env['BENCH_LIGHTHOUSE'] !== '0';
const reuse = env['BENCH_REUSE'] === '1';
const filterChanges = Number(env['BENCH_FILTER_CHANGES'] ?? 100);
const lighthouseRuns = Math.max(1, Number(env['BENCH_LIGHTHOUSE_RUNS'] ?? 3));
const visits = Number(env['BENCH_VISITS'] ?? 5);
/** Zhejiang · Hangzhou · 西湖区: a county with shipped and synthetic records. */
const FINDER_COUNTY = '330106';
/** The synthetic registries are spread over every province: the scope with all 31. */
const NATIONAL_SCOPE = path.join(root, 'bench/scope-national.json');
/** First queries on a fresh visit (as tests/e2e/search.spec.ts) and later queries on a warm page. */
const FIRST_QUERIES = ['疼痛', '临终关怀', '朝阳区', '老年大学 课程', '居家'];
const LATER_QUERIES = [
  '医保',
  '护理院',
  '志愿者',
  '哀伤',
  '中医',
  '社区卫生服务中心',
  '西湖区',
  '杭州',
  '宁波',
  '家属',
  '止痛',
  '住院',
  '心理',
  '课程',
  '安宁疗护中心',
  '营养',
  '灵性关怀',
  '长护险',
  '温州',
  '海淀区',
  '乡镇卫生院',
  '生命教育',
  '告别',
  '预立医疗',
  '呼吸困难',
  '门诊',
  '上门',
  '床位',
  '丧亲',
  '疼痛 居家',
];

const figures: Record<string, unknown> = {};
const notes: string[] = [];
const errors: string[] = [];
const started = performance.now();
const elapsed = () => `${((performance.now() - started) / 60_000).toFixed(1)} min`;
const log = (message: string) => console.log(`[bench ${elapsed()}] ${message}`);
const round = (n: number, digits = 1) => (Number.isFinite(n) ? Math.round(n * 10 ** digits) / 10 ** digits : null);

async function step(name: string, fn: () => Promise<void> | void): Promise<boolean> {
  try {
    await fn();
    return true;
  } catch (error) {
    const message = `${name}: ${error instanceof Error ? error.message : String(error)}`.slice(0, 3000);
    errors.push(message);
    console.error(`[bench ${elapsed()}] ✗ ${message}`);
    return false;
  }
}

// ---------- the machine ----------
const commit = spawnSync('git', ['rev-parse', 'HEAD'], { cwd: root, encoding: 'utf8' });
const [l1, l5, l15] = os.loadavg();
Object.assign(figures, {
  date: new Date().toISOString(),
  commit: commit.status === 0 ? commit.stdout.trim() : 'unknown',
  'machine.cores': os.cpus().length,
  'machine.cpu': os.cpus()[0]?.model ?? 'unknown',
  'machine.memoryMB': Math.round(os.totalmem() / 2 ** 20),
  'machine.node': process.version,
  'machine.platform': `${os.platform()} ${os.release()}`,
  'load.start1m': round(l1 ?? 0, 2),
  'load.start5m': round(l5 ?? 0, 2),
  'load.start15m': round(l15 ?? 0, 2),
});
log(
  `${os.cpus().length} cores, ${figureText(figures, 'machine.memoryMB')} MB, load average ${figureText(figures, 'load.start1m')} / ${figureText(figures, 'load.start5m')} / ${figureText(figures, 'load.start15m')}; sizes ${sizes.join(', ')}${withLighthouse ? ', with Lighthouse' : ''}${reuse ? ', reusing builds' : ''}`,
);
if ((l1 ?? 0) > os.cpus().length * 1.5)
  notes.push(
    `the machine was shared: load average ${figureText(figures, 'load.start1m')} on ${os.cpus().length} cores at the start, so wall times and browser timings are inflated; compare CPU times, bytes and ratios`,
  );
if (!existsSync(GNU_TIME))
  notes.push(
    `${GNU_TIME} not found: CPU time and the largest process's peak memory are not measured (the process-tree peak is sampled from /proc)`,
  );

// ---------- builds ----------
const configFile = writeBenchConfig(root);
if (!sharedConfigHasPagefind(root)) {
  notes.push(
    'astro.config.mjs does not wire the Pagefind integration yet: the timed build uses bench/tmp/astro.bench.config.mjs (the shared config plus src/integrations/pagefind.ts), so the build time includes the search index as it will in production',
  );
}
const courses = courseSlugs(path.join(root, 'content'));
const budgets = readBudgets(root);
const distOf = (label: string) => path.join(root, 'bench/tmp', `build-${label}`);
const builds: { label: string; count: number | null }[] = [
  { label: 'shipped', count: null },
  ...sizes.map((n) => ({ label: String(n), count: n })),
];
const weights = new Map<string, TypeWeight[]>();
const builtOk = new Set<string>();

for (const b of builds) {
  const distDir = distOf(b.label);
  let registryDir: string | undefined;
  if (b.count !== null) {
    const ok = await step(`registry ${b.count}`, () => {
      if (reuse && existsSync(path.join(root, 'bench/tmp', `registry-${b.count}`))) {
        registryDir = path.join(root, 'bench/tmp', `registry-${b.count}`);
        return;
      }
      log(`writing a synthetic registry of ${b.count} institutions`);
      const prepared = prepareRegistry(root, b.count ?? 0, 1, NATIONAL_SCOPE);
      registryDir = prepared.dir;
      if (b.label === String(sizes[0])) {
        notes.push(
          `the shipped courses hold sessions at shipped sample records that the synthetic registry does not have (synthetic ids are sample-<county>-<k>), so each synthetic registry also gets a copy of those records and the records they name: ${prepared.copied.join(', ')}`,
        );
      }
    });
    if (!ok) continue;
  }
  if (registryDir !== undefined) {
    const dir = registryDir;
    await step(`whole index ${b.label}`, () => {
      // What the finder fetched before the split (issue #20): one index of every record and region.
      const registry = loadRegistry({ dir, scopeFile: NATIONAL_SCOPE, samples: true, cache: false });
      const text = JSON.stringify(buildFinderIndex(registry.records, registry.regions));
      figures[`finder.${b.label}.wholeIndexBytes`] = Buffer.byteLength(text);
      figures[`finder.${b.label}.wholeIndexGzip`] = gzipSync(text, { level: 9 }).length;
    });
  }
  if (reuse && existsSync(path.join(distDir, 'client/index.html'))) {
    log(`reusing ${path.relative(root, distDir)}`);
    builtOk.add(b.label);
  } else {
    await step(`build ${b.label}`, async () => {
      log(`building ${b.label} → ${path.relative(root, distDir)}`);
      const r = await timedBuild({
        root,
        distDir,
        cacheDir: path.join(root, 'bench/tmp', `cache-${b.label}`),
        configFile,
        ...(registryDir !== undefined ? { registryDir, env: { SITE_SCOPE: NATIONAL_SCOPE } } : {}),
      });
      if (!r.ok)
        throw new Error(
          `astro build failed after ${r.wallSeconds.toFixed(0)} s:\n${r.log
            .split('\n')
            .filter((l) => !l.startsWith('\t'))
            .slice(-25)
            .join('\n')}`,
        );
      const institutions = JSON.parse(readFileSync(path.join(distDir, 'client/data/finder/overview.json'), 'utf8')) as { n?: number };
      Object.assign(figures, {
        [`build.${b.label}.institutions`]: institutions.n ?? null,
        [`build.${b.label}.wallSeconds`]: round(r.wallSeconds),
        [`build.${b.label}.cpuSeconds`]: r.cpuSeconds === null ? null : round(r.cpuSeconds),
        [`build.${b.label}.pages`]: r.pages,
        [`build.${b.label}.pagesPerSecond`]: round(r.pages / r.wallSeconds),
        [`build.${b.label}.maxRssMB`]: r.maxRssMB === null ? null : Math.round(r.maxRssMB),
        [`build.${b.label}.treePeakRssMB`]: Math.round(r.treePeakRssMB),
        [`build.${b.label}.indexSeconds`]: r.indexSeconds,
        [`build.${b.label}.indexedPages`]: r.indexedPages,
      });
      log(
        `built ${r.pages} pages in ${r.wallSeconds.toFixed(1)} s wall, ${r.cpuSeconds?.toFixed(1) ?? '?'} s CPU, peak ${Math.round(r.treePeakRssMB)} MB`,
      );
      builtOk.add(b.label);
    });
  }
  if (!builtOk.has(b.label)) continue;
  await step(`page weight ${b.label}`, () => {
    const w = weighSite(path.join(distDir, 'client'), { courses, mapModule: budgets.pageWeight.mapModule });
    weights.set(b.label, w);
    for (const t of w) {
      for (const [metric, best] of Object.entries(t.max))
        if (best !== null) figures[`pageWeight.${b.label}.${t.type}.${metric}`] = best.value;
    }
  });
  const pf = folderSize(path.join(distDir, 'client/pagefind'));
  figures[`search.${b.label}.indexBytes`] = pf.bytes;
  figures[`search.${b.label}.indexFiles`] = pf.files;
}
const ratio = (big: number, small: number, key: string) => {
  const a = figures[`build.${big}.${key}`];
  const b = figures[`build.${small}.${key}`];
  return typeof a === 'number' && typeof b === 'number' && b > 0 ? round(a / b, 2) : null;
};
for (const [big, small] of [
  [10_000, 1000],
  [50_000, 10_000],
] as const) {
  if (!sizes.includes(big) || !sizes.includes(small)) continue;
  for (const key of ['wallSeconds', 'cpuSeconds', 'pages', 'maxRssMB', 'treePeakRssMB'])
    figures[`ratio.${big}to${small}.${key}`] = ratio(big, small, key);
}

// ---------- browsers ----------
const chromePath = findChromium();
if (chromePath === undefined) errors.push('no Chromium found (/usr/bin/chromium): browser figures and Lighthouse skipped');

// Lighthouse: the budgeted pages of the shipped build (figures lighthouse.<page>.*), and the
// finder and the heaviest institution page of each scale build (lighthouse.<size>.<page>.*).
const lighthouseRounds = [
  { label: 'shipped', names: budgets.lighthouse.pages, prefix: 'lighthouse' },
  ...budgets.scale.at.map((at) => ({
    label: String(at),
    names: budgets.scale.lighthousePages,
    prefix: `lighthouse.${at}`,
  })),
].filter((r) => builtOk.has(r.label));
if (chromePath !== undefined && withLighthouse && lighthouseRounds.length > 0) {
  if (lighthouseCli(root) === null) {
    errors.push('lighthouse is not installed: add it as a devDependency (npm install -D lighthouse)');
  } else {
    for (const lh of lighthouseRounds) {
      const w = weights.get(lh.label) ?? [];
      const heaviest = (type: string) => w.find((t) => t.type === type)?.max.htmlGzip?.page;
      const fixed: Record<string, string> = { home: '/', finder: '/services/', volunteer: '/volunteer/', search: '/search/' };
      const pages: [string, string | undefined][] = lh.names.map((name) => [name, fixed[name] ?? heaviest(name)]);
      const served = await serveBuild(distOf(lh.label));
      try {
        for (const [name, page] of pages) {
          if (page === undefined) {
            errors.push(`lighthouse ${lh.label} ${name}: no such page in the build`);
            continue;
          }
          await step(`lighthouse ${lh.label} ${name}`, async () => {
            log(`Lighthouse ${lh.label} ${page}`);
            const r = await runLighthouseMedian(root, `${served.base}${page}`, chromePath, lighthouseRuns, (message) =>
              log(`  a run failed (${message}); again`),
            );
            const key = `${lh.prefix}.${name}`;
            figures[`${key}.url`] = page;
            for (const c of LIGHTHOUSE_CATEGORIES) figures[`${key}.${c}`] = r.scores[c];
            figures[`${key}.lcpMs`] = r.lcpMs === null ? null : Math.round(r.lcpMs);
            figures[`${key}.tbtMs`] = r.tbtMs === null ? null : Math.round(r.tbtMs);
            figures[`${key}.cls`] = r.cls === null ? null : round(r.cls, 3);
            figures[`${key}.failing`] = r.failing;
            figures[`${key}.shifts`] = r.shifts;
            figures[`${key}.performanceRuns`] = r.runs;
            log(
              `  ${LIGHTHOUSE_CATEGORIES.map((c) => `${c} ${r.scores[c] ?? '?'}`).join(', ')} (performance in ${r.runs.length} runs: ${r.runs.join(', ')}); LCP ${Math.round(r.lcpMs ?? 0)} ms, TBT ${Math.round(r.tbtMs ?? 0)} ms, CLS ${(r.cls ?? 0).toFixed(3)}`,
            );
          });
        }
      } finally {
        await served.stop();
      }
    }
  }
}

if (chromePath !== undefined) {
  const browser = await launchChromium();
  try {
    for (const b of builds.filter((x) => x.count !== null && builtOk.has(x.label))) {
      const served = await serveBuild(distOf(b.label));
      try {
        await step(`finder ${b.label}`, async () => {
          log(`finder, ${b.label}: ${visits} visits, ${filterChanges} filter changes`);
          const f = await measureFinder(browser, served.base, { county: FINDER_COUNTY, visits, changes: filterChanges });
          Object.assign(figures, {
            [`finder.${b.label}.records`]: f.records,
            [`finder.${b.label}.indexBytes`]: f.indexBytes,
            [`finder.${b.label}.indexGzip`]: f.indexGzip,
            [`finder.${b.label}.firstListMsMedian`]: round(f.firstListMs.median),
            [`finder.${b.label}.firstListMsMax`]: round(f.firstListMs.max),
            [`finder.${b.label}.filterUpdateMsMedian`]: round(f.filterUpdateMs.median),
            [`finder.${b.label}.filterUpdateMsP95`]: round(f.filterUpdateMs.p95),
            [`finder.${b.label}.filterFrameMsMedian`]: round(f.filterFrameMs.median),
            [`finder.${b.label}.filterFrameMsP95`]: round(f.filterFrameMs.p95),
            [`finder.${b.label}.filterChanges`]: f.filterUpdateMs.n,
            [`finder.${b.label}.filterUpdateLiveMsMedian`]: round(f.filterUpdateLiveMs.median),
            [`finder.${b.label}.filterUpdateLiveMsP95`]: round(f.filterUpdateLiveMs.p95),
            [`finder.${b.label}.filterFrameLiveMsP95`]: round(f.filterFrameLiveMs.p95),
          });
          log(
            `  index ${(f.indexGzip / 1024).toFixed(1)} KB gzip, first list ${f.firstListMs.median.toFixed(0)} ms, filter update p50 ${f.filterUpdateMs.median.toFixed(1)} / p95 ${f.filterUpdateMs.p95.toFixed(1)} ms, with live statuses p50 ${f.filterUpdateLiveMs.median.toFixed(1)} / p95 ${f.filterUpdateLiveMs.p95.toFixed(1)} ms`,
          );
        });
        await step(`map ${b.label}`, async () => {
          log(`map, ${b.label}`);
          const records = figures[`finder.${b.label}.records`];
          const m = await measureMap(browser, served.base, typeof records === 'number' ? records : Number.POSITIVE_INFINITY, FINDER_COUNTY);
          Object.assign(figures, {
            [`map.${b.label}.markersClusteredMs`]: round(m.markersClusteredMs, 0),
            [`map.${b.label}.fromModuleMs`]: round(m.fromModuleMs, 0),
            [`map.${b.label}.clusters`]: m.clusters,
            [`map.${b.label}.markersInView`]: m.markersInView,
          });
          log(
            `  markers clustered ${m.markersClusteredMs.toFixed(0)} ms after navigation (${m.fromModuleMs.toFixed(0)} ms after the map module was requested); ${m.markersInView} records on screen`,
          );
        });
        await step(`search ${b.label}`, async () => {
          log(`search, ${b.label}: ${FIRST_QUERIES.length} fresh visits, ${LATER_QUERIES.length} warm queries`);
          const s = await measureSearch(browser, served.base, FIRST_QUERIES, LATER_QUERIES, `province=${provinceOfCode(FINDER_COUNTY)}`);
          Object.assign(figures, {
            [`search.${b.label}.firstQueryBytes`]: s.firstQueryBytesMax,
            [`search.${b.label}.firstQueryWorst`]: s.firstQueryWorst,
            [`search.${b.label}.firstQueryBytesMedian`]: s.firstQueryBytesMedian,
            [`search.${b.label}.firstQueryDecoded`]: s.firstQueryDecodedMax,
            [`search.${b.label}.secondQueryBytes`]: s.secondQueryBytesMedian,
            [`search.${b.label}.secondQueryBytesMax`]: s.secondQueryBytesMax,
            [`search.${b.label}.firstQueryMsMedian`]: round(s.firstQueryMs.median),
            [`search.${b.label}.queryMsMedian`]: round(s.queryMs.median),
            [`search.${b.label}.queryMsP95`]: round(s.queryMs.p95),
            [`search.${b.label}.queryColdMsMedian`]: round(s.queryColdMs.median),
            [`search.${b.label}.queryColdMsP95`]: round(s.queryColdMs.p95),
            [`search.${b.label}.queries`]: s.queryMs.n,
          });
          log(
            `  first query ${(s.firstQueryBytesMax / 1024).toFixed(0)} KB (worst, 「${s.firstQueryWorst}」), second +${(s.secondQueryBytesMedian / 1024).toFixed(0)} KB; latency typed p50 ${s.queryMs.median.toFixed(0)} / p95 ${s.queryMs.p95.toFixed(0)} ms, all at once p50 ${s.queryColdMs.median.toFixed(0)} / p95 ${s.queryColdMs.p95.toFixed(0)} ms`,
          );
        });
      } finally {
        await served.stop();
      }
    }
  } finally {
    await browser.close();
  }
}

// ---------- live availability ----------
if (builtOk.has('shipped')) {
  const institutions = Number(env['BENCH_AVAILABILITY_INSTITUTIONS'] ?? 10_000);
  const seconds = Number(env['BENCH_AVAILABILITY_SECONDS'] ?? 10);
  const concurrency = Number(env['BENCH_AVAILABILITY_CONCURRENCY'] ?? 8);
  await step('availability', async () => {
    log(`availability feed: ${institutions} institutions reporting (synthetic reports in a fresh database, the shipped build serving)`);
    const a = await measureAvailability({ distDir: distOf('shipped'), institutions, seconds, concurrency, log: (m) => log(`  ${m}`) });
    Object.assign(figures, {
      'availability.institutions': a.institutions,
      'availability.entries': a.entries,
      'availability.rawBytes': a.rawBytes,
      'availability.gzipBytes': a.gzipBytes,
      'availability.oneInstitutionBytes': a.oneInstitutionBytes,
      'availability.firstAnswerMs': a.firstAnswerMs,
      'availability.afterNewReportMs': a.afterNewReportMs,
      'availability.full.requestsPerSecond': a.full.requestsPerSecond,
      'availability.full.p50Ms': a.full.p50Ms,
      'availability.full.p95Ms': a.full.p95Ms,
      'availability.revalidated.requestsPerSecond': a.revalidated.requestsPerSecond,
      'availability.revalidated.p50Ms': a.revalidated.p50Ms,
      'availability.revalidated.p95Ms': a.revalidated.p95Ms,
    });
    for (const line of availabilitySummary(a)) log(`  ${line}`);
    writeAvailabilityResults(a, { institutions, seconds, concurrency, build: 'bench/tmp/build-shipped' });
  });
}

// ---------- results ----------
figures['load.end1m'] = round(os.loadavg()[0] ?? 0, 2);
figures['bench.totalSeconds'] = Math.round((performance.now() - started) / 1000);
figures['bench.notes'] = notes;
figures['bench.errors'] = errors;
const resultsDir = path.join(root, 'bench/results');
mkdirSync(resultsDir, { recursive: true });
const latestFile = path.join(resultsDir, 'latest.json');
let previous: Figures | null = null;
if (existsSync(latestFile)) {
  const text = readFileSync(latestFile, 'utf8');
  writeFileSync(path.join(resultsDir, 'previous.json'), text);
  previous = JSON.parse(text) as Figures;
}
writeFileSync(latestFile, `${JSON.stringify(figures, null, 2)}\n`);
// Formatted as the repository's Prettier check expects, so a bench run can be committed as it is.
const resultsFile = path.join(root, 'bench/RESULTS.md');
const prettier = await import('prettier');
writeFileSync(
  resultsFile,
  await prettier.format(resultsMarkdown(figures, previous, budgets), {
    ...(await prettier.resolveConfig(resultsFile)),
    filepath: resultsFile,
  }),
);
log(`wrote bench/results/latest.json and bench/RESULTS.md (${errors.length} error(s)); check the budgets with \`npm run bench:check\``);
if (errors.length > 0) process.exitCode = 1;

/**
 * bench/RESULTS.md: the figures of the latest run as tables a person reads — one column per
 * build, the previous run's figure in brackets beside each one that changed, and the budget
 * where there is one.
 */
import { PAGE_TYPES } from '../../scripts/lib/page-weight.ts';
import type { Budgets } from '../../scripts/lib/budgets.ts';
import { checkFigures, figureText, formatValue, type Check, type Figures } from './budgets.ts';
import { LIGHTHOUSE_CATEGORIES } from './lighthouse.ts';

type Unit = Parameters<typeof formatValue>[1];
interface Row {
  readonly label: string;
  /** The figure's key for a column (build label, or page for Lighthouse). */
  key(column: string): string;
  readonly unit: Unit;
}

const columnName = (label: string) => (label === 'shipped' ? 'shipped registry' : `${Number(label).toLocaleString('en-US')} synthetic`);
const oneLine = (text: string) => text.replace(/\s*\n\s*/gu, ' / ').replace(/\|/gu, '\\|');

function buildLabels(figures: Figures): string[] {
  const labels = new Set<string>();
  for (const key of Object.keys(figures)) {
    const m = /^(?:build|search|finder|map|pageWeight)\.([^.]+)\./u.exec(key);
    if (m?.[1] !== undefined) labels.add(m[1]);
  }
  return [...labels].sort((a, b) => (a === 'shipped' ? -1 : b === 'shipped' ? 1 : Number(a) - Number(b)));
}

const show = (x: unknown, unit: Unit) => (typeof x === 'number' ? formatValue(x, unit) : typeof x === 'string' ? x : '—');

/** Rows × columns; each cell "this (previous)" when the previous run differs; the budget column sums up every column. */
function matrix(
  rows: readonly Row[],
  columns: readonly string[],
  header: readonly string[],
  latest: Figures,
  previous: Figures | null,
  checks: ReadonlyMap<string, Check>,
): string {
  const out = [`| Figure | ${header.join(' | ')} | Budget |`, `| --- | ${columns.map(() => '---:').join(' | ')} | --- |`];
  for (const r of rows) {
    const keys = columns.map((c) => r.key(c));
    if (keys.every((k) => latest[k] === undefined && previous?.[k] === undefined && !checks.has(k))) continue;
    const cells = keys.map((k) => {
      const now = show(latest[k], r.unit);
      const before = previous === null ? '—' : show(previous[k], r.unit);
      const c = checks.get(k);
      const flag = c?.status === 'over' ? ' ✗' : '';
      return before === '—' || before === now ? `${now}${flag}` : `${now}${flag} (${before})`;
    });
    const applied = keys.map((k) => checks.get(k)).filter((c): c is Check => c !== undefined);
    const first = applied[0];
    let budget = '';
    if (first !== undefined) {
      const over = applied.filter((c) => c.status === 'over').length;
      const missing = applied.filter((c) => c.status === 'missing').length;
      budget = `${first.kind === 'max' ? '≤' : '≥'} ${formatValue(first.limit, first.unit)} ${over > 0 ? '**over**' : missing > 0 ? '(not measured)' : '✓'}`;
    }
    out.push(`| ${r.label} | ${cells.join(' | ')} | ${budget} |`);
  }
  return out.join('\n');
}

export function resultsMarkdown(latest: Figures, previous: Figures | null, budgets: Budgets): string {
  const checks = new Map(checkFigures(latest, budgets).map((c) => [c.key, c]));
  const labels = buildLabels(latest);
  const scaled = labels.filter((l) => l !== 'shipped');
  const s = (k: string) => figureText(latest, k);
  const parts: string[] = [];
  parts.push('# Benchmark results', '');
  parts.push(
    'Written by `npm run bench` (bench/run.ts); budgets in bench/budgets.json, checked by `npm run bench:check`; what is measured and how: docs/performance.md. Each cell is this run, with the previous run in brackets where it differs; ✗ marks a figure over its budget.',
    '',
  );
  parts.push(`- Run: ${s('date')}, commit \`${s('commit').slice(0, 12)}\`, ${s('bench.totalSeconds')} s in all`);
  parts.push(
    `- Machine: ${s('machine.cores')} cores (${s('machine.cpu')}), ${s('machine.memoryMB')} MB memory, Node ${s('machine.node')}, ${s('machine.platform')}`,
  );
  parts.push(
    `- Load average (1/5/15 min) at the start: ${s('load.start1m')} / ${s('load.start5m')} / ${s('load.start15m')}; at the end: ${s('load.end1m')}. A load well above the number of cores means the machine was shared while measuring: wall times and browser timings are then inflated and noisy, and CPU times, byte counts and ratios are the figures to compare.`,
  );
  if (previous !== null)
    parts.push(
      `- Previous run: ${figureText(previous, 'date')}, commit \`${figureText(previous, 'commit').slice(0, 12)}\`, load average at the start ${figureText(previous, 'load.start1m')}`,
    );
  const notes = latest['bench.notes'];
  if (Array.isArray(notes)) for (const n of notes) parts.push(`- Note: ${oneLine(String(n))}`);
  const errors = latest['bench.errors'];
  if (Array.isArray(errors)) for (const e of errors) parts.push(`- **Error:** ${oneLine(String(e)).slice(0, 600)}`);
  parts.push('');

  const header = labels.map(columnName);
  parts.push('## Build (astro build + Pagefind index, cold cache)', '');
  const buildRows: Row[] = [
    { label: 'institutions in the registry', key: (l) => `build.${l}.institutions`, unit: 'count' },
    { label: 'pages built', key: (l) => `build.${l}.pages`, unit: 'count' },
    { label: 'wall time', key: (l) => `build.${l}.wallSeconds`, unit: 's' },
    { label: 'CPU time (user + system)', key: (l) => `build.${l}.cpuSeconds`, unit: 's' },
    { label: 'pages per second (wall)', key: (l) => `build.${l}.pagesPerSecond`, unit: 'count' },
    { label: 'of which the Pagefind step (wall)', key: (l) => `build.${l}.indexSeconds`, unit: 's' },
    { label: 'peak memory, largest process (RSS)', key: (l) => `build.${l}.maxRssMB`, unit: 'MB' },
    { label: 'peak memory, whole build (summed RSS)', key: (l) => `build.${l}.treePeakRssMB`, unit: 'MB' },
  ];
  parts.push(matrix(buildRows, labels, header, latest, previous, checks), '');
  const ratioRows: Row[] = [
    { label: 'wall time', key: (l) => `ratio.${l}.wallSeconds`, unit: 'ratio' },
    { label: 'CPU time', key: (l) => `ratio.${l}.cpuSeconds`, unit: 'ratio' },
    { label: 'pages', key: (l) => `ratio.${l}.pages`, unit: 'ratio' },
    { label: 'peak memory, largest process', key: (l) => `ratio.${l}.maxRssMB`, unit: 'ratio' },
    { label: 'peak memory, whole build', key: (l) => `ratio.${l}.treePeakRssMB`, unit: 'ratio' },
  ];
  parts.push(
    'Ratios between sizes (×10 and ×5 the institutions):',
    '',
    matrix(ratioRows, ['10000to1000', '50000to10000'], ['10 000 / 1 000', '50 000 / 10 000'], latest, previous, checks),
    '',
  );

  const scaledHeader = scaled.map(columnName);
  parts.push('## Search (Pagefind, in Chromium)', '');
  parts.push(
    'Bytes are response bodies as they came over the wire from our server (it gzips text; Pagefind\'s index files are gzip files already); "decoded" is the same bodies after the browser unpacked the text ones. First query: a fresh visit to /search/?q=… for each of five queries. Latency: form submitted → results shown, for 30 later queries on a warm page.',
    '',
  );
  const searchRows: Row[] = [
    { label: 'index on disk (client/pagefind/)', key: (l) => `search.${l}.indexBytes`, unit: 'bytes' },
    { label: 'index files', key: (l) => `search.${l}.indexFiles`, unit: 'count' },
    { label: 'first query: bytes fetched (worst query)', key: (l) => `search.${l}.firstQueryBytes`, unit: 'bytes' },
    { label: 'first query: worst query', key: (l) => `search.${l}.firstQueryWorst`, unit: 'text' },
    { label: 'first query: bytes fetched (median)', key: (l) => `search.${l}.firstQueryBytesMedian`, unit: 'bytes' },
    { label: 'first query: decoded (worst)', key: (l) => `search.${l}.firstQueryDecoded`, unit: 'bytes' },
    { label: 'second query: extra bytes (median)', key: (l) => `search.${l}.secondQueryBytes`, unit: 'bytes' },
    { label: 'second query: extra bytes (worst)', key: (l) => `search.${l}.secondQueryBytesMax`, unit: 'bytes' },
    { label: 'first query: navigation → results (median)', key: (l) => `search.${l}.firstQueryMsMedian`, unit: 'ms' },
    { label: 'query latency, typed: Enter → results (median)', key: (l) => `search.${l}.queryMsMedian`, unit: 'ms' },
    { label: 'query latency, typed: Enter → results (p95)', key: (l) => `search.${l}.queryMsP95`, unit: 'ms' },
    { label: 'query latency, all at once: submit → results (median)', key: (l) => `search.${l}.queryColdMsMedian`, unit: 'ms' },
    { label: 'query latency, all at once: submit → results (p95)', key: (l) => `search.${l}.queryColdMsP95`, unit: 'ms' },
  ];
  parts.push(matrix(searchRows, scaled, scaledHeader, latest, previous, checks), '');

  parts.push('## Finder (/services/, in Chromium)', '');
  parts.push(
    'The synthetic registries are spread over all 31 provinces. First finder data fetch: every /data/finder/ response of a fresh visit to /services/?county=330106 (the overview and Zhejiang\'s part), over the wire and unpacked; "whole index" is the single file of every record the finder fetched before issue #20, computed from the same registry. First result list: fresh visits to /services/?county=330106. Filter update: a filter checkbox clicked → the finder\'s DOM updated (filtering every record, Preact commit), measured with performance.mark/measure; "→ next frame" adds style, layout and paint. Map: /services/?county=330106&map=1 with every record the finder holds there, tiles answered locally with a blank image.',
    '',
  );
  const finderRows: Row[] = [
    { label: 'records the finder holds (the province)', key: (l) => `finder.${l}.records`, unit: 'count' },
    { label: 'first finder data fetch, over the wire', key: (l) => `finder.${l}.indexGzip`, unit: 'bytes' },
    { label: 'first finder data fetch, unpacked', key: (l) => `finder.${l}.indexBytes`, unit: 'bytes' },
    { label: 'before: whole index, gzip', key: (l) => `finder.${l}.wholeIndexGzip`, unit: 'bytes' },
    { label: 'before: whole index, raw', key: (l) => `finder.${l}.wholeIndexBytes`, unit: 'bytes' },
    { label: 'navigation → first result list (median)', key: (l) => `finder.${l}.firstListMsMedian`, unit: 'ms' },
    { label: 'filter update median', key: (l) => `finder.${l}.filterUpdateMsMedian`, unit: 'ms' },
    { label: 'filter update p95', key: (l) => `finder.${l}.filterUpdateMsP95`, unit: 'ms' },
    { label: 'filter change → next frame, median', key: (l) => `finder.${l}.filterFrameMsMedian`, unit: 'ms' },
    { label: 'filter change → next frame, p95', key: (l) => `finder.${l}.filterFrameMsP95`, unit: 'ms' },
    { label: 'filter changes measured', key: (l) => `finder.${l}.filterChanges`, unit: 'count' },
    { label: 'filter update with live statuses, median', key: (l) => `finder.${l}.filterUpdateLiveMsMedian`, unit: 'ms' },
    { label: 'filter update with live statuses, p95', key: (l) => `finder.${l}.filterUpdateLiveMsP95`, unit: 'ms' },
    { label: 'with live statuses → next frame, p95', key: (l) => `finder.${l}.filterFrameLiveMsP95`, unit: 'ms' },
    { label: 'map: navigation → all markers clustered', key: (l) => `map.${l}.markersClusteredMs`, unit: 'ms' },
    { label: 'map: map module requested → markers clustered', key: (l) => `map.${l}.fromModuleMs`, unit: 'ms' },
    { label: 'map: records on screen after zooming out', key: (l) => `map.${l}.markersInView`, unit: 'count' },
  ];
  parts.push(matrix(finderRows, scaled, scaledHeader, latest, previous, checks), '');

  parts.push('## Page weight before any interaction (gzip, heaviest page of each type)', '');
  parts.push(
    'From scripts/lib/page-weight.ts (as `node scripts/check-page-weight.ts`): the HTML; the JavaScript run before any interaction (inline scripts, module scripts, client:load/idle/only islands and their static imports); for the finder also with the map module; total = HTML + CSS + that JavaScript.',
    '',
  );
  const pwRows: Row[] = [];
  for (const type of PAGE_TYPES) {
    pwRows.push(
      { label: `${type}: HTML`, key: (l) => `pageWeight.${l}.${type}.htmlGzip`, unit: 'bytes' },
      { label: `${type}: JS before interaction`, key: (l) => `pageWeight.${l}.${type}.jsGzip`, unit: 'bytes' },
    );
    if (type === 'finder')
      pwRows.push({ label: `${type}: JS with the map shown`, key: (l) => `pageWeight.${l}.${type}.jsWithMapGzip`, unit: 'bytes' });
    if (type === 'volunteer')
      pwRows.push({ label: `${type}: JS once the form is on screen`, key: (l) => `pageWeight.${l}.${type}.visibleJsGzip`, unit: 'bytes' });
    pwRows.push({ label: `${type}: total before interaction`, key: (l) => `pageWeight.${l}.${type}.totalGzip`, unit: 'bytes' });
  }
  parts.push(matrix(pwRows, labels, header, latest, previous, checks), '');

  parts.push('## Lighthouse (mobile preset, shipped registry)', '');
  const lhPages = budgets.lighthouse.pages;
  const lhRows: Row[] = [
    ...LIGHTHOUSE_CATEGORIES.map((c): Row => ({ label: c, key: (p) => `lighthouse.${p}.${c}`, unit: 'score' })),
    { label: 'LCP', key: (p) => `lighthouse.${p}.lcpMs`, unit: 'ms' },
    { label: 'TBT', key: (p) => `lighthouse.${p}.tbtMs`, unit: 'ms' },
    { label: 'CLS', key: (p) => `lighthouse.${p}.cls`, unit: 'cls' },
  ];
  parts.push(`Pages: ${lhPages.map((p) => `${p} ${show(latest[`lighthouse.${p}.url`], 'text')}`).join(', ')}.`, '');
  parts.push(matrix(lhRows, lhPages, lhPages, latest, previous, checks), '');
  const scaleLh = budgets.scale.at.flatMap((at) => budgets.scale.lighthousePages.map((p) => `${at}.${p}`));
  if (scaleLh.length > 0) {
    parts.push('## Lighthouse at scale (mobile preset, synthetic registries)', '');
    parts.push(`Pages: ${scaleLh.map((p) => `${p} ${show(latest[`lighthouse.${p}.url`], 'text')}`).join(', ')}.`, '');
    parts.push(matrix(lhRows, scaleLh, scaleLh, latest, previous, checks), '');
  }
  const lost: string[] = [];
  for (const page of [...lhPages, ...scaleLh]) {
    const f = latest[`lighthouse.${page}.failing`];
    if (Array.isArray(f) && f.length > 0) lost.push(`- ${page}: ${f.map(String).join('; ')}`);
    const shifts = latest[`lighthouse.${page}.shifts`];
    if (Array.isArray(shifts) && shifts.length > 0) lost.push(`  - ${page}, elements that moved: ${shifts.map(String).join('; ')}`);
    const runs = latest[`lighthouse.${page}.performanceRuns`];
    if (Array.isArray(runs) && runs.length > 1)
      lost.push(`  - ${page}, performance score in each run: ${runs.map(String).join(', ')} (the median run is shown)`);
  }
  if (lost.length > 0) parts.push('Audits that lost points, and what moved:', '', ...lost, '');

  parts.push('## Live availability (GET /api/availability, one node on SQLite)', '');
  parts.push(
    'bench/availability.ts: synthetic reports for this many institutions written into a fresh database, served by the shipped build; requests on loopback with gzip accepted, 8 in flight for 10 s; "revalidated" sends back the ETag of the last 200 (If-None-Match), as a browser does once the minute of max-age has passed. The load generator shares the cores with the server.',
    '',
  );
  const availabilityRows: Row[] = [
    { label: 'institutions reporting', key: () => 'availability.institutions', unit: 'count' },
    { label: 'institution × mode entries', key: () => 'availability.entries', unit: 'count' },
    { label: 'body raw', key: () => 'availability.rawBytes', unit: 'bytes' },
    { label: 'body gzip (as sent)', key: () => 'availability.gzipBytes', unit: 'bytes' },
    { label: 'one institution (?institution=)', key: () => 'availability.oneInstitutionBytes', unit: 'bytes' },
    { label: 'first answer (feed made from the database)', key: () => 'availability.firstAnswerMs', unit: 'ms' },
    { label: 'first answer after a new report', key: () => 'availability.afterNewReportMs', unit: 'ms' },
    { label: 'whole body: requests per second', key: () => 'availability.full.requestsPerSecond', unit: 'count' },
    { label: 'whole body: latency p50', key: () => 'availability.full.p50Ms', unit: 'ms' },
    { label: 'whole body: latency p95', key: () => 'availability.full.p95Ms', unit: 'ms' },
    { label: 'revalidated (304): requests per second', key: () => 'availability.revalidated.requestsPerSecond', unit: 'count' },
    { label: 'revalidated: latency p50', key: () => 'availability.revalidated.p50Ms', unit: 'ms' },
    { label: 'revalidated: latency p95', key: () => 'availability.revalidated.p95Ms', unit: 'ms' },
  ];
  parts.push(matrix(availabilityRows, ['feed'], ['shipped build'], latest, previous, checks), '');

  const bad = [...checks.values()].filter((c) => c.status !== 'ok');
  parts.push('## Over budget', '');
  parts.push(
    bad.length === 0
      ? 'Nothing: every budgeted figure is within its budget.'
      : bad
          .map(
            (c) =>
              `- \`${c.key}\`: ${c.status === 'missing' ? 'not measured in this run' : `${formatValue(c.value, c.unit)}, budget ${c.kind === 'max' ? '≤' : '≥'} ${formatValue(c.limit, c.unit)}`}`,
          )
          .join('\n'),
    '',
  );
  return parts.join('\n');
}

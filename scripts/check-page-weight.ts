/**
 * Page-weight budgets on a built site (DIST_DIR, default dist), no browser needed:
 * for every page of each type (home, finder, region, institution, course, lesson, guide,
 * volunteer, search) it sums what loads before any interaction — HTML, stylesheets and the
 * JavaScript run eagerly, with the static imports of each module — as gzip sizes, and checks
 * the heaviest page of each type against bench/budgets.json (pageWeight).
 * How it counts: scripts/lib/page-weight.ts. Prints a table; exits 1 when a figure is over
 * its budget (or a page type has no page), 0 otherwise.
 *
 *   node scripts/check-page-weight.ts [--json FILE]
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { readBudgets } from './lib/budgets.ts';
import { checkBudgets, courseSlugs, kb, weighSite } from './lib/page-weight.ts';

const root = path.resolve(import.meta.dirname, '..');
const distDir = path.resolve(root, process.env['DIST_DIR'] ?? 'dist');
const clientDir = path.join(distDir, 'client');
const budgets = readBudgets(root).pageWeight;

const started = performance.now();
const weights = weighSite(clientDir, { courses: courseSlugs(path.join(root, 'content')), mapModule: budgets.mapModule });
const results = checkBudgets(weights, budgets);
const limit = (type: string, figure: string) => {
  const r = results.find((x) => x.type === type && x.figure === figure);
  return r === undefined
    ? kb(weights.find((w) => w.type === type)?.max[figure as 'htmlGzip']?.value)
    : `${kb(r.value)} / ${kb(r.max)}${r.over ? ' ✗' : ''}`;
};

const rows = weights.map((w) => [
  w.type,
  String(w.pages),
  w.max.htmlGzip?.page ?? '—',
  limit(w.type, 'htmlGzip'),
  kb(w.max.cssGzip?.value),
  limit(w.type, 'jsGzip'),
  w.max.jsWithMapGzip === null && !results.some((r) => r.type === w.type && r.figure === 'jsWithMapGzip')
    ? ''
    : limit(w.type, 'jsWithMapGzip'),
  kb(w.max.visibleJsGzip?.value),
  kb(w.max.totalGzip?.value),
]);
const head = [
  'type',
  'pages',
  'heaviest HTML page',
  'HTML gzip',
  'CSS gzip',
  'JS before interaction',
  'JS with map',
  'JS incl. visible islands',
  'total before interaction',
];
const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
const line = (cells: readonly string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ');
console.log(
  `Page weight of ${path.relative(root, distDir) || distDir} (gzip level 9; heaviest page of each type; "a / b" = figure / budget)`,
);
console.log(line(head));
console.log(line(widths.map((w) => '-'.repeat(w))));
for (const r of rows) console.log(line(r));

const problems = weights.flatMap((w) => w.problems.map((p) => `${w.type}: ${p}`));
for (const p of new Set(problems)) console.warn(`warning: ${p}`);

const over = results.filter((r) => r.over);
console.log(`(${weights.reduce((a, w) => a + w.pages, 0)} pages weighed in ${((performance.now() - started) / 1000).toFixed(1)} s)`);

const jsonAt = process.argv.indexOf('--json');
if (jsonAt >= 0) {
  const out = process.argv[jsonAt + 1];
  if (out === undefined) throw new Error('--json needs a file name');
  writeFileSync(out, `${JSON.stringify({ weights, results }, null, 2)}\n`);
}

if (over.length > 0) {
  console.error(`\n✗ ${over.length} page-weight figure(s) over budget:`);
  for (const r of over) {
    console.error(
      `  ${r.type} ${r.figure}: ${r.value === null ? 'no page of this type / nothing to measure' : `${kb(r.value)} on ${r.page ?? '?'}`} > budget ${kb(r.max)}`,
    );
  }
  process.exit(1);
}
console.log('✓ every page type within its page-weight budget');

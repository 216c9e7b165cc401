/**
 * `npm run bench:check`: bench/results/latest.json (written by `npm run bench`) against
 * bench/budgets.json. Prints every budgeted figure beside its budget; exits 1 when one is
 * over budget or missing from the run, 0 otherwise.
 *
 *   node bench/check.ts [results.json]
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { readBudgets } from '../scripts/lib/budgets.ts';
import { checkFigures, figureText, formatValue, type Figures } from './lib/budgets.ts';

const root = path.resolve(import.meta.dirname, '..');
const file = path.resolve(process.argv[2] ?? path.join(root, 'bench/results/latest.json'));
if (!existsSync(file)) {
  console.error(`${path.relative(root, file)} not found: run \`npm run bench\` first.`);
  process.exit(1);
}
const figures = JSON.parse(readFileSync(file, 'utf8')) as Figures;
const checks = checkFigures(figures, readBudgets(root));

const rows = checks.map((c) => [
  c.key,
  formatValue(c.value, c.unit),
  `${c.kind === 'max' ? '≤' : '≥'} ${formatValue(c.limit, c.unit)}`,
  c.status === 'ok' ? 'ok' : c.status === 'over' ? 'OVER' : 'MISSING',
]);
const head = ['figure', 'value', 'budget', 'status'];
const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
const line = (cells: readonly string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ');
console.log(
  `Budgets (bench/budgets.json) against ${path.relative(root, file)} — run of ${figureText(figures, 'date')}, commit ${figureText(figures, 'commit').slice(0, 10)}, load average at start ${figureText(figures, 'load.start1m')} on ${figureText(figures, 'machine.cores')} cores`,
);
console.log(line(head));
console.log(line(widths.map((w) => '-'.repeat(w))));
for (const r of rows) console.log(line(r));

const bad = checks.filter((c) => c.status !== 'ok');
if (bad.length > 0) {
  console.error(
    `\n✗ ${bad.filter((c) => c.status === 'over').length} over budget, ${bad.filter((c) => c.status === 'missing').length} missing:`,
  );
  for (const c of bad)
    console.error(
      `  ${c.key}: ${c.status === 'missing' ? 'not measured in this run' : `${formatValue(c.value, c.unit)} (budget ${c.kind === 'max' ? '≤' : '≥'} ${formatValue(c.limit, c.unit)})`}`,
    );
  process.exit(1);
}
console.log(`\n✓ all ${checks.length} budgeted figures within budget`);

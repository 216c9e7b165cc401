/**
 * Import a CSV sheet (as written by registry:export) into the registry.
 *
 *   npm run registry:import -- file.csv [--dir content/institutions] [--dry-run] [--today YYYY-MM-DD]
 *
 * Every row is checked on its own and together with the existing records
 * (duplicate ids, referral partners …). If any row has a problem, NOTHING is
 * written and each problem is printed on one line:
 *   第 5 行（编号 zj-xxx）：住院·支付方式：…
 * Otherwise each row is written to <dir>/<province>/<id>.json (new files are
 * created, existing ones overwritten). Records missing from the sheet are
 * kept: import never deletes.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { formatProblem } from '../src/lib/registry/errors.ts';
import { planImport } from '../src/lib/registry/import.ts';
import { DEFAULT_REGISTRY_DIR, displayPath, loadRegions, readRegistryEntries, todayInChina } from '../src/lib/registry/load.ts';

function usage(message: string): never {
  console.error(message);
  console.error('用法：npm run registry:import -- 表格.csv [--dir content/institutions] [--dry-run] [--today YYYY-MM-DD]');
  process.exit(2);
}

const args = process.argv.slice(2);
const valueOf = (name: string): { index: number; value: string | undefined } => {
  const index = args.indexOf(`--${name}`);
  return { index, value: index < 0 ? undefined : (args[index + 1] ?? usage(`--${name} 后面缺少值`)) };
};
const dirOpt = valueOf('dir');
const todayOpt = valueOf('today');
const optionValues = new Set([dirOpt.index, todayOpt.index].filter((i) => i >= 0).map((i) => i + 1));
const csvFile = args.find((a, i) => !a.startsWith('--') && !optionValues.has(i)) ?? usage('缺少 CSV 文件');
if (!existsSync(csvFile)) usage(`找不到文件：${csvFile}`);
const dryRun = args.includes('--dry-run');
const dir = resolve(dirOpt.value ?? process.env['REGISTRY_DIR'] ?? DEFAULT_REGISTRY_DIR);
const today = todayOpt.value ?? todayInChina();

const regions = loadRegions();
const existing = readRegistryEntries(dir);
const plan = planImport({ csvText: readFileSync(csvFile, 'utf8'), existing: existing.entries, dir: displayPath(dir), regions, today });

if (plan.sheetProblems.length > 0) {
  for (const line of plan.sheetProblems) console.error(line);
  console.error('表格结构有问题，没有写入任何文件。');
  process.exit(1);
}
const existingLines = [...existing.unreadable, ...plan.existingProblems].map(formatProblem);
if (plan.rowProblems.length > 0) {
  for (const line of plan.rowProblems) console.error(line);
  const badRows = new Set(plan.rowProblems.map((l) => /^第 (\d+) 行/.exec(l)?.[1])).size;
  console.error(
    `\n${plan.rowCount} 行中有 ${badRows} 行有问题（共 ${plan.rowProblems.length} 处），没有写入任何文件。请修改表格后重新导入。`,
  );
  if (existingLines.length > 0) console.error(`另外，现有文件中有 ${existingLines.length} 处问题，可运行 npm run registry:check 查看。`);
  process.exit(1);
}

let created = 0;
let updated = 0;
let unchanged = 0;
for (const write of plan.writes) {
  const file = resolve(write.file);
  if (existsSync(file)) {
    if (readFileSync(file, 'utf8') === write.text) {
      unchanged += 1;
      continue;
    }
    updated += 1;
  } else {
    created += 1;
  }
  if (!dryRun) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, write.text);
  }
}
for (const line of existingLines) console.error(`注意（现有文件的问题，与本次导入无关）：${line}`);
for (const line of plan.warnings) console.error(`提醒 ${line}`);
console.log(`${dryRun ? '（试运行，没有写入）' : ''}导入 ${plan.rowCount} 行：新增 ${created}，更新 ${updated}，未改变 ${unchanged}。`);

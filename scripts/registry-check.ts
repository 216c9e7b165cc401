/**
 * Check the registry: every record against the schema and the cross-record
 * rules. Prints every error and warning on one line, then a summary.
 *
 *   npm run registry:check            (node scripts/registry-check.ts)
 *   REGISTRY_DIR=bench/tmp/registry-5000 npm run registry:check
 *   node scripts/registry-check.ts --dir some/folder --today 2026-11-22
 *
 * Exit code 1 when there are errors (warnings alone do not fail).
 */
import { resolve } from 'node:path';
import { formatProblem } from '../src/lib/registry/errors.ts';
import { DEFAULT_REGISTRY_DIR, displayPath, loadRegions, readRegistryEntries, todayInChina } from '../src/lib/registry/load.ts';
import { validateRegistry } from '../src/lib/registry/validate.ts';

const args = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const i = args.indexOf(`--${name}`);
  return i < 0 ? undefined : args[i + 1];
};
const dir = resolve(option('dir') ?? process.env['REGISTRY_DIR'] ?? DEFAULT_REGISTRY_DIR);
const today = option('today') ?? todayInChina();

let regions;
try {
  regions = loadRegions(option('regions'));
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
const { entries, unreadable } = readRegistryEntries(dir);
const result = validateRegistry(entries, regions, { today });
const errors = [...unreadable, ...result.errors];

for (const problem of errors) console.log(`错误 ${formatProblem(problem)}`);
for (const problem of result.warnings) console.log(`提醒 ${formatProblem(problem)}`);

const total = entries.length + unreadable.length;
const sample = result.records.filter((r) => r.provenance.kind === 'sample').length;
const sourced = result.records.length - sample;
const filesWithErrors = new Set(errors.map((p) => p.file)).size;
console.log('');
console.log(
  `${displayPath(dir)}：共 ${total} 条记录，其中示例 ${sample} 条、有来源 ${sourced} 条${result.records.length < total ? `、未通过格式检查 ${total - result.records.length} 条` : ''}（核对日期 ${today}）`,
);
console.log(`错误 ${errors.length} 处（涉及 ${filesWithErrors} 个文件），提醒 ${result.warnings.length} 处`);
if (errors.length > 0) {
  console.log('有错误：请按上面每行的文件、编号和字段修改后重新运行。各类错误的含义见 docs/registry.md。');
  process.exit(1);
}
console.log('检查通过。');

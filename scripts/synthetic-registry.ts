/**
 * Write a synthetic registry for benchmarks (all records are sample data).
 *
 *   node scripts/synthetic-registry.ts --count 5000 --seed 42 [--out bench/tmp/registry-5000] [--date 2026-11-22]
 *
 * Output: <out>/<beijing|zhejiang>/<id>.json, loadable with
 * REGISTRY_DIR=<out> (see src/lib/registry/load.ts). Refuses to write into content/.
 */
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { formatInstitutionJson } from '../src/schemas/institution.ts';
import { formatProblem } from '../src/lib/registry/errors.ts';
import { loadRegions, readRegistryEntries, todayInChina } from '../src/lib/registry/load.ts';
import { generateSyntheticRegistry, registryRelativePath } from './lib/synthetic-registry.ts';
import { validateRegistry } from '../src/lib/registry/validate.ts';

function fail(message: string): never {
  console.error(message);
  console.error('用法：node scripts/synthetic-registry.ts --count N [--seed S] [--out DIR] [--date YYYY-MM-DD]');
  process.exit(2);
}

const args = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const i = args.indexOf(`--${name}`);
  if (i < 0) return undefined;
  return args[i + 1] ?? fail(`--${name} 后面缺少值`);
};

const count = Number(option('count') ?? fail('缺少 --count'));
if (!Number.isInteger(count) || count < 1) fail('--count 应为正整数');
const seed = Number(option('seed') ?? '1');
if (!Number.isInteger(seed)) fail('--seed 应为整数');
const today = option('date') ?? todayInChina();
const out = resolve(option('out') ?? `bench/tmp/registry-${count}`);

const inside = (parent: string, child: string): boolean => {
  const rel = relative(parent, child);
  return !rel.startsWith('..') && !isAbsolute(rel);
};
if (inside(resolve('content'), out)) fail(`不能写入 content/：${out}`);
if (existsSync(out) && readdirSync(out).length > 0) {
  // Only ever clear a previous run under bench/tmp; anywhere else, refuse rather than delete.
  if (inside(resolve('bench/tmp'), out) && out !== resolve('bench/tmp')) rmSync(out, { recursive: true, force: true });
  else fail(`输出目录不是空的：${out}（只会自动清空 bench/tmp/ 下的目录）`);
}

const regions = loadRegions();
const records = generateSyntheticRegistry({ count, seed, regions, today });

for (const record of records) {
  const file = join(out, registryRelativePath(record, regions));
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, formatInstitutionJson(record));
}

const { entries, unreadable } = readRegistryEntries(out);
const result = validateRegistry(entries, regions, { today });
const errors = [...unreadable, ...result.errors];
for (const problem of errors.slice(0, 20)) console.error(formatProblem(problem));
if (errors.length > 0) {
  console.error(`生成的数据有 ${errors.length} 处错误`);
  process.exit(1);
}
console.log(`已写入 ${records.length} 条示例记录到 ${relative(process.cwd(), out) || out}（seed ${seed}），校验通过`);

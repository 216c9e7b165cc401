/**
 * Export the registry as one CSV sheet (UTF-8 with BOM, Chinese headers; see
 * docs/registry.md), for editing in a spreadsheet and re-importing.
 *
 *   npm run registry:export -- [out.csv] [--dir content/institutions]
 *
 * Without a file name: writes to stdout when it is piped, otherwise to
 * registry-export.csv.
 */
import { writeFileSync } from 'node:fs';
import { recordsToCsv } from '../src/lib/registry/csv/write.ts';
import { RegistryError } from '../src/lib/registry/errors.ts';
import { loadRegistry } from '../src/lib/registry/load.ts';

const args = process.argv.slice(2);
const dirIndex = args.indexOf('--dir');
const dir = dirIndex >= 0 ? args[dirIndex + 1] : undefined;
const positional = args.filter((a, i) => !a.startsWith('--') && (dirIndex < 0 || i !== dirIndex + 1));

let loaded;
try {
  loaded = loadRegistry(dir === undefined ? {} : { dir });
} catch (error) {
  console.error(
    error instanceof RegistryError ? `${error.message}\n登记数据有错误，先运行 npm run registry:check 并修正后再导出。` : error,
  );
  process.exit(1);
}
const csv = recordsToCsv(loaded.records, loaded.regions);
const out = positional[0] ?? (process.stdout.isTTY ? 'registry-export.csv' : undefined);
if (out === undefined) {
  process.stdout.write(csv);
} else {
  writeFileSync(out, csv);
  console.error(`已导出 ${loaded.records.length} 条记录到 ${out}`);
}

/**
 * Plan a CSV import: read the sheet, check every row on its own and together
 * with the existing registry, and say which files to write. Pure (no disk
 * access): scripts/registry-import.ts does the reading and writing, and only
 * when `rowProblems` is empty.
 */
import { formatInstitutionJson, institutionSchema } from '../../schemas/institution.ts';
import { columnForPath } from './csv/columns.ts';
import { csvToRecords, formatRowProblem, type CsvRecordRow } from './csv/read.ts';
import { registryErrorMap, type Problem } from './errors.ts';
import type { RegionIndex } from './regions.ts';
import { validateRegistry, type RegistryEntry } from './validate.ts';

export interface ImportPlanInput {
  /** The CSV text (BOM allowed). */
  readonly csvText: string;
  /** Existing registry entries, with `file` as displayed (relative paths). */
  readonly existing: readonly RegistryEntry[];
  /** Registry folder as displayed, e.g. content/institutions. */
  readonly dir: string;
  readonly regions: RegionIndex;
  readonly today: string;
}

export interface PlannedWrite {
  /** Target file, `${dir}/<province>/<id>.json`. */
  readonly file: string;
  /** Canonical JSON text to write. */
  readonly text: string;
  readonly rowNumber: number;
}

export interface ImportPlan {
  /** Problems with the sheet as a whole (headers, CSV syntax). */
  readonly sheetProblems: readonly string[];
  /** One line per problem: 第 5 行（编号 zj-xxx）：住院·支付方式：… — if any, write nothing. */
  readonly rowProblems: readonly string[];
  /** Problems in existing files that the import does not replace (reported, not blocking). */
  readonly existingProblems: readonly Problem[];
  /** Warnings about imported rows (e.g. not verified for a year). */
  readonly warnings: readonly string[];
  /** Files to write when there are no sheet or row problems. */
  readonly writes: readonly PlannedWrite[];
  /** Number of data rows read. */
  readonly rowCount: number;
}

function joinPath(...parts: string[]): string {
  return parts
    .filter((p) => p !== '')
    .join('/')
    .replace(/\/{2,}/g, '/');
}

/** Where a row's record goes: <dir>/<province folder>/<id>.json (unknown province: <dir>/<id>.json, which validation reports). */
export function importTarget(data: Record<string, unknown>, rowNumber: number, dir: string, regions: RegionIndex): string {
  const id = typeof data['id'] === 'string' && data['id'] !== '' ? data['id'] : `row-${rowNumber}`;
  const code = typeof data['regionCode'] === 'string' ? data['regionCode'] : '';
  const province = regions.provinceOf(code);
  const folder = province === undefined ? undefined : regions.scopeOf(province.code)?.folder;
  return folder === undefined ? joinPath(dir, `${id}.json`) : joinPath(dir, folder, `${id}.json`);
}

const baseColumn = (column: string): string => column.replace(/（第 \d+ 项）$/, '');

export function planImport(input: ImportPlanInput): ImportPlan {
  const { regions, dir, today } = input;
  const sheet = csvToRecords(input.csvText, regions);
  const empty = { rowProblems: [], existingProblems: [], warnings: [], writes: [] };
  if (sheet.sheetProblems.length > 0) return { ...empty, sheetProblems: sheet.sheetProblems, rowCount: 0 };
  if (sheet.rows.length === 0) return { ...empty, sheetProblems: ['表格中没有数据行'], rowCount: 0 };

  const imported = sheet.rows.map((row) => ({ row, file: importTarget(row.data, row.rowNumber, dir, regions) }));
  const replaced = new Set(imported.map((i) => i.file));
  const kept = input.existing.filter((e) => !replaced.has(e.file));
  const entries: RegistryEntry[] = [...kept, ...imported.map((i) => ({ file: i.file, data: i.row.data }))];
  const result = validateRegistry(entries, regions, { today });

  const lines: { row: number; text: string }[] = [];
  const add = (row: CsvRecordRow, column: string, message: string): void => {
    lines.push({ row: row.rowNumber, text: formatRowProblem(row.rowNumber, row.id, column, message) });
  };

  // Cell-level problems, and ids repeated within the sheet.
  const firstRowOfId = new Map<string, number>();
  const repeatedInSheet = new Set<number>();
  imported.forEach(({ row }, index) => {
    for (const p of row.problems) add(row, p.column, p.message);
    if (row.id === undefined) return;
    const first = firstRowOfId.get(row.id);
    if (first !== undefined) {
      add(row, '编号', `编号与第 ${first} 行重复`);
      repeatedInSheet.add(index);
    } else {
      firstRowOfId.set(row.id, row.rowNumber);
    }
  });

  // Schema and cross-record problems, named by column; skip the ones a cell problem already explains.
  for (const problem of result.errors) {
    const index = problem.entry - kept.length;
    const item = imported[index];
    if (problem.entry < kept.length || item === undefined) continue;
    if (repeatedInSheet.has(index) && problem.message.startsWith('编号重复')) continue;
    const column = columnForPath(problem.pathParts, item.row.data);
    if (item.row.problems.some((p) => baseColumn(p.column) === baseColumn(column))) continue;
    add(item.row, column, problem.message);
  }
  lines.sort((a, b) => a.row - b.row);

  const warnings = result.warnings
    .filter((w) => w.entry >= kept.length)
    .map((w) => {
      const item = imported[w.entry - kept.length];
      return item === undefined
        ? w.message
        : formatRowProblem(item.row.rowNumber, item.row.id, columnForPath(w.pathParts, item.row.data), w.message);
    });

  const rowProblems = lines.map((l) => l.text);
  const writes: PlannedWrite[] =
    rowProblems.length > 0
      ? []
      : imported.map(({ row, file }) => ({
          file,
          rowNumber: row.rowNumber,
          text: formatInstitutionJson(institutionSchema.parse(row.data, { error: registryErrorMap })),
        }));
  return {
    sheetProblems: [],
    rowProblems,
    existingProblems: result.errors.filter((p) => p.entry >= 0 && p.entry < kept.length),
    warnings,
    writes,
    rowCount: imported.length,
  };
}

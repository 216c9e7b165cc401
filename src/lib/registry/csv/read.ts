/**
 * The clerk CSV → record-shaped data for the import (src/lib/registry/import.ts): the sheet's
 * headers checked, every non-empty row read column by column through the table in
 * columns.ts. Schema validation happens later, in the import.
 */
import { oneLine } from '../errors.ts';
import { parseCsvRows, type ParsedCsvRow } from '../../csv.ts';
import type { RegionIndex } from '../regions.ts';
import { FIELD_LEFT_OUT } from './codecs.ts';
import { ALWAYS_PRESENT, COLUMNS, CSV_HEADERS, IGNORED_HEADERS, MODES_HEADER } from './columns.ts';

/** A problem found while reading a cell (before the schema runs). */
export interface CellProblem {
  readonly column: string;
  readonly message: string;
}

export interface CsvRecordRow {
  /** Spreadsheet row number (the header is row 1). */
  readonly rowNumber: number;
  /** 编号 as written, if any. */
  readonly id: string | undefined;
  /** Record-shaped data for the schema (may be invalid). */
  readonly data: Record<string, unknown>;
  /** Problems found in the cells themselves. */
  readonly problems: readonly CellProblem[];
}

export interface CsvReadResult {
  readonly rows: CsvRecordRow[];
  /** Problems with the sheet as a whole (headers, syntax); if any, rows is empty. */
  readonly sheetProblems: string[];
}

type Holder = Record<string, unknown>;

/**
 * The objects that hold a field (found by all keys of its path but the last). After an array
 * (services) the key is a mode and picks the items with that mode. `create` makes missing
 * objects on the way.
 */
function holders(data: Holder, path: readonly string[], create: boolean): Holder[] {
  let current: unknown[] = [data];
  for (const key of path.slice(0, -1)) {
    const next: unknown[] = [];
    for (const item of current) {
      if (Array.isArray(item)) {
        next.push(...(item as Holder[]).filter((entry) => entry['mode'] === key));
      } else if (typeof item === 'object' && item !== null) {
        const holder = item as Holder;
        if (holder[key] === undefined && create) holder[key] = {};
        if (typeof holder[key] === 'object' && holder[key] !== null) next.push(holder[key]);
      }
    }
    current = next;
  }
  return current.filter((item): item is Holder => typeof item === 'object' && item !== null && !Array.isArray(item));
}

/** The service a per-mode column fills is not listed in 服务方式 (the only holder that can be missing before a value is set). */
function unlistedMode(data: Holder, path: readonly string[]): string | undefined {
  const [head, mode] = path;
  if (head !== 'services' || mode === undefined || path.length < 3) return undefined;
  const services = data['services'];
  return Array.isArray(services) && (services as Holder[]).some((s) => s['mode'] === mode) ? undefined : mode;
}

/** Build record-shaped data from one row's cells (keyed by header). Schema validation happens later. */
export function cellsToRecord(
  cells: ReadonlyMap<string, string>,
  regions: RegionIndex,
): { data: Record<string, unknown>; problems: CellProblem[] } {
  const problems: CellProblem[] = [];
  const data: Holder = {};
  for (const [key, make] of Object.entries(ALWAYS_PRESENT)) data[key] = make();
  const reportedModes = new Set<string>();
  for (const column of COLUMNS) {
    const cell = (cells.get(column.header) ?? '').trim();
    if (cell === '') continue;
    const path = column.field.split('.');
    const mode = unlistedMode(data, path);
    if (mode !== undefined) {
      if (!reportedModes.has(mode))
        problems.push({ column: column.header, message: `填写了“${mode}”的内容，但“${MODES_HEADER}”一栏没有列出 ${mode}` });
      reportedModes.add(mode);
      continue;
    }
    const problem = (message: string): void => {
      problems.push({ column: column.header, message });
    };
    const value = column.read(cell, { regions, data, problem });
    if (value === undefined) continue;
    const key = path[path.length - 1] as string;
    for (const holder of holders(data, path, true)) if (value !== FIELD_LEFT_OUT) holder[key] = value;
  }
  for (const column of COLUMNS) {
    if (column.empty === undefined) continue;
    const path = column.field.split('.');
    const key = path[path.length - 1] as string;
    for (const holder of holders(data, path, false)) if (holder[key] === undefined) holder[key] = column.empty();
  }
  return { data, problems };
}

/** Read a clerk CSV: check headers, then turn every non-empty row into record-shaped data. */
export function csvToRecords(text: string, regions: RegionIndex): CsvReadResult {
  let parsed: ParsedCsvRow[];
  try {
    parsed = parseCsvRows(text);
  } catch (cause) {
    return { rows: [], sheetProblems: [cause instanceof Error ? cause.message : String(cause)] };
  }
  const header = parsed[0];
  if (header === undefined) return { rows: [], sheetProblems: ['文件是空的：第 1 行应为表头'] };
  const headers = header.cells.map((h) => h.trim());
  const sheetProblems: string[] = [];
  const known = new Set([...CSV_HEADERS, ...IGNORED_HEADERS]);
  const seen = new Set<string>();
  headers.forEach((h, i) => {
    if (h === '' && parsed.slice(1).every((row) => (row.cells[i] ?? '').trim() === '')) return;
    if (!known.has(h)) sheetProblems.push(`表头第 ${i + 1} 列“${h}”不是可识别的列名`);
    if (seen.has(h)) sheetProblems.push(`表头“${h}”出现了两次`);
    seen.add(h);
  });
  const missing = CSV_HEADERS.filter((h) => !seen.has(h));
  if (missing.length > 0) sheetProblems.push(`缺少这些列：${missing.join('、')}（请用导出的表格修改，不要删除列）`);
  if (sheetProblems.length > 0) return { rows: [], sheetProblems };

  const rows: CsvRecordRow[] = [];
  parsed.slice(1).forEach((row, i) => {
    if (row.cells.every((c) => c.trim() === '')) return;
    const cells = new Map<string, string>();
    headers.forEach((h, j) => cells.set(h, row.cells[j] ?? ''));
    if (row.cells.length > headers.length && row.cells.slice(headers.length).some((c) => c.trim() !== '')) {
      sheetProblems.push(`第 ${i + 2} 行的单元格比表头多`);
    }
    const { data, problems } = cellsToRecord(cells, regions);
    const id = typeof data['id'] === 'string' ? data['id'] : undefined;
    rows.push({ rowNumber: i + 2, id, data, problems });
  });
  if (sheetProblems.length > 0) return { rows: [], sheetProblems };
  return { rows, sheetProblems };
}

/** One-line message for a problem in an imported row: 第 5 行（编号 zj-xxx）：住院·支付方式：… */
export function formatRowProblem(rowNumber: number, id: string | undefined, column: string, message: string): string {
  return oneLine(`第 ${rowNumber} 行（编号 ${id ?? '未填'}）：${column}：${message}`);
}

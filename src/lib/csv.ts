/**
 * The one CSV format of the site: every CSV it writes (the open-data institutions.csv, the
 * clerk export of the registry, staff exports of form submissions) and the one it reads (the
 * registry import) go through here.
 *
 * Written for Excel and WPS on Chinese Windows: UTF-8 with a byte-order mark (without it Excel
 * reads GBK and shows mojibake), CRLF line ends, a field quoted when it holds a comma, a quote
 * or a line break or starts or ends with white space (a spreadsheet would trim it).
 *
 * Formula defusing (OWASP “CSV injection”): a text cell that starts with = + - @ tab or CR is
 * written with a leading apostrophe, so a spreadsheet shows `'+86 …` or `'=…` as text instead
 * of running it. Only text is defused: a number such as -1 is written as it is. The reader
 * takes that apostrophe off again (a cell `'` followed by one of those characters), so the
 * registry's export → edit → import round trip gives back the same values. The one value that
 * does not survive is text that itself starts with an apostrophe followed by one of them.
 *
 * Why our own ~120 lines and not csv-parse/csv-stringify: the reader's errors are shown to
 * clerks in Chinese with the physical line of the row (csv-parse reports English error codes
 * we would have to translate and re-number), taking the defusing off on read is ours either
 * way, and both directions are short enough to read in one sitting. csv-stringify's
 * `escape_formulas` defuses the same characters (= + - @ tab CR), so the rule matches it.
 */

/** What one cell may hold before it is written. */
export type CsvValue = string | number | boolean | null | undefined;

const BOM = '\uFEFF';
const FORMULA_START = /^[=+\-@\t\r]/;
const DEFUSED = /^'[=+\-@\t\r]/;

// ---------------------------------------------------------------------------
// Writing

/** One cell: empty for null/undefined, defused when it is text a spreadsheet would run, quoted as needed. */
export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  let text = typeof value === 'string' ? value : String(value);
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

export interface StringifyOptions {
  /** Start with a UTF-8 byte order mark so Excel reads Chinese correctly (default true). */
  readonly bom?: boolean;
}

/** Rows as CSV text: cells as csvCell writes them, CRLF after every row. */
export function stringifyCsv(rows: readonly (readonly CsvValue[])[], options: StringifyOptions = {}): string {
  const body = rows.map((row) => row.map(csvCell).join(',')).join('\r\n');
  return `${options.bom === false ? '' : BOM}${body}\r\n`;
}

/** One column of a table written from objects. */
export interface CsvColumn<T> {
  readonly header: string;
  readonly value: (row: T) => CsvValue;
}

/** The whole file from objects: BOM, the header row, one row per item. */
export function toCsv<T>(columns: readonly CsvColumn<T>[], rows: readonly T[]): string {
  return stringifyCsv([columns.map((c) => c.header), ...rows.map((row) => columns.map((c) => c.value(row)))]);
}

// ---------------------------------------------------------------------------
// Reading

export class CsvSyntaxError extends Error {
  readonly line: number;
  constructor(message: string, line: number) {
    super(`CSV 第 ${line} 行：${message}`);
    this.name = 'CsvSyntaxError';
    this.line = line;
  }
}

export interface ParsedCsvRow {
  /** Cells of the row, with the writer's formula defusing taken off. */
  readonly cells: string[];
  /** Physical line (1-based) where the row starts in the file. */
  readonly line: number;
}

/**
 * Parse CSV text (UTF-8 with or without BOM; CRLF, LF or CR line ends; quoted
 * fields may contain commas, quotes written "" and line breaks).
 */
export function parseCsvRows(text: string): ParsedCsvRow[] {
  const input = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const rows: ParsedCsvRow[] = [];
  let cells: string[] = [];
  let cell = '';
  let line = 1;
  let rowLine = 1;
  let i = 0;
  let quoted = false;
  let afterQuote = false;
  const endCell = (): void => {
    cells.push(DEFUSED.test(cell) ? cell.slice(1) : cell);
    cell = '';
    afterQuote = false;
  };
  const endRow = (): void => {
    endCell();
    rows.push({ cells, line: rowLine });
    cells = [];
  };
  while (i < input.length) {
    const ch = input[i] as string;
    if (quoted) {
      if (ch === '"') {
        if (input[i + 1] === '"') {
          cell += '"';
          i += 2;
          continue;
        }
        quoted = false;
        afterQuote = true;
        i += 1;
        continue;
      }
      if (ch === '\n' || (ch === '\r' && input[i + 1] !== '\n')) line += 1;
      cell += ch;
      i += 1;
      continue;
    }
    if (ch === ',') {
      endCell();
      i += 1;
    } else if (ch === '\r' || ch === '\n') {
      endRow();
      i += ch === '\r' && input[i + 1] === '\n' ? 2 : 1;
      line += 1;
      rowLine = line;
    } else if (ch === '"') {
      if (cell !== '' || afterQuote) throw new CsvSyntaxError('引号只能出现在单元格开头（单元格内的引号要写成两个 ""）', line);
      quoted = true;
      i += 1;
    } else {
      if (afterQuote) throw new CsvSyntaxError('引号结束后、逗号之前还有文字', line);
      cell += ch;
      i += 1;
    }
  }
  if (quoted) throw new CsvSyntaxError('引号没有闭合', rowLine);
  if (cell !== '' || cells.length > 0 || afterQuote) endRow();
  return rows;
}

/** Parse CSV text into rows of cells. */
export function parseCsv(text: string): string[][] {
  return parseCsvRows(text).map((row) => row.cells);
}

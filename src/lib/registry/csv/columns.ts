/**
 * CSV for the registry: a small RFC 4180 reader/writer (no dependency), and
 * the mapping between one record and one spreadsheet row with Chinese headers.
 *
 * Cell conventions (documented for clerks in docs/registry.md):
 * - several values in one cell are separated by the full-width semicolon “；”.
 *   In free-text lists (别名, 资质称号, 电话) a literal “；” is written “\；” and
 *   a backslash “\\”. In lists of fixed words (提供内容, 支付方式, 团队 …) “;”
 *   “、” “，” “,” are accepted as separators too.
 * - 资质称号: 级别类型（年份）：说明, e.g. 市级指导中心（2020）：北京市安宁疗护指导中心
 *   (year and 说明 optional).
 * - 电话: 标签：号码, e.g. 总机：010-12345678 (标签 optional).
 * - empty cell = field left out; 地址 empty = null; 床位数 “未知” = null.
 * Export → import gives back deep-equal records.
 */
import type { Institution } from '../../schemas/institution.ts';
import { DESIGNATION_LEVELS, DESIGNATION_TYPES } from '../../schemas/institution.ts';
import type { ProvenanceKind } from '../../schemas/provenance.ts';
import { CARE_MODES, type CareMode, type Service } from '../../schemas/service.ts';
import { oneLine } from './errors.ts';
import type { RegionIndex } from './regions.ts';

// ---------------------------------------------------------------------------
// RFC 4180

export class CsvSyntaxError extends Error {
  readonly line: number;
  constructor(message: string, line: number) {
    super(`CSV 第 ${line} 行：${message}`);
    this.name = 'CsvSyntaxError';
    this.line = line;
  }
}

export interface ParsedCsvRow {
  /** Cells of the row. */
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
    cells.push(cell);
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

function quoteCell(cell: string): string {
  return /[",\r\n]/.test(cell) || cell !== cell.trim() ? `"${cell.replace(/"/g, '""')}"` : cell;
}

export interface StringifyOptions {
  /** Start with a UTF-8 byte order mark so Excel reads Chinese correctly (default true). */
  readonly bom?: boolean;
}

/** Write rows as CSV: CRLF line ends, fields quoted when needed. */
export function stringifyCsv(rows: readonly (readonly string[])[], options: StringifyOptions = {}): string {
  const body = rows.map((row) => row.map(quoteCell).join(',')).join('\r\n');
  return `${options.bom === false ? '' : '\uFEFF'}${body}\r\n`;
}

// ---------------------------------------------------------------------------
// Lists inside one cell

export const LIST_SEPARATOR = '；';

/** Join free-text items with “；”, escaping “\” and “；”. */
export function joinList(items: readonly string[]): string {
  return items.map((item) => item.replace(/\\/g, '\\\\').replace(/；/g, '\\；')).join(LIST_SEPARATOR);
}

/** Split a free-text list cell on unescaped “；”; items are trimmed, empty items dropped. */
export function splitList(cell: string): string[] {
  const items: string[] = [];
  let current = '';
  for (let i = 0; i < cell.length; i += 1) {
    const ch = cell[i] as string;
    if (ch === '\\' && i + 1 < cell.length) {
      current += cell[i + 1];
      i += 1;
    } else if (ch === LIST_SEPARATOR) {
      items.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  items.push(current);
  return items.map((s) => s.trim()).filter((s) => s !== '');
}

/** Split a list of fixed words (codes, ids, enumerated values): any of ；;、，, or line breaks separate. */
export function splitWords(cell: string): string[] {
  return cell
    .split(/[；;、，,\r\n]+/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

// ---------------------------------------------------------------------------
// Value encodings

export const PRECISION_LABELS = { exact: '精确', 'county-centre': '区县中心' } as const;
export const PROVENANCE_KIND_LABELS: Readonly<Record<ProvenanceKind, string>> = {
  'public-notice': '公开文件',
  institution: '机构提供',
  sample: '示例',
};
export const UNKNOWN_BEDS = '未知';
export const YES = '是';
export const NO = '否';

const DESIGNATION_RE = new RegExp(
  `^(${DESIGNATION_LEVELS.join('|')})(${DESIGNATION_TYPES.join('|')})(?:[（(]\\s*(\\d{4})\\s*[）)])?(?:\\s*[：:]([\\s\\S]*))?$`,
);

/** 市级指导中心（2020）：北京市安宁疗护指导中心 */
export function encodeDesignation(d: NonNullable<Institution['designations']>[number]): string {
  return `${d.level}${d.type}${d.year === undefined ? '' : `（${d.year}）`}${d.note === undefined ? '' : `：${d.note}`}`;
}

export function decodeDesignation(text: string): Record<string, unknown> | undefined {
  const m = DESIGNATION_RE.exec(text.trim());
  if (m === null) return undefined;
  const out: Record<string, unknown> = { type: m[2], level: m[1] };
  if (m[3] !== undefined) out['year'] = Number(m[3]);
  const note = m[4]?.trim();
  if (note !== undefined && note !== '') out['note'] = note;
  return out;
}

/** 总机：010-12345678 (or just the number). */
export function encodePhone(p: NonNullable<NonNullable<Institution['contact']>['phones']>[number]): string {
  return p.label === undefined ? p.number : `${p.label}：${p.number}`;
}

export function decodePhone(text: string): Record<string, unknown> {
  const at = Math.max(text.lastIndexOf('：'), text.lastIndexOf(':'));
  if (at < 0) return { number: text.trim() };
  const label = text.slice(0, at).trim();
  const number = text.slice(at + 1).trim();
  return label === '' ? { number } : { label, number };
}

// ---------------------------------------------------------------------------
// Headers

const SERVICE_FIELDS = [
  ['name', '服务名称'],
  ['offers', '提供内容'],
  ['eligibility', '适用对象'],
  ['referral', '转介方式'],
  ['hours', '时间'],
  ['fees', '费用'],
  ['payment', '支付方式'],
] as const;
const HOME_CARE_FIELDS = [
  ['types', '上门形式'],
  ['coverage', '覆盖区县'],
  ['note', '说明'],
] as const;

const modeColumn = (mode: CareMode, label: string): string => `${mode}·${label}`;

/** Column headers of the clerk CSV, in order. */
export const CSV_HEADERS: readonly string[] = [
  '编号',
  '名称',
  '别名',
  '机构类型',
  '等级',
  '性质',
  '区划代码',
  '所在区县',
  '地址',
  '纬度',
  '经度',
  '坐标精度',
  '服务方式',
  ...CARE_MODES.flatMap((mode) => [
    ...SERVICE_FIELDS.map(([, label]) => modeColumn(mode, label)),
    ...(mode === '居家' ? HOME_CARE_FIELDS.map(([, label]) => modeColumn(mode, label)) : []),
  ]),
  '床位数',
  '空床数',
  '空床更新日期',
  '团队',
  '资质称号',
  '转介合作机构',
  '志愿者·接收',
  '志愿者·说明',
  '志愿者·联系方式',
  '电话',
  '网站',
  '预约方式',
  '来源类型',
  '来源',
  '来源链接',
  '核实日期',
  '来源备注',
];

/** Extra column of the open-data CSV (ignored on import). */
export const SAMPLE_FLAG_HEADER = '是否示例';
/** Headers ignored on import. */
export const IGNORED_HEADERS: readonly string[] = [SAMPLE_FLAG_HEADER];

// ---------------------------------------------------------------------------
// Record → row

/** One record as cells, keyed by header. */
export function recordToCells(record: Institution, regions: RegionIndex): Map<string, string> {
  const c = new Map<string, string>();
  const set = (header: string, value: string | number | undefined | null): void => {
    if (value !== undefined && value !== null) c.set(header, String(value));
  };
  set('编号', record.id);
  set('名称', record.name);
  if (record.aliases !== undefined) set('别名', joinList(record.aliases));
  set('机构类型', record.kind);
  set('等级', record.grade);
  set('性质', record.ownership);
  set('区划代码', record.regionCode);
  set('所在区县', regions.fullName(record.regionCode));
  set('地址', record.address);
  set('纬度', record.location.lat);
  set('经度', record.location.lng);
  set('坐标精度', PRECISION_LABELS[record.location.precision]);
  set('服务方式', record.services.map((s) => s.mode).join(LIST_SEPARATOR));
  for (const service of record.services) {
    const m = service.mode;
    set(modeColumn(m, '服务名称'), service.name);
    set(modeColumn(m, '提供内容'), service.offers.join(LIST_SEPARATOR));
    set(modeColumn(m, '适用对象'), service.eligibility);
    set(modeColumn(m, '转介方式'), service.referral);
    set(modeColumn(m, '时间'), service.hours);
    set(modeColumn(m, '费用'), service.fees);
    if (service.payment !== undefined) set(modeColumn(m, '支付方式'), service.payment.join(LIST_SEPARATOR));
    if (service.homeCare !== undefined) {
      set(modeColumn(m, '上门形式'), service.homeCare.types.join(LIST_SEPARATOR));
      if (service.homeCare.coverage !== undefined) set(modeColumn(m, '覆盖区县'), service.homeCare.coverage.join(LIST_SEPARATOR));
      set(modeColumn(m, '说明'), service.homeCare.note);
    }
  }
  if (record.beds !== undefined) {
    set('床位数', record.beds.hospice ?? UNKNOWN_BEDS);
    set('空床数', record.beds.availability?.free);
    set('空床更新日期', record.beds.availability?.asOf);
  }
  if (record.team !== undefined) set('团队', record.team.join(LIST_SEPARATOR));
  if (record.designations !== undefined) set('资质称号', joinList(record.designations.map(encodeDesignation)));
  if (record.referralPartners !== undefined) set('转介合作机构', record.referralPartners.join(LIST_SEPARATOR));
  if (record.volunteers !== undefined) {
    set('志愿者·接收', record.volunteers.accepts ? YES : NO);
    set('志愿者·说明', record.volunteers.note);
    set('志愿者·联系方式', record.volunteers.contact);
  }
  if (record.contact !== undefined) {
    if (record.contact.phones !== undefined) set('电话', joinList(record.contact.phones.map(encodePhone)));
    set('网站', record.contact.website);
    set('预约方式', record.contact.appointment);
  }
  set('来源类型', PROVENANCE_KIND_LABELS[record.provenance.kind]);
  set('来源', record.provenance.source);
  set('来源链接', record.provenance.url);
  set('核实日期', record.provenance.verifiedAt);
  set('来源备注', record.provenance.note);
  return c;
}

/** One record as a row in CSV_HEADERS order. */
export function recordToRow(record: Institution, regions: RegionIndex): string[] {
  const cells = recordToCells(record, regions);
  return CSV_HEADERS.map((h) => cells.get(h) ?? '');
}

export interface RecordsCsvOptions extends StringifyOptions {
  /** Add the 是否示例 column (open data). */
  readonly sampleFlag?: boolean;
}

/** The whole registry as CSV text (UTF-8 BOM, CRLF). */
export function recordsToCsv(records: readonly Institution[], regions: RegionIndex, options: RecordsCsvOptions = {}): string {
  const headers = options.sampleFlag === true ? [...CSV_HEADERS, SAMPLE_FLAG_HEADER] : [...CSV_HEADERS];
  const rows = records.map((record) => {
    const row = recordToRow(record, regions);
    if (options.sampleFlag === true) row.push(record.provenance.kind === 'sample' ? YES : NO);
    return row;
  });
  return stringifyCsv([headers, ...rows], options);
}

// ---------------------------------------------------------------------------
// Row → record

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

function toNumber(cell: string): number | string {
  return /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/.test(cell) ? Number(cell) : cell;
}

/** Accept 2026-11-22, 2026/11/22, 2026.11.22, 2026年11月22日 (Excel often rewrites dates). */
export function normalizeDate(cell: string): string {
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(cell);
  if (m === null) return cell;
  return `${m[1]}-${(m[2] ?? '').padStart(2, '0')}-${(m[3] ?? '').padStart(2, '0')}`;
}

function fromLabel<T extends string>(
  cell: string,
  labels: Readonly<Record<T, string>>,
  column: string,
  problems: CellProblem[],
): T | string {
  for (const [code, label] of Object.entries(labels) as [T, string][]) {
    if (cell === label || cell === code) return code;
  }
  problems.push({ column, message: `应为以下之一：${Object.values<string>(labels).join(' | ')}；实际是“${cell}”` });
  return cell;
}

/** Build record-shaped data from one row's cells (keyed by header). Schema validation happens later. */
export function cellsToRecord(
  cells: ReadonlyMap<string, string>,
  regions: RegionIndex,
): { data: Record<string, unknown>; problems: CellProblem[] } {
  const problems: CellProblem[] = [];
  const get = (header: string): string => (cells.get(header) ?? '').trim();
  const data: Record<string, unknown> = {};
  const put = (key: string, value: unknown): void => {
    if (value !== undefined) data[key] = value;
  };
  const text = (header: string): string | undefined => {
    const v = get(header);
    return v === '' ? undefined : v;
  };

  put('id', text('编号'));
  put('name', text('名称'));
  const aliases = splitList(get('别名'));
  if (aliases.length > 0) put('aliases', aliases);
  put('kind', text('机构类型'));
  put('grade', text('等级'));
  put('ownership', text('性质'));

  let code = text('区划代码');
  const place = text('所在区县');
  if (place !== undefined) {
    const byName =
      regions.countiesNamed(place).length === 1
        ? regions.countiesNamed(place)[0]
        : regions.counties.find((r) => regions.fullName(r.code) === place);
    if (code === undefined) {
      if (byName === undefined) problems.push({ column: '所在区县', message: `找不到唯一的区县“${place}”；请填写区划代码` });
      else code = byName.code;
    } else if (regions.byCode.has(code)) {
      const county = regions.byCode.get(code);
      if (county !== undefined && place !== county.name && place !== regions.fullName(code)) {
        problems.push({ column: '所在区县', message: `与区划代码 ${code}（${regions.fullName(code) ?? county.name}）不一致：“${place}”` });
      }
    }
  }
  put('regionCode', code);
  data['address'] = text('地址') ?? null;

  const lat = text('纬度');
  const lng = text('经度');
  const precision = text('坐标精度');
  if (lat !== undefined || lng !== undefined || precision !== undefined) {
    const location: Record<string, unknown> = {};
    if (lat !== undefined) location['lat'] = toNumber(lat);
    if (lng !== undefined) location['lng'] = toNumber(lng);
    if (precision !== undefined) location['precision'] = fromLabel(precision, PRECISION_LABELS, '坐标精度', problems);
    data['location'] = location;
  }

  const modes = splitWords(get('服务方式'));
  const services: Record<string, unknown>[] = [];
  for (const mode of modes) {
    if (!(CARE_MODES as readonly string[]).includes(mode)) {
      services.push({ mode });
      continue;
    }
    const m = mode as CareMode;
    const service: Record<string, unknown> = { mode: m };
    const name = text(modeColumn(m, '服务名称'));
    if (name !== undefined) service['name'] = name;
    service['offers'] = splitWords(get(modeColumn(m, '提供内容')));
    for (const [key, label] of [
      ['eligibility', '适用对象'],
      ['referral', '转介方式'],
      ['hours', '时间'],
      ['fees', '费用'],
    ] as const) {
      const v = text(modeColumn(m, label));
      if (v !== undefined) service[key] = v;
    }
    const payment = splitWords(get(modeColumn(m, '支付方式')));
    if (payment.length > 0) service['payment'] = payment;
    if (m === '居家') {
      const types = get(modeColumn(m, '上门形式'));
      const coverage = get(modeColumn(m, '覆盖区县'));
      const note = text(modeColumn(m, '说明'));
      if (types !== '' || coverage !== '' || note !== undefined) {
        const homeCare: Record<string, unknown> = { types: splitWords(types) };
        if (coverage !== '') {
          homeCare['coverage'] = splitWords(coverage).map((item) => {
            if (/^\d{6}$/.test(item)) return item;
            const named = regions.countiesNamed(item);
            return named.length === 1 && named[0] !== undefined ? named[0].code : item;
          });
        }
        if (note !== undefined) homeCare['note'] = note;
        service['homeCare'] = homeCare;
      }
    }
    services.push(service);
  }
  for (const mode of CARE_MODES) {
    if (modes.includes(mode)) continue;
    const filled = [...SERVICE_FIELDS, ...(mode === '居家' ? HOME_CARE_FIELDS : [])]
      .map(([, label]) => modeColumn(mode, label))
      .filter((h) => get(h) !== '');
    if (filled.length > 0)
      problems.push({ column: filled[0] ?? '服务方式', message: `填写了“${mode}”的内容，但“服务方式”一栏没有列出 ${mode}` });
  }
  put('services', services);

  const hospice = text('床位数');
  const free = text('空床数');
  const asOf = text('空床更新日期');
  if (hospice !== undefined || free !== undefined || asOf !== undefined) {
    const beds: Record<string, unknown> = { hospice: hospice === undefined || hospice === UNKNOWN_BEDS ? null : toNumber(hospice) };
    if (free !== undefined || asOf !== undefined) {
      const availability: Record<string, unknown> = {};
      if (free !== undefined) availability['free'] = toNumber(free);
      if (asOf !== undefined) availability['asOf'] = normalizeDate(asOf);
      beds['availability'] = availability;
    }
    data['beds'] = beds;
  }

  const team = splitWords(get('团队'));
  if (team.length > 0) put('team', team);

  const designations = splitList(get('资质称号'));
  if (designations.length > 0) {
    put(
      'designations',
      designations.map((item, index) => {
        const decoded = decodeDesignation(item);
        if (decoded === undefined) {
          problems.push({
            column: '资质称号',
            message: `第 ${index + 1} 项“${item}”无法识别；格式：级别类型（年份）：说明，例如 市级指导中心（2020）：北京市安宁疗护指导中心`,
          });
          return item;
        }
        return decoded;
      }),
    );
  }

  const partners = splitWords(get('转介合作机构'));
  if (partners.length > 0) put('referralPartners', partners);

  const accepts = text('志愿者·接收');
  const volNote = text('志愿者·说明');
  const volContact = text('志愿者·联系方式');
  if (accepts !== undefined || volNote !== undefined || volContact !== undefined) {
    const volunteers: Record<string, unknown> = {};
    if (accepts !== undefined) {
      if ([YES, 'true', 'TRUE', 'True'].includes(accepts)) volunteers['accepts'] = true;
      else if ([NO, 'false', 'FALSE', 'False'].includes(accepts)) volunteers['accepts'] = false;
      else problems.push({ column: '志愿者·接收', message: `应填“是”或“否”；实际是“${accepts}”` });
    }
    if (volNote !== undefined) volunteers['note'] = volNote;
    if (volContact !== undefined) volunteers['contact'] = volContact;
    data['volunteers'] = volunteers;
  }

  const phones = splitList(get('电话'));
  const website = text('网站');
  const appointment = text('预约方式');
  if (phones.length > 0 || website !== undefined || appointment !== undefined) {
    const contact: Record<string, unknown> = {};
    if (phones.length > 0) contact['phones'] = phones.map(decodePhone);
    if (website !== undefined) contact['website'] = website;
    if (appointment !== undefined) contact['appointment'] = appointment;
    data['contact'] = contact;
  }

  const provenance: Record<string, unknown> = {};
  const kind = text('来源类型');
  if (kind !== undefined) provenance['kind'] = fromLabel(kind, PROVENANCE_KIND_LABELS, '来源类型', problems);
  const source = text('来源');
  if (source !== undefined) provenance['source'] = source;
  const url = text('来源链接');
  if (url !== undefined) provenance['url'] = url;
  const verifiedAt = text('核实日期');
  if (verifiedAt !== undefined) provenance['verifiedAt'] = normalizeDate(verifiedAt);
  const note = text('来源备注');
  if (note !== undefined) provenance['note'] = note;
  data['provenance'] = provenance;

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

/**
 * The CSV column a schema field path belongs to, e.g.
 * ['services', 0, 'payment', 1] → 住院·支付方式（第 2 项）.
 */
export function columnForPath(path: readonly PropertyKey[], data: unknown): string {
  const [head, ...rest] = path;
  const item = (index: PropertyKey | undefined): string => (typeof index === 'number' ? `（第 ${index + 1} 项）` : '');
  switch (head) {
    case 'id':
      return '编号';
    case 'name':
      return '名称';
    case 'aliases':
      return `别名${item(rest[0])}`;
    case 'kind':
      return '机构类型';
    case 'grade':
      return '等级';
    case 'ownership':
      return '性质';
    case 'regionCode':
      return '区划代码';
    case 'address':
      return '地址';
    case 'location':
      return rest[0] === 'lat' ? '纬度' : rest[0] === 'lng' ? '经度' : rest[0] === 'precision' ? '坐标精度' : '纬度/经度';
    case 'services': {
      const index = rest[0];
      if (typeof index !== 'number' || rest.length < 2 || rest[1] === 'mode') return `服务方式${item(index)}`;
      const services = (data as { services?: unknown } | null)?.services;
      const service = Array.isArray(services) ? (services[index] as Partial<Service> | undefined) : undefined;
      const mode = service?.mode ?? `第 ${index + 1} 项服务`;
      const field = rest[1];
      if (field === 'homeCare') {
        const sub = rest[2];
        const label = sub === 'coverage' ? '覆盖区县' : sub === 'note' ? '说明' : '上门形式';
        return `${mode}·${label}${item(rest[3])}`;
      }
      const label = SERVICE_FIELDS.find(([key]) => key === field)?.[1] ?? String(field);
      return `${mode}·${label}${item(rest[2])}`;
    }
    case 'beds':
      if (rest[0] === 'availability') return rest[1] === 'asOf' ? '空床更新日期' : '空床数';
      return '床位数';
    case 'team':
      return `团队${item(rest[0])}`;
    case 'designations':
      return `资质称号${item(rest[0])}`;
    case 'referralPartners':
      return `转介合作机构${item(rest[0])}`;
    case 'volunteers':
      return rest[0] === 'note' ? '志愿者·说明' : rest[0] === 'contact' ? '志愿者·联系方式' : '志愿者·接收';
    case 'contact':
      return rest[0] === 'website' ? '网站' : rest[0] === 'appointment' ? '预约方式' : `电话${item(rest[1])}`;
    case 'provenance': {
      const labels: Record<string, string> = {
        kind: '来源类型',
        source: '来源',
        url: '来源链接',
        verifiedAt: '核实日期',
        note: '来源备注',
      };
      return labels[String(rest[0])] ?? '来源';
    }
    default:
      return head === undefined ? '（整行）' : String(head);
  }
}

/** One-line message for a problem in an imported row: 第 5 行（编号 zj-xxx）：住院·支付方式：… */
export function formatRowProblem(rowNumber: number, id: string | undefined, column: string, message: string): string {
  return oneLine(`第 ${rowNumber} 行（编号 ${id ?? '未填'}）：${column}：${message}`);
}

/**
 * The registry's spreadsheet columns, written once: for every column its header, the record
 * field it holds, how the field is written into the cell and how a cell is read back. The
 * header row, the clerk and open-data CSV (write.ts), the import (read.ts) and the column an
 * import error is reported under (columnForPath) all come from this table; docs/registry.md
 * describes the same columns for clerks (tests/unit/registry-csv.test.ts checks it names
 * every header).
 */
import type { CsvValue } from '../../csv.ts';
import { CARE_MODES } from '../../../schemas/service.ts';
import type { RegionIndex } from '../regions.ts';
import {
  LIST_SEPARATOR,
  NO,
  PRECISION_LABELS,
  PROVENANCE_KIND_LABELS,
  UNKNOWN_BEDS,
  YES,
  decodeDesignation,
  decodePhone,
  encodeDesignation,
  encodePhone,
  joinList,
  normalizeDate,
  splitList,
  splitWords,
  toNumber,
} from './cells.ts';

/** What a reader returns for a cell it could not read: its objects exist, the field does not. */
export const FIELD_LEFT_OUT: unique symbol = Symbol('field left out');

/** What a column's reader may use besides its own cell. */
export interface ReadContext {
  readonly regions: RegionIndex;
  /** The record read so far (columns are read in table order). */
  readonly data: Readonly<Record<string, unknown>>;
  /** Report a problem with this column's cell. */
  readonly problem: (message: string) => void;
}

/** How a field is written into a cell and read back. */
export interface Codec {
  /** The field's value (undefined when absent) → the cell; undefined or null for an empty cell. */
  readonly write: (value: unknown, regions: RegionIndex) => CsvValue;
  /**
   * A trimmed, non-empty cell → the field's value. undefined: the cell holds nothing (a list of
   * separators only). FIELD_LEFT_OUT: the objects on the way to the field are made, the field
   * itself is left out (an unreadable value already reported as a problem).
   */
  readonly read: (cell: string, context: ReadContext) => unknown;
  /** The field's value when its cell is empty but the object holding the field exists (地址 empty = null). */
  readonly empty?: () => unknown;
}

export interface Column extends Codec {
  readonly header: string;
  /**
   * Where the value lives in a record, dot-separated: `contact.phones`. In `services.住院.fees`
   * the mode picks the service whose `mode` it is.
   */
  readonly field: string;
}

// ---------------------------------------------------------------------------
// Codecs

const text: Codec = { write: (value) => value as string | undefined, read: (cell) => cell };
const number: Codec = { write: (value) => value as number | undefined, read: toNumber };
const date: Codec = { write: (value) => value as string | undefined, read: normalizeDate };

/** A code written as its Chinese label; the code itself is accepted on import too. */
function labelled<T extends string>(labels: Readonly<Record<T, string>>): Codec {
  return {
    write: (value) => (value === undefined ? undefined : labels[value as T]),
    read: (cell, { problem }) => {
      for (const [code, label] of Object.entries(labels) as [T, string][]) {
        if (cell === label || cell === code) return code;
      }
      problem(`应为以下之一：${Object.values<string>(labels).join(' | ')}；实际是“${cell}”`);
      return cell;
    },
  };
}

/** A list of free texts joined with “；” (escaped), each item encoded and decoded on its own. */
function textList<T>(encode: (item: T) => string, decode: (item: string, index: number, context: ReadContext) => unknown): Codec {
  return {
    write: (value) => (value === undefined ? undefined : joinList((value as readonly T[]).map(encode))),
    read: (cell, context) => {
      const items = splitList(cell);
      return items.length === 0 ? undefined : items.map((item, index) => decode(item, index, context));
    },
  };
}

interface WordListOptions {
  /** A cell of separators only still gives [] (so the object holding the field exists). */
  readonly keepEmpty?: boolean;
  /** Turns each word read into the stored value. */
  readonly map?: (word: string, context: ReadContext) => string;
}

/** A list of fixed words (codes, ids, enumerated values) joined with “；”. */
function wordList(options: WordListOptions = {}): Codec {
  return {
    write: (value) => (value === undefined ? undefined : (value as readonly string[]).join(LIST_SEPARATOR)),
    read: (cell, context) => {
      const words = splitWords(cell).map((word) => (options.map === undefined ? word : options.map(word, context)));
      return words.length === 0 && options.keepEmpty !== true ? undefined : words;
    },
  };
}

/** 所在区县: written as the full name of the 区划代码; read to check it, or to find the code when it is empty. */
const countyName: Codec = {
  write: (code, regions) => (typeof code === 'string' ? regions.fullName(code) : undefined),
  read: (place, { regions, data, problem }) => {
    const named = regions.countiesNamed(place);
    const byName = named.length === 1 ? named[0] : regions.counties.find((r) => regions.fullName(r.code) === place);
    const code = data['regionCode'];
    if (typeof code !== 'string') {
      if (byName === undefined) problem(`找不到唯一的区县“${place}”；请填写区划代码`);
      return byName?.code;
    }
    const county = regions.byCode.get(code);
    if (county !== undefined && place !== county.name && place !== regions.fullName(code)) {
      problem(`与区划代码 ${code}（${regions.fullName(code) ?? county.name}）不一致：“${place}”`);
    }
    return undefined;
  },
};

/** 居家·覆盖区县: codes, or county names turned into codes when the name is unique. */
const coverage = wordList({
  keepEmpty: true,
  map: (item, { regions }) => {
    if (/^\d{6}$/.test(item)) return item;
    const named = regions.countiesNamed(item);
    return named.length === 1 && named[0] !== undefined ? named[0].code : item;
  },
});

/** 别名: free texts as they are. */
const freeTexts = textList<string>(
  (item) => item,
  (item) => item,
);

const serviceModes: Codec = {
  write: (services) => (services as readonly { mode: string }[]).map((s) => s.mode).join(LIST_SEPARATOR),
  read: (cell) => splitWords(cell).map((mode) => ({ mode })),
};

const hospiceBeds: Codec = {
  write: (beds) => (beds === null ? UNKNOWN_BEDS : (beds as number | undefined)),
  read: (cell) => (cell === UNKNOWN_BEDS ? null : toNumber(cell)),
  empty: () => null,
};

const yesNo: Codec = {
  write: (value) => (value === undefined ? undefined : value === true ? YES : NO),
  read: (cell, { problem }) => {
    if ([YES, 'true', 'TRUE', 'True'].includes(cell)) return true;
    if ([NO, 'false', 'FALSE', 'False'].includes(cell)) return false;
    problem(`应填“是”或“否”；实际是“${cell}”`);
    return FIELD_LEFT_OUT;
  },
};

const designations = textList(encodeDesignation, (item, index, { problem }) => {
  const decoded = decodeDesignation(item);
  if (decoded !== undefined) return decoded;
  problem(`第 ${index + 1} 项“${item}”无法识别；格式：级别类型（年份）：说明，例如 市级指导中心（2020）：北京市安宁疗护指导中心`);
  return item;
});

// ---------------------------------------------------------------------------
// The table

interface SubField {
  readonly key: string;
  readonly label: string;
  readonly codec: Codec;
}

/** Columns every service mode has, as `<mode>·<label>`. */
export const SERVICE_FIELDS: readonly SubField[] = [
  { key: 'name', label: '服务名称', codec: text },
  { key: 'offers', label: '提供内容', codec: { ...wordList(), empty: () => [] } },
  { key: 'eligibility', label: '适用对象', codec: text },
  { key: 'referral', label: '转介方式', codec: text },
  { key: 'hours', label: '时间', codec: text },
  { key: 'fees', label: '费用', codec: text },
  { key: 'payment', label: '支付方式', codec: wordList() },
];

/** Columns of 居家 only: its `homeCare`. */
export const HOME_CARE_FIELDS: readonly SubField[] = [
  { key: 'types', label: '上门形式', codec: { ...wordList({ keepEmpty: true }), empty: () => [] } },
  { key: 'coverage', label: '覆盖区县', codec: coverage },
  { key: 'note', label: '说明', codec: text },
];

const HOME_CARE_MODE = '居家';
/** The column that lists a record's services; the per-mode columns fill the services it lists. */
export const MODES_HEADER = '服务方式';

const column = (header: string, field: string, codec: Codec): Column => ({ header, field, ...codec });

/** Every column of the clerk CSV, in order. */
export const COLUMNS: readonly Column[] = [
  column('编号', 'id', text),
  column('名称', 'name', text),
  column('别名', 'aliases', freeTexts),
  column('机构类型', 'kind', text),
  column('等级', 'grade', text),
  column('性质', 'ownership', text),
  column('区划代码', 'regionCode', text),
  column('所在区县', 'regionCode', countyName),
  column('地址', 'address', { ...text, empty: () => null }),
  column('纬度', 'location.lat', number),
  column('经度', 'location.lng', number),
  column('坐标精度', 'location.precision', labelled(PRECISION_LABELS)),
  column(MODES_HEADER, 'services', serviceModes),
  ...CARE_MODES.flatMap((mode) => [
    ...SERVICE_FIELDS.map((f) => column(`${mode}·${f.label}`, `services.${mode}.${f.key}`, f.codec)),
    ...(mode === HOME_CARE_MODE
      ? HOME_CARE_FIELDS.map((f) => column(`${mode}·${f.label}`, `services.${mode}.homeCare.${f.key}`, f.codec))
      : []),
  ]),
  column('床位数', 'beds.hospice', hospiceBeds),
  column('空床数', 'beds.availability.free', number),
  column('空床更新日期', 'beds.availability.asOf', date),
  column('团队', 'team', wordList()),
  column('资质称号', 'designations', designations),
  column('转介合作机构', 'referralPartners', wordList()),
  column('志愿者·接收', 'volunteers.accepts', yesNo),
  column('志愿者·说明', 'volunteers.note', text),
  column('志愿者·联系方式', 'volunteers.contact', text),
  column('电话', 'contact.phones', textList(encodePhone, decodePhone)),
  column('网站', 'contact.website', text),
  column('预约方式', 'contact.appointment', text),
  column('来源类型', 'provenance.kind', labelled(PROVENANCE_KIND_LABELS)),
  column('来源', 'provenance.source', text),
  column('来源链接', 'provenance.url', text),
  column('核实日期', 'provenance.verifiedAt', date),
  column('来源备注', 'provenance.note', text),
];

/** Column headers of the clerk CSV, in order. */
export const CSV_HEADERS: readonly string[] = COLUMNS.map((c) => c.header);

/** Extra column of the open-data CSV (ignored on import). */
export const SAMPLE_FLAG_HEADER = '是否示例';
/** Headers ignored on import. */
export const IGNORED_HEADERS: readonly string[] = [SAMPLE_FLAG_HEADER];

/** Objects a record read from a row always has, even with their cells empty (the schema then names what is missing). */
export const ALWAYS_PRESENT: Readonly<Record<string, () => unknown>> = {
  services: () => [],
  provenance: () => ({}),
};

// ---------------------------------------------------------------------------
// Schema path → column

/** The column an error on a whole object (or on a field no column holds) is reported under. */
const OBJECT_COLUMNS: ReadonlyMap<string, string> = new Map([
  ['location', '纬度/经度'],
  ['beds', '床位数'],
  ['beds.availability', '空床数'],
  ['volunteers', '志愿者·接收'],
  ['contact', '电话'],
  ['provenance', '来源'],
]);

const nth = (index: PropertyKey | undefined): string => (typeof index === 'number' ? `（第 ${index + 1} 项）` : '');

/**
 * The CSV column a schema field path belongs to, e.g.
 * ['services', 0, 'payment', 1] → 住院·支付方式（第 2 项）.
 */
export function columnForPath(path: readonly PropertyKey[], data: unknown): string {
  const [head, ...rest] = path;
  if (head === undefined) return '（整行）';
  if (head === 'services') return serviceColumnForPath(rest, data);
  for (let n = path.length; n > 0; n -= 1) {
    const field = path.slice(0, n).map(String).join('.');
    const found = COLUMNS.find((c) => c.field === field);
    if (found !== undefined) return `${found.header}${nth(path[n])}`;
    const objectColumn = OBJECT_COLUMNS.get(field);
    if (objectColumn !== undefined) return objectColumn;
  }
  return String(head);
}

function serviceColumnForPath(rest: readonly PropertyKey[], data: unknown): string {
  const [index, field, ...more] = rest;
  if (typeof index !== 'number' || field === undefined || field === 'mode') return `${MODES_HEADER}${nth(index)}`;
  const services = (data as { services?: unknown } | null)?.services;
  const service = Array.isArray(services) ? (services[index] as { mode?: unknown } | undefined) : undefined;
  const mode = typeof service?.mode === 'string' ? service.mode : `第 ${index + 1} 项服务`;
  if (field === 'homeCare') {
    const label = HOME_CARE_FIELDS.find((f) => f.key === more[0])?.label ?? HOME_CARE_FIELDS[0]?.label;
    return `${mode}·${label}${nth(more[1])}`;
  }
  const label = SERVICE_FIELDS.find((f) => f.key === field)?.label ?? String(field);
  return `${mode}·${label}${nth(more[0])}`;
}

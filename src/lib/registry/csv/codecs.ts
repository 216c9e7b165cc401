/**
 * How one kind of registry field is written into a spreadsheet cell and read back: plain
 * text, numbers, dates, labelled codes, lists, and the few fields with a rule of their own
 * (所在区县, 床位数, 志愿者·接收 …). The table in columns.ts gives each column one of these.
 */
import type { CsvValue } from '../../csv.ts';
import type { RegionIndex } from '../regions.ts';
import {
  LIST_SEPARATOR,
  NO,
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

export const text: Codec = { write: (value) => value as string | undefined, read: (cell) => cell };
export const number: Codec = { write: (value) => value as number | undefined, read: toNumber };
export const date: Codec = { write: (value) => value as string | undefined, read: normalizeDate };

/** A code written as its Chinese label; the code itself is accepted on import too. */
export function labelled<T extends string>(labels: Readonly<Record<T, string>>): Codec {
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
export function wordList(options: WordListOptions = {}): Codec {
  return {
    write: (value) => (value === undefined ? undefined : (value as readonly string[]).join(LIST_SEPARATOR)),
    read: (cell, context) => {
      const words = splitWords(cell).map((word) => (options.map === undefined ? word : options.map(word, context)));
      return words.length === 0 && options.keepEmpty !== true ? undefined : words;
    },
  };
}

/** 所在区县: written as the full name of the 区划代码; read to check it, or to find the code when it is empty. */
export const countyName: Codec = {
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
export const coverage = wordList({
  keepEmpty: true,
  map: (item, { regions }) => {
    if (/^\d{6}$/.test(item)) return item;
    const named = regions.countiesNamed(item);
    return named.length === 1 && named[0] !== undefined ? named[0].code : item;
  },
});

/** 别名: free texts as they are. */
export const freeTexts = textList<string>(
  (item) => item,
  (item) => item,
);

export const serviceModes: Codec = {
  write: (services) => (services as readonly { mode: string }[]).map((s) => s.mode).join(LIST_SEPARATOR),
  read: (cell) => splitWords(cell).map((mode) => ({ mode })),
};

export const hospiceBeds: Codec = {
  write: (beds) => (beds === null ? UNKNOWN_BEDS : (beds as number | undefined)),
  read: (cell) => (cell === UNKNOWN_BEDS ? null : toNumber(cell)),
  empty: () => null,
};

export const yesNo: Codec = {
  write: (value) => (value === undefined ? undefined : value === true ? YES : NO),
  read: (cell, { problem }) => {
    if ([YES, 'true', 'TRUE', 'True'].includes(cell)) return true;
    if ([NO, 'false', 'FALSE', 'False'].includes(cell)) return false;
    problem(`应填“是”或“否”；实际是“${cell}”`);
    return FIELD_LEFT_OUT;
  },
};

/** 电话: 标签：号码 items. */
export const phones = textList(encodePhone, decodePhone);

/** 资质称号: 级别类型（年份）：说明 items; an unreadable item is reported and kept as text for the schema to name. */
export const designations = textList(encodeDesignation, (item, index, { problem }) => {
  const decoded = decodeDesignation(item);
  if (decoded !== undefined) return decoded;
  problem(`第 ${index + 1} 项“${item}”无法识别；格式：级别类型（年份）：说明，例如 市级指导中心（2020）：北京市安宁疗护指导中心`);
  return item;
});

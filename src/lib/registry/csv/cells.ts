/**
 * How one value of a registry record is written in one spreadsheet cell, and read back
 * (the conventions documented for clerks in docs/registry.md):
 * - several values in one cell are separated by the full-width semicolon “；”.
 *   In free-text lists (别名, 资质称号, 电话) a literal “；” is written “\；” and
 *   a backslash “\\”. In lists of fixed words (提供内容, 支付方式, 团队 …) “;”
 *   “、” “，” “,” are accepted as separators too.
 * - 资质称号: 级别类型（年份）：说明, e.g. 市级指导中心（2020）：北京市安宁疗护指导中心
 *   (year and 说明 optional).
 * - 电话: 标签：号码, e.g. 总机：010-12345678 (标签 optional).
 * - 床位数 “未知” = null; dates also as 2026/11/22 or 2026年11月22日.
 */
import type { Institution } from '../../../schemas/institution.ts';
import { DESIGNATION_LEVELS, DESIGNATION_TYPES } from '../../../schemas/institution.ts';
import type { ProvenanceKind } from '../../../schemas/provenance.ts';

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

/** A number when the cell is one, else the text (the schema then says what is wrong). */
export function toNumber(cell: string): number | string {
  return /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/.test(cell) ? Number(cell) : cell;
}

/** Accept 2026-11-22, 2026/11/22, 2026.11.22, 2026年11月22日 (Excel often rewrites dates). */
export function normalizeDate(cell: string): string {
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(cell);
  if (m === null) return cell;
  return `${m[1]}-${(m[2] ?? '').padStart(2, '0')}-${(m[3] ?? '').padStart(2, '0')}`;
}

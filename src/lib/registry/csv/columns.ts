/**
 * The registry's spreadsheet columns, written once: for every column its header, the record
 * field it holds, how the field is written into the cell and how a cell is read back. The
 * header row, the clerk and open-data CSV (write.ts), the import (read.ts) and the column an
 * import error is reported under (columnForPath) all come from this table; docs/registry.md
 * describes the same columns for clerks (tests/unit/registry-csv.test.ts checks it names
 * every header).
 */
import { CARE_MODES } from '../../../schemas/service.ts';
import {
  countyName,
  coverage,
  date,
  designations,
  freeTexts,
  hospiceBeds,
  labelled,
  number,
  phones,
  serviceModes,
  text,
  wordList,
  yesNo,
  type Codec,
} from './codecs.ts';
import { PRECISION_LABELS, PROVENANCE_KIND_LABELS } from './cells.ts';

export interface Column extends Codec {
  readonly header: string;
  /**
   * Where the value lives in a record, dot-separated: `contact.phones`. In `services.住院.fees`
   * the mode picks the service whose `mode` it is.
   */
  readonly field: string;
}

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
  column('电话', 'contact.phones', phones),
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

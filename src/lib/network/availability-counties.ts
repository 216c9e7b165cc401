/**
 * The open-data files of the daily availability aggregate per county,
 * /data/availability/counties.json and .csv: their shape, how they are written (the server
 * computes the figures: src/server/network/availability-aggregate.ts) and how a page reads
 * the JSON back after load (/targets/). Pure, so the browser can use the reader.
 */
import { toCsv, type CsvColumn } from '../csv.ts';

/** Figures of one area (a county, or a province's counties together). */
export interface AreaFigures {
  /** Region code and full name (浙江省杭州市西湖区). */
  readonly code: string;
  readonly name: string;
  /** Real institutions the registry lists there. */
  readonly institutions: number;
  /** Of them, institutions with at least one report (any mode) at the time. */
  readonly reporting: number;
  /** Of those, institutions with at least one report still fresh at the time. */
  readonly fresh: number;
  /** fresh / reporting, three decimals; null when nobody reports. */
  readonly freshShare: number | null;
  /** Institutions that reported or confirmed during the day (China time) up to the time. */
  readonly reportedThatDay: number;
  /** Open beds in fresh 住院 reports that state them; null when none does. */
  readonly openBeds: number | null;
  /** Free beds in fresh 住院 reports that state them; null when none does. */
  readonly freeBeds: number | null;
  /** Fresh 住院 reports stating open or free beds: what the sums rest on. */
  readonly bedReports: number;
}

export interface CountyFigures extends AreaFigures {
  /** Code of the province the county lies in. */
  readonly province: string;
}

export interface AvailabilityAggregate {
  /** When this answer was computed (ISO, UTC). */
  readonly computedAt: string;
  /** The day (China time) the figures describe. */
  readonly date: string;
  /** The moment the figures describe: the time of computing for today, the end of the day for a past one. */
  readonly asOf: string;
  /** Counties with at least one real institution, in code order. */
  readonly counties: readonly CountyFigures[];
  /** The same, summed per province. */
  readonly provinces: readonly AreaFigures[];
}

/** What the JSON file holds: the aggregate with its own words on what the figures are. */
export interface CountiesFile extends AvailabilityAggregate {
  readonly title: string;
  readonly notice: string;
}

export const COUNTIES_TITLE = '各区县安宁疗护机构自报的接收情况（每日汇总）';
export const COUNTIES_NOTICE =
  '这些是机构自己上报的数字，本站没有核实，也不保证准确；去之前请先致电机构确认。只计真实机构，不计示例机构。' +
  '“未过期”指报告还没有超过机构给出的有效期（最长 72 小时）。床位合计只加总未过期的住院病床报告里写明的数字，过期的报告和没写数字的报告不计入；' +
  'bedReports 是计入合计的报告数。computedAt 是计算的时间，asOf 是数字描述的时刻（当天为计算时，过去的日子为当天结束时），都是 UTC。';

export function countiesFile(aggregate: AvailabilityAggregate): CountiesFile {
  return { title: COUNTIES_TITLE, notice: COUNTIES_NOTICE, ...aggregate };
}

type Row = CountyFigures & { readonly date: string; readonly asOf: string; readonly computedAt: string };

const COLUMNS: readonly CsvColumn<Row>[] = [
  { header: '区县代码', value: (r) => r.code },
  { header: '区县', value: (r) => r.name },
  { header: '省级代码', value: (r) => r.province },
  { header: '登记的真实机构数', value: (r) => r.institutions },
  { header: '上报的机构数', value: (r) => r.reporting },
  { header: '报告未过期的机构数', value: (r) => r.fresh },
  { header: '未过期的比例', value: (r) => r.freshShare },
  { header: '当天上报或确认的机构数', value: (r) => r.reportedThatDay },
  { header: '开放床位合计（住院，只计未过期的报告）', value: (r) => r.openBeds },
  { header: '空床合计（住院，只计未过期的报告）', value: (r) => r.freeBeds },
  { header: '计入床位合计的报告数', value: (r) => r.bedReports },
  { header: '日期（北京时间）', value: (r) => r.date },
  { header: '数字描述的时刻（UTC）', value: (r) => r.asOf },
  { header: '计算时间（UTC）', value: (r) => r.computedAt },
];

/** The CSV: one row per county, every row carrying its day and the time it was computed (site CSV format: BOM, CRLF). */
export function countiesCsv(aggregate: AvailabilityAggregate): string {
  const { date, asOf, computedAt } = aggregate;
  return toCsv(
    COLUMNS,
    aggregate.counties.map((c) => ({ ...c, date, asOf, computedAt })),
  );
}

const isObject = (v: unknown): v is Readonly<Record<string, unknown>> => typeof v === 'object' && v !== null && !Array.isArray(v);
const bedsOf = (v: unknown): number | null => (Number.isInteger(v) && (v as number) >= 0 ? (v as number) : null);

function readArea(v: unknown): AreaFigures | null {
  if (!isObject(v) || typeof v['code'] !== 'string' || typeof v['name'] !== 'string') return null;
  const n = (key: string) => (Number.isInteger(v[key]) ? (v[key] as number) : 0);
  return {
    code: v['code'],
    name: v['name'],
    institutions: n('institutions'),
    reporting: n('reporting'),
    fresh: n('fresh'),
    freshShare: typeof v['freshShare'] === 'number' ? v['freshShare'] : null,
    reportedThatDay: n('reportedThatDay'),
    openBeds: bedsOf(v['openBeds']),
    freeBeds: bedsOf(v['freeBeds']),
    bedReports: n('bedReports'),
  };
}

/** The JSON file as a page reads it after load; null when it is not one. */
export function readCountiesFile(json: unknown): AvailabilityAggregate | null {
  if (!isObject(json) || typeof json['computedAt'] !== 'string' || typeof json['date'] !== 'string') return null;
  if (!Array.isArray(json['counties']) || !Array.isArray(json['provinces'])) return null;
  const counties: CountyFigures[] = [];
  for (const c of json['counties'] as unknown[]) {
    const area = readArea(c);
    if (area !== null && isObject(c) && typeof c['province'] === 'string') counties.push({ ...area, province: c['province'] });
  }
  const provinces = (json['provinces'] as unknown[]).map(readArea).filter((a): a is AreaFigures => a !== null);
  return {
    computedAt: json['computedAt'],
    date: json['date'],
    asOf: typeof json['asOf'] === 'string' ? json['asOf'] : json['computedAt'],
    counties,
    provinces,
  };
}

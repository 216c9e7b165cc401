/** Registry records → the clerk CSV (registry:export) and the open-data institutions.csv. */
import type { Institution } from '../../../schemas/institution.ts';
import { stringifyCsv, type CsvValue, type StringifyOptions } from '../../csv.ts';
import type { RegionIndex } from '../regions.ts';
import { NO, YES } from './cells.ts';
import { COLUMNS, CSV_HEADERS, SAMPLE_FLAG_HEADER } from './columns.ts';

/** The value at a dotted field path; in `services.<mode>.…` the service with that mode. */
function fieldValue(record: Institution, field: string): unknown {
  let value: unknown = record;
  for (const key of field.split('.')) {
    if (Array.isArray(value)) value = (value as { mode?: unknown }[]).filter((item) => item.mode === key).at(-1);
    else if (typeof value === 'object' && value !== null) value = (value as Record<string, unknown>)[key];
    else return undefined;
  }
  return value;
}

/** One record's cells in CSV_HEADERS order, numbers kept as numbers (only text is defused). */
export function recordToValues(record: Institution, regions: RegionIndex): CsvValue[] {
  return COLUMNS.map((column) => column.write(fieldValue(record, column.field), regions));
}

/** One record as a row of texts in CSV_HEADERS order. */
export function recordToRow(record: Institution, regions: RegionIndex): string[] {
  return recordToValues(record, regions).map((value) => (value === undefined || value === null ? '' : String(value)));
}

export interface RecordsCsvOptions extends StringifyOptions {
  /** Add the 是否示例 column (open data). */
  readonly sampleFlag?: boolean;
}

/** The whole registry as CSV text (UTF-8 BOM, CRLF, formulas defused). */
export function recordsToCsv(records: readonly Institution[], regions: RegionIndex, options: RecordsCsvOptions = {}): string {
  const flag = options.sampleFlag === true;
  const headers = flag ? [...CSV_HEADERS, SAMPLE_FLAG_HEADER] : [...CSV_HEADERS];
  const rows = records.map((record) => {
    const row = recordToValues(record, regions);
    if (flag) row.push(record.provenance.kind === 'sample' ? YES : NO);
    return row;
  });
  return stringifyCsv([headers, ...rows], options);
}

/**
 * The HSDS open data (/data/hsds/…) validates against the official HSDS 3.0 JSON schemas
 * (vendor/hsds-3.0/), table by table, for the shipped registry and for records that use
 * every field (issue #13 item 13).
 */
import { describe, expect, it } from 'vitest';
import { HSDS_TABLE_SCHEMAS, hsdsTableErrors, type HsdsTableName } from '../../scripts/lib/hsds-schema.ts';
import { loadRegistry } from '../../src/lib/registry/load.ts';
import { buildHsds, type HsdsDataset } from '../../src/lib/registry/open-data.ts';
import { HSDS_TABLES } from '../../src/lib/open-data-files.ts';
import { minimalRecord, regions, richRecord, sampleRecord } from './registry-helpers.ts';

const generatedAt = '2026-11-22T08:00:00.000Z';
const tables = Object.keys(HSDS_TABLE_SCHEMAS) as HsdsTableName[];

/** Errors in the tables as published (JSON text, read back). */
function allErrors(hsds: HsdsDataset): string[] {
  const published = JSON.parse(JSON.stringify(hsds)) as HsdsDataset;
  return tables.flatMap((table) => hsdsTableErrors(table, published[table]));
}

describe('HSDS 3.0 schemas', () => {
  it('every published table has a schema', () => {
    expect([...HSDS_TABLES].sort()).toEqual([...tables].sort());
  });

  it('the schemas reject what they should (a null where a string belongs, a missing required field)', () => {
    expect(
      hsdsTableErrors('organizations', [
        { id: '6f1d3c1e-5b7a-4f0e-9a43-2d8c7e51b0a9', name: '某医院', description: '综合医院', email: null },
      ]),
    ).not.toEqual([]);
    expect(
      hsdsTableErrors('addresses', [
        {
          id: '6f1d3c1e-5b7a-4f0e-9a43-2d8c7e51b0a9',
          address_1: '某路1号',
          city: '杭州市',
          state_province: '浙江省',
          country: 'CN',
          address_type: 'physical',
        },
      ]),
    ).toEqual(["addresses[0]: must have required property 'postal_code' (postal_code)"]);
  });

  it('every row of every table of the shipped registry is valid', () => {
    const { records, regions: index } = loadRegistry();
    const hsds = buildHsds(records, index, { generatedAt });
    expect(hsds.organizations.length).toBe(records.length);
    expect(allErrors(hsds)).toEqual([]);
  });

  it('records using every field give valid rows too', () => {
    expect(allErrors(buildHsds([minimalRecord(), richRecord(), sampleRecord()], regions(), { generatedAt }))).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/lib/csv.ts';
import { CSV_HEADERS } from '../../src/lib/registry/csv/columns.ts';
import { buildGeoJson, buildHsds, buildOpenDataCsv, buildOpenDataJson, uuidV5 } from '../../src/lib/registry/open-data.ts';
import { minimalRecord, modify, regions, richRecord, sampleRecord } from './registry-helpers.ts';

const records = [minimalRecord(), richRecord(), sampleRecord()];
const generatedAt = '2026-11-22T08:00:00.000Z';

describe('open data', () => {
  it('GeoJSON points are [lng, lat] and carry the sample flag and precision', () => {
    const geo = buildGeoJson(records, regions());
    expect(geo.type).toBe('FeatureCollection');
    expect(geo.features).toHaveLength(3);
    const rich = geo.features[1];
    expect(rich?.geometry).toEqual({ type: 'Point', coordinates: [120.1298765, 30.2712345] });
    expect(rich?.properties).toMatchObject({
      id: 'zj-test-rich',
      sample: false,
      precision: 'exact',
      modes: ['居家', '住院', '门诊', '会诊', '互联网'],
      region: '浙江省杭州市西湖区',
    });
    expect(geo.features.map((f) => f.properties.sample)).toEqual([false, false, true]);
    expect(geo.features[2]?.properties.precision).toBe('county-centre');
  });

  it('full JSON counts records and samples', () => {
    const json = buildOpenDataJson(records, { generatedAt });
    expect(json).toMatchObject({ generatedAt, count: 3, sampleCount: 1 });
    expect(json.license).toContain('示例');
    expect(json.records).toEqual(records);
  });

  it('CSV has a BOM, the clerk headers and 是否示例', () => {
    const csv = buildOpenDataCsv(records, regions());
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const rows = parseCsv(csv);
    expect(rows[0]).toEqual([...CSV_HEADERS, '是否示例']);
    expect(rows.slice(1).map((r) => r[r.length - 1])).toEqual(['否', '否', '是']);
  });

  it('CSV defuses cells a spreadsheet would run as a formula (+86…, =…)', () => {
    const risky = modify(minimalRecord(), (r) => {
      r.contact = { phones: [{ number: '+86 571 8765 4321' }] };
      r.provenance.note = '=HYPERLINK("http://example.com","点击")';
      r.address = '-1 号楼';
      r.location.lat = -30.5;
    });
    const csv = buildOpenDataCsv([risky], regions());
    const line = csv.split('\r\n')[1] ?? '';
    expect(line).toContain(",'+86 571 8765 4321,");
    expect(line).toContain(`,"'=HYPERLINK(""http://example.com"",""点击"")"`);
    expect(line).toContain(",'-1 号楼,");
    expect(line).toContain(',-30.5,120.13,'); // a number is not text: never defused
    const row = parseCsv(csv)[1] ?? [];
    expect(row[CSV_HEADERS.indexOf('电话')]).toBe('+86 571 8765 4321');
    expect(row[CSV_HEADERS.indexOf('来源备注')]).toBe('=HYPERLINK("http://example.com","点击")');
  });

  it('HSDS: linked organizations, services, locations, phones and service_at_locations', () => {
    const hsds = buildHsds(records, regions(), { generatedAt });
    expect(hsds.organizations).toHaveLength(3);
    expect(hsds.locations).toHaveLength(3);
    expect(hsds.services).toHaveLength(1 + 5 + 1);
    expect(hsds.service_at_locations).toHaveLength(hsds.services.length);
    expect(hsds.phones).toHaveLength(3);
    const ids = new Set(hsds.organizations.map((o) => o.id));
    const locationIds = new Set(hsds.locations.map((l) => l.id));
    const serviceIds = new Set(hsds.services.map((s) => s.id));
    for (const s of hsds.services) expect(ids.has(s.organization_id)).toBe(true);
    for (const sal of hsds.service_at_locations) {
      expect(serviceIds.has(sal.service_id)).toBe(true);
      expect(locationIds.has(sal.location_id)).toBe(true);
    }
    for (const id of [...ids, ...locationIds, ...serviceIds])
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const ext = hsds.phones.find((p) => p.description === '病区：夜间');
    expect(ext).toMatchObject({ number: '0571-8765 4322', extension: 8001 });
    const sample = hsds.organizations.find((o) => o.x_registry_id === 'sample-330106');
    expect(sample?.x_sample).toBe(true);
    expect(hsds.services.find((s) => s.organization_id === sample?.id)?.alert).toContain('示例');
    expect(hsds.service_areas.map((a) => a.x_region_code).sort()).toEqual(['330105', '330106', '330106']);
    expect(hsds.locations[1]).toMatchObject({ latitude: 30.2712345, longitude: 120.1298765 });
  });

  it('uuidV5 matches the RFC 4122 reference value', () => {
    // uuid v5 of "www.example.com" in the DNS namespace (well-known test vector).
    expect(uuidV5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
  });
});

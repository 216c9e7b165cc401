/**
 * Open data built from the registry on every build: full JSON, CSV, GeoJSON
 * and an Open Referral HSDS 3.0-shaped JSON. Pure functions of records,
 * regions and a timestamp; writing the files is the build integration's job.
 * Field mapping: docs/open-data.md.
 */
import { createHash } from 'node:crypto';
import type { Institution } from '../../schemas/institution.ts';
import type { CareMode } from '../../schemas/service.ts';
import { PRECISION_LABELS, recordsToCsv } from './csv.ts';
import type { RegionIndex } from './regions.ts';

export const DEFAULT_LICENSE_NOTE =
  '数据整理自政府公开文件和机构提供的信息，以各条记录的来源（provenance）为准，使用时请注明出处并保留核实日期。sample 为 true 的记录是本站为演示生成的示例数据，并非真实机构，不得当作真实信息使用。';

export interface OpenDataOptions {
  /** When the data was generated (ISO 8601 date-time). */
  readonly generatedAt: string;
  /** Licence / terms text; the operator decides the final wording. */
  readonly licenseNote?: string;
}

const isSample = (record: Institution): boolean => record.provenance.kind === 'sample';

// ---------------------------------------------------------------------------
// JSON

export interface OpenDataJson {
  readonly generatedAt: string;
  readonly count: number;
  readonly sampleCount: number;
  readonly license: string;
  readonly records: readonly Institution[];
}

export function buildOpenDataJson(records: readonly Institution[], options: OpenDataOptions): OpenDataJson {
  return {
    generatedAt: options.generatedAt,
    count: records.length,
    sampleCount: records.filter(isSample).length,
    license: options.licenseNote ?? DEFAULT_LICENSE_NOTE,
    records,
  };
}

// ---------------------------------------------------------------------------
// CSV

/** Same columns as the clerk CSV plus 是否示例; UTF-8 with BOM, CRLF. */
export function buildOpenDataCsv(records: readonly Institution[], regions: RegionIndex): string {
  return recordsToCsv(records, regions, { sampleFlag: true, bom: true });
}

// ---------------------------------------------------------------------------
// GeoJSON

export interface InstitutionFeatureProperties {
  readonly id: string;
  readonly name: string;
  readonly kind: Institution['kind'];
  readonly grade: Institution['grade'];
  readonly ownership: Institution['ownership'];
  readonly modes: readonly CareMode[];
  readonly sample: boolean;
  readonly precision: Institution['location']['precision'];
  readonly precisionLabel: string;
  readonly regionCode: string;
  readonly region: string | null;
  readonly address: string | null;
  readonly hospiceBeds: number | null;
  readonly verifiedAt: string;
}

export interface InstitutionFeature {
  readonly type: 'Feature';
  readonly id: string;
  /** GeoJSON order: [longitude, latitude] (RFC 7946). */
  readonly geometry: { readonly type: 'Point'; readonly coordinates: readonly [number, number] };
  readonly properties: InstitutionFeatureProperties;
}

export interface InstitutionFeatureCollection {
  readonly type: 'FeatureCollection';
  readonly features: readonly InstitutionFeature[];
}

export function buildGeoJson(records: readonly Institution[], regions: RegionIndex): InstitutionFeatureCollection {
  return {
    type: 'FeatureCollection',
    features: records.map((record) => ({
      type: 'Feature',
      id: record.id,
      geometry: { type: 'Point', coordinates: [record.location.lng, record.location.lat] },
      properties: {
        id: record.id,
        name: record.name,
        kind: record.kind,
        grade: record.grade,
        ownership: record.ownership,
        modes: record.services.map((s) => s.mode),
        sample: isSample(record),
        precision: record.location.precision,
        precisionLabel: PRECISION_LABELS[record.location.precision],
        regionCode: record.regionCode,
        region: regions.fullName(record.regionCode) ?? null,
        address: record.address,
        hospiceBeds: record.beds?.hospice ?? null,
        verifiedAt: record.provenance.verifiedAt,
      },
    })),
  };
}

// ---------------------------------------------------------------------------
// HSDS 3.0

/** Namespace for the deterministic (version 5) UUIDs of this registry's HSDS ids. */
export const HSDS_UUID_NAMESPACE = '6f1d3c1e-5b7a-4f0e-9a43-2d8c7e51b0a9';

/** RFC 4122 version-5 UUID of `name` in `namespace`: the same record always gets the same id. */
export function uuidV5(name: string, namespace: string = HSDS_UUID_NAMESPACE): string {
  const ns = Buffer.from(namespace.replace(/-/g, ''), 'hex');
  const hash = createHash('sha1').update(ns).update(name, 'utf8').digest();
  const bytes = hash.subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export interface HsdsOrganization {
  id: string;
  name: string;
  alternate_name: string | null;
  description: string;
  email: null;
  website: string | null;
  legal_status: string;
  parent_organization_id: null;
  x_registry_id: string;
  x_kind: string;
  x_grade: string;
  x_ownership: string;
  x_sample: boolean;
  x_hospice_beds: number | null;
  x_beds_free: number | null;
  x_beds_as_of: string | null;
  x_team: string[];
  x_designations: { type: string; level: string; year: number | null; note: string | null }[];
  x_referral_partner_ids: string[];
  x_volunteers: { accepts: boolean; note: string | null; contact: string | null } | null;
  x_source: string;
  x_source_url: string | null;
  x_source_kind: string;
  x_verified_at: string;
}

export interface HsdsOrganizationIdentifier {
  id: string;
  organization_id: string;
  identifier_scheme: null;
  identifier_type: string;
  identifier: string;
}

export interface HsdsService {
  id: string;
  organization_id: string;
  program_id: null;
  name: string;
  alternate_name: null;
  description: string;
  url: null;
  email: null;
  status: 'active';
  interpretation_services: null;
  application_process: string | null;
  fees_description: string | null;
  accreditations: string | null;
  eligibility_description: string | null;
  minimum_age: null;
  maximum_age: null;
  assured_date: string;
  assurer_email: null;
  alert: string | null;
  last_modified: null;
  x_care_mode: CareMode;
  x_offers: string[];
  x_payment: string[];
  x_home_care_types: string[];
}

export interface HsdsLocation {
  id: string;
  location_type: 'physical';
  url: null;
  organization_id: string;
  name: string;
  alternate_name: null;
  description: string;
  transportation: null;
  latitude: number;
  longitude: number;
  external_identifier: string;
  external_identifier_type: string;
  x_precision: string;
}

export interface HsdsAddress {
  id: string;
  location_id: string;
  attention: null;
  address_1: string;
  address_2: null;
  city: string;
  region: string;
  state_province: string;
  postal_code: null;
  country: 'CN';
  address_type: 'physical';
}

export interface HsdsPhone {
  id: string;
  location_id: null;
  service_id: null;
  organization_id: string;
  contact_id: null;
  service_at_location_id: null;
  number: string;
  extension: number | null;
  type: 'voice';
  description: string | null;
}

export interface HsdsServiceAtLocation {
  id: string;
  service_id: string;
  location_id: string;
  description: string | null;
}

export interface HsdsServiceArea {
  id: string;
  service_id: string;
  service_at_location_id: string;
  name: string;
  description: string | null;
  extent: null;
  extent_type: null;
  uri: null;
  x_region_code: string;
}

export interface HsdsSchedule {
  id: string;
  service_id: string;
  location_id: null;
  service_at_location_id: string;
  description: string;
}

export interface HsdsDataset {
  generatedAt: string;
  hsds_version: '3.0';
  license: string;
  organizations: HsdsOrganization[];
  organization_identifiers: HsdsOrganizationIdentifier[];
  services: HsdsService[];
  locations: HsdsLocation[];
  addresses: HsdsAddress[];
  phones: HsdsPhone[];
  service_at_locations: HsdsServiceAtLocation[];
  service_areas: HsdsServiceArea[];
  schedules: HsdsSchedule[];
}

const SAMPLE_ALERT = '示例数据：本站为演示查找功能生成，并非真实机构';

export function buildHsds(records: readonly Institution[], regions: RegionIndex, options: OpenDataOptions): HsdsDataset {
  const out: HsdsDataset = {
    generatedAt: options.generatedAt,
    hsds_version: '3.0',
    license: options.licenseNote ?? DEFAULT_LICENSE_NOTE,
    organizations: [],
    organization_identifiers: [],
    services: [],
    locations: [],
    addresses: [],
    phones: [],
    service_at_locations: [],
    service_areas: [],
    schedules: [],
  };
  for (const record of records) {
    const orgId = uuidV5(`organization:${record.id}`);
    const locationId = uuidV5(`location:${record.id}`);
    const sample = isSample(record);
    const designations = record.designations ?? [];
    out.organizations.push({
      id: orgId,
      name: record.name,
      alternate_name: record.aliases === undefined ? null : record.aliases.join('；'),
      description: `${record.kind}（${record.grade}，${record.ownership}）${sample ? `。${SAMPLE_ALERT}` : ''}`,
      email: null,
      website: record.contact?.website ?? null,
      legal_status: record.ownership,
      parent_organization_id: null,
      x_registry_id: record.id,
      x_kind: record.kind,
      x_grade: record.grade,
      x_ownership: record.ownership,
      x_sample: sample,
      x_hospice_beds: record.beds?.hospice ?? null,
      x_beds_free: record.beds?.availability?.free ?? null,
      x_beds_as_of: record.beds?.availability?.asOf ?? null,
      x_team: [...(record.team ?? [])],
      x_designations: designations.map((d) => ({ type: d.type, level: d.level, year: d.year ?? null, note: d.note ?? null })),
      x_referral_partner_ids: (record.referralPartners ?? []).map((id) => uuidV5(`organization:${id}`)),
      x_volunteers: record.volunteers === undefined ? null : { accepts: record.volunteers.accepts, note: record.volunteers.note ?? null, contact: record.volunteers.contact ?? null },
      x_source: record.provenance.source,
      x_source_url: record.provenance.url ?? null,
      x_source_kind: record.provenance.kind,
      x_verified_at: record.provenance.verifiedAt,
    });
    out.organization_identifiers.push({
      id: uuidV5(`organization_identifier:${record.id}`),
      organization_id: orgId,
      identifier_scheme: null,
      identifier_type: '本站登记编号',
      identifier: record.id,
    });
    const lineage = regions.lineage(record.regionCode);
    const county = lineage[lineage.length - 1];
    const province = lineage[0];
    const city = regions.cityOf(record.regionCode) ?? province;
    out.locations.push({
      id: locationId,
      location_type: 'physical',
      url: null,
      organization_id: orgId,
      name: record.name,
      alternate_name: null,
      description: record.location.precision === 'exact' ? '坐标为机构位置' : `坐标仅为${county?.name ?? '区县'}中心点，不是机构的准确位置`,
      transportation: null,
      latitude: record.location.lat,
      longitude: record.location.lng,
      external_identifier: record.regionCode,
      external_identifier_type: 'GB/T 2260 行政区划代码',
      x_precision: record.location.precision,
    });
    if (record.address !== null) {
      out.addresses.push({
        id: uuidV5(`address:${record.id}`),
        location_id: locationId,
        attention: null,
        address_1: record.address,
        address_2: null,
        city: city?.name ?? '',
        region: county?.name ?? '',
        state_province: province?.name ?? '',
        postal_code: null,
        country: 'CN',
        address_type: 'physical',
      });
    }
    (record.contact?.phones ?? []).forEach((phone, index) => {
      const ext = /转(\d+)$/.exec(phone.number);
      out.phones.push({
        id: uuidV5(`phone:${record.id}:${index}`),
        location_id: null,
        service_id: null,
        organization_id: orgId,
        contact_id: null,
        service_at_location_id: null,
        number: ext === null ? phone.number : phone.number.slice(0, ext.index),
        extension: ext === null ? null : Number(ext[1]),
        type: 'voice',
        description: phone.label ?? null,
      });
    });
    for (const service of record.services) {
      const key = `${record.id}:${service.mode}`;
      const serviceId = uuidV5(`service:${key}`);
      const salId = uuidV5(`service_at_location:${key}`);
      const fees = [service.fees, service.payment === undefined ? undefined : `支付方式：${service.payment.join('、')}`].filter((x) => x !== undefined);
      out.services.push({
        id: serviceId,
        organization_id: orgId,
        program_id: null,
        name: service.name ?? `${record.name}·${service.mode}安宁疗护`,
        alternate_name: null,
        description: service.offers.length > 0 ? `提供：${service.offers.join('、')}` : `${service.mode}安宁疗护`,
        url: null,
        email: null,
        status: 'active',
        interpretation_services: null,
        application_process: service.referral ?? null,
        fees_description: fees.length > 0 ? fees.join('；') : null,
        accreditations: designations.length > 0 ? designations.map((d) => `${d.level}${d.type}${d.note === undefined ? '' : `（${d.note}）`}`).join('；') : null,
        eligibility_description: service.eligibility ?? null,
        minimum_age: null,
        maximum_age: null,
        assured_date: record.provenance.verifiedAt,
        assurer_email: null,
        alert: sample ? SAMPLE_ALERT : null,
        last_modified: null,
        x_care_mode: service.mode,
        x_offers: [...service.offers],
        x_payment: [...(service.payment ?? [])],
        x_home_care_types: [...(service.homeCare?.types ?? [])],
      });
      out.service_at_locations.push({ id: salId, service_id: serviceId, location_id: locationId, description: service.homeCare?.note ?? null });
      if (service.hours !== undefined) {
        out.schedules.push({ id: uuidV5(`schedule:${key}`), service_id: serviceId, location_id: null, service_at_location_id: salId, description: service.hours });
      }
      for (const code of service.homeCare?.coverage ?? []) {
        out.service_areas.push({
          id: uuidV5(`service_area:${key}:${code}`),
          service_id: serviceId,
          service_at_location_id: salId,
          name: regions.fullName(code) ?? code,
          description: null,
          extent: null,
          extent_type: null,
          uri: null,
          x_region_code: code,
        });
      }
    }
  }
  return out;
}

/**
 * Open data built from the registry on every build: full JSON, CSV, GeoJSON
 * and an Open Referral HSDS 3.0-shaped JSON. Pure functions of records,
 * regions and a timestamp; writing the files is the build integration's job.
 * Field mapping: docs/open-data.md.
 */
import { createHash } from 'node:crypto';
import type { Institution } from '../../schemas/institution.ts';
import type { CareMode } from '../../schemas/service.ts';
import { PRECISION_LABELS } from './csv/cells.ts';
import { recordsToCsv } from './csv/write.ts';
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

/**
 * HSDS rows leave out what the registry does not know: the HSDS 3.0 schemas type optional
 * fields as strings or numbers, so a `null` there makes the row invalid (issue #13 item
 * 13). Extension fields (x_…) follow the same rule.
 */

export interface HsdsOrganization {
  id: string;
  name: string;
  alternate_name?: string;
  description: string;
  website?: string;
  legal_status: string;
  x_registry_id: string;
  x_kind: string;
  x_grade: string;
  x_ownership: string;
  x_sample: boolean;
  /** Omitted when the registry has no beds entry or its bed count is unknown. */
  x_hospice_beds?: number;
  x_beds_free?: number;
  x_beds_as_of?: string;
  x_team?: string[];
  x_designations?: { type: string; level: string; year?: number; note?: string }[];
  x_referral_partner_ids?: string[];
  x_volunteers?: { accepts: boolean; note?: string; contact?: string };
  x_source: string;
  x_source_url?: string;
  x_source_kind: string;
  x_verified_at: string;
}

export interface HsdsOrganizationIdentifier {
  id: string;
  organization_id: string;
  identifier_type: string;
  identifier: string;
}

export interface HsdsService {
  id: string;
  organization_id: string;
  name: string;
  description: string;
  status: 'active';
  application_process?: string;
  fees_description?: string;
  accreditations?: string;
  eligibility_description?: string;
  assured_date: string;
  alert?: string;
  x_care_mode: CareMode;
  x_offers: string[];
  x_payment?: string[];
  x_home_care_types?: string[];
}

export interface HsdsLocation {
  id: string;
  location_type: 'physical';
  organization_id: string;
  name: string;
  description: string;
  latitude: number;
  longitude: number;
  external_identifier: string;
  external_identifier_type: string;
  x_precision: string;
  /**
   * The street address as the source gives it. HSDS 3.0 requires a postal code on every
   * address row and the registry has none, so there are no address rows: the address
   * travels here instead of with an invented or empty postcode.
   */
  x_address?: string;
  x_city?: string;
  x_region?: string;
  x_state_province?: string;
}

/** HSDS 3.0 address rows: required fields include postal_code (see HsdsLocation.x_address). */
export interface HsdsAddress {
  id: string;
  location_id: string;
  address_1: string;
  city: string;
  region?: string;
  state_province: string;
  postal_code: string;
  country: 'CN';
  address_type: 'physical';
}

export interface HsdsPhone {
  id: string;
  organization_id: string;
  number: string;
  extension?: number;
  type: 'voice';
  description?: string;
}

export interface HsdsServiceAtLocation {
  id: string;
  service_id: string;
  location_id: string;
  description?: string;
}

export interface HsdsServiceArea {
  id: string;
  service_id: string;
  name: string;
  /** HSDS 3.0 service areas link to a service only; the service-at-location link is an extension. */
  x_service_at_location_id: string;
  x_region_code: string;
}

export interface HsdsSchedule {
  id: string;
  service_id: string;
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

/** The object without its undefined fields (JSON would drop them anyway; tests compare objects). */
function compact<T extends object>(row: { [K in keyof T]: T[K] | undefined }): T {
  return Object.fromEntries(Object.entries(row).filter(([, v]) => v !== undefined)) as T;
}

/** A list, or nothing when it is empty. */
const nonEmpty = <T>(list: readonly T[] | undefined): T[] | undefined => (list !== undefined && list.length > 0 ? [...list] : undefined);

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
    out.organizations.push(
      compact<HsdsOrganization>({
        id: orgId,
        name: record.name,
        alternate_name: record.aliases?.join('；'),
        description: `${record.kind}（${record.grade}，${record.ownership}）${sample ? `。${SAMPLE_ALERT}` : ''}`,
        website: record.contact?.website,
        legal_status: record.ownership,
        x_registry_id: record.id,
        x_kind: record.kind,
        x_grade: record.grade,
        x_ownership: record.ownership,
        x_sample: sample,
        x_hospice_beds: record.beds?.hospice ?? undefined,
        x_beds_free: record.beds?.availability?.free,
        x_beds_as_of: record.beds?.availability?.asOf,
        x_team: nonEmpty(record.team),
        x_designations: nonEmpty(
          designations.map((d) =>
            compact<{ type: string; level: string; year?: number; note?: string }>({
              type: d.type,
              level: d.level,
              year: d.year,
              note: d.note,
            }),
          ),
        ),
        x_referral_partner_ids: nonEmpty((record.referralPartners ?? []).map((id) => uuidV5(`organization:${id}`))),
        x_volunteers:
          record.volunteers === undefined
            ? undefined
            : compact<{ accepts: boolean; note?: string; contact?: string }>({
                accepts: record.volunteers.accepts,
                note: record.volunteers.note,
                contact: record.volunteers.contact,
              }),
        x_source: record.provenance.source,
        x_source_url: record.provenance.url,
        x_source_kind: record.provenance.kind,
        x_verified_at: record.provenance.verifiedAt,
      }),
    );
    out.organization_identifiers.push({
      id: uuidV5(`organization_identifier:${record.id}`),
      organization_id: orgId,
      identifier_type: '本站登记编号',
      identifier: record.id,
    });
    const lineage = regions.lineage(record.regionCode);
    const county = lineage[lineage.length - 1];
    const province = lineage[0];
    const city = regions.cityOf(record.regionCode) ?? province;
    const hasAddress = record.address !== null;
    out.locations.push(
      compact<HsdsLocation>({
        id: locationId,
        location_type: 'physical',
        organization_id: orgId,
        name: record.name,
        description:
          record.location.precision === 'exact' ? '坐标为机构位置' : `坐标仅为${county?.name ?? '区县'}中心点，不是机构的准确位置`,
        latitude: record.location.lat,
        longitude: record.location.lng,
        external_identifier: record.regionCode,
        external_identifier_type: 'GB/T 2260 行政区划代码',
        x_precision: record.location.precision,
        x_address: record.address ?? undefined,
        x_city: hasAddress ? city?.name : undefined,
        x_region: hasAddress ? county?.name : undefined,
        x_state_province: hasAddress ? province?.name : undefined,
      }),
    );
    (record.contact?.phones ?? []).forEach((phone, index) => {
      const ext = /转(\d+)$/.exec(phone.number);
      out.phones.push(
        compact<HsdsPhone>({
          id: uuidV5(`phone:${record.id}:${index}`),
          organization_id: orgId,
          number: ext === null ? phone.number : phone.number.slice(0, ext.index),
          extension: ext === null ? undefined : Number(ext[1]),
          type: 'voice',
          description: phone.label,
        }),
      );
    });
    for (const service of record.services) {
      const key = `${record.id}:${service.mode}`;
      const serviceId = uuidV5(`service:${key}`);
      const salId = uuidV5(`service_at_location:${key}`);
      const fees = [service.fees, service.payment === undefined ? undefined : `支付方式：${service.payment.join('、')}`].filter(
        (x) => x !== undefined,
      );
      out.services.push(
        compact<HsdsService>({
          id: serviceId,
          organization_id: orgId,
          name: service.name ?? `${record.name}·${service.mode}安宁疗护`,
          description: service.offers.length > 0 ? `提供：${service.offers.join('、')}` : `${service.mode}安宁疗护`,
          status: 'active',
          application_process: service.referral,
          fees_description: fees.length > 0 ? fees.join('；') : undefined,
          accreditations:
            designations.length > 0
              ? designations.map((d) => `${d.level}${d.type}${d.note === undefined ? '' : `（${d.note}）`}`).join('；')
              : undefined,
          eligibility_description: service.eligibility,
          assured_date: record.provenance.verifiedAt,
          alert: sample ? SAMPLE_ALERT : undefined,
          x_care_mode: service.mode,
          x_offers: [...service.offers],
          x_payment: nonEmpty(service.payment),
          x_home_care_types: nonEmpty(service.homeCare?.types),
        }),
      );
      out.service_at_locations.push(
        compact<HsdsServiceAtLocation>({ id: salId, service_id: serviceId, location_id: locationId, description: service.homeCare?.note }),
      );
      if (service.hours !== undefined) {
        out.schedules.push({
          id: uuidV5(`schedule:${key}`),
          service_id: serviceId,
          service_at_location_id: salId,
          description: service.hours,
        });
      }
      for (const code of service.homeCare?.coverage ?? []) {
        out.service_areas.push({
          id: uuidV5(`service_area:${key}:${code}`),
          service_id: serviceId,
          name: regions.fullName(code) ?? code,
          x_service_at_location_id: salId,
          x_region_code: code,
        });
      }
    }
  }
  return out;
}

/**
 * schema.org JSON-LD for an institution page (MedicalOrganization, or Hospital for
 * hospitals), stating only what the record really holds: telephone only when a source
 * gives one, geo only for an exact position. Sample records get none (null): search
 * engines must never pick up a demonstration record as a real place.
 */
import type { Institution } from '../../schemas/institution.ts';
import type { RegionIndex } from '../registry/regions.ts';

const HOSPITAL_KINDS: ReadonlySet<string> = new Set(['综合医院', '中医/中西医结合医院', '专科医院']);

export function institutionJsonLd(record: Institution, regions: RegionIndex, pageUrl: string): Record<string, unknown> | null {
  if (record.provenance.kind === 'sample') return null;
  const lineage = regions.lineage(record.regionCode);
  const province = lineage[0]?.name;
  const locality = lineage
    .slice(1)
    .map((r) => r.name)
    .join('');
  const data: Record<string, unknown> = {
    '@context': 'https://schema.org',
    '@type': HOSPITAL_KINDS.has(record.kind) ? 'Hospital' : 'MedicalOrganization',
    name: record.name,
    url: pageUrl,
    address: {
      '@type': 'PostalAddress',
      ...(record.address === null ? {} : { streetAddress: record.address }),
      ...(province === undefined ? {} : { addressRegion: province }),
      ...(locality === '' ? {} : { addressLocality: locality }),
      addressCountry: 'CN',
    },
  };
  if (record.aliases !== undefined) data['alternateName'] = record.aliases;
  const phone = record.contact?.phones?.[0];
  if (phone !== undefined) data['telephone'] = phone.number;
  if (record.location.precision === 'exact')
    data['geo'] = { '@type': 'GeoCoordinates', latitude: record.location.lat, longitude: record.location.lng };
  if (record.contact?.website !== undefined) data['sameAs'] = record.contact.website;
  return data;
}

/** JSON for a <script type="application/ld+json"> block, safe against "</script>". */
export function jsonLdText(data: Record<string, unknown>): string {
  return JSON.stringify(data).replace(/</g, '\\u003c');
}

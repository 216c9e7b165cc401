/**
 * One finder record in the shape the list, the map popup and the shortlist card show.
 */
import { FLAG_EXACT, FLAG_SAMPLE, dayString } from './index-format.ts';
import { modesOf, type FinderData } from './index-data.ts';
import { KIND_LIST, MODES, type CareMode } from './vocab.ts';
import * as routes from '../routes.ts';

export interface RecordView {
  readonly i: number;
  readonly id: string;
  readonly href: string;
  readonly name: string;
  readonly kind: string;
  readonly sample: boolean;
  /** False when the position is only the county centre. */
  readonly exact: boolean;
  readonly modes: readonly CareMode[];
  /** 浙江省杭州市西湖区 / 北京市东城区. */
  readonly place: string;
  readonly address: string | null;
  /** Hospice beds: undefined = the record says nothing, null = unknown. */
  readonly beds: number | null | undefined;
  readonly free: { readonly count: number; readonly asOf: string } | null;
  readonly phones: readonly { readonly label: string; readonly number: string }[];
  readonly website: string | null;
  /** YYYY-MM-DD. */
  readonly verified: string;
}

/** The institution page of a record. */
export const institutionHref = routes.institution;

/** Full region name of a county position: province (+ city) + county. */
export function placeName(data: FinderData, regionIndex: number): string {
  const parts: string[] = [];
  let r = data.regions[regionIndex];
  while (r !== undefined && parts.length < 4) {
    parts.unshift(r.name);
    r = r.parent < 0 ? undefined : data.regions[r.parent];
  }
  return parts.join('');
}

export function recordView(data: FinderData, i: number): RecordView {
  const id = data.ids[i] ?? '';
  const flags = data.flags[i] ?? 0;
  const beds = data.beds[i];
  const phones = data.phones[i];
  const website = data.website[i];
  const address = data.addresses[i];
  return {
    i,
    id,
    href: institutionHref(id),
    name: data.names[i] ?? id,
    kind: KIND_LIST[data.kind[i] ?? 0] ?? '',
    sample: (flags & FLAG_SAMPLE) !== 0,
    exact: (flags & FLAG_EXACT) !== 0,
    modes: modesOf(data, i).map((m) => MODES[m] ?? '住院'),
    place: placeName(data, data.county[i] ?? 0),
    address: address === undefined || address === 0 ? null : address,
    beds: beds === undefined || beds === 0 ? undefined : beds[0],
    free: beds === undefined || beds === 0 || beds.length < 3 ? null : { count: beds[1] ?? 0, asOf: dayString(beds[2] ?? 0) },
    phones: phones === undefined || phones === 0 ? [] : phones.map(([label, number]) => ({ label, number })),
    website: website === undefined || website === 0 ? null : website,
    verified: dayString(data.verified[i] ?? 0),
  };
}

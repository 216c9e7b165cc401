/**
 * Reading GET /api/availability in the browser: fetched once per page, checked field by
 * field (by hand: zod would cost the institution page most of its script budget), and
 * anything malformed left out rather than guessed. A failed fetch gives null, and the
 * pages then show nothing invented: their links to the server-rendered page stay.
 */
import {
  ACCEPTS,
  AVAILABILITY_MODES,
  AVAILABILITY_STATUSES,
  WAITING_BANDS,
  type AvailabilityFeed,
  type AvailabilityMode,
  type PublicModeStatus,
} from './availability.ts';
import * as routes from '../routes.ts';

type Json = Readonly<Record<string, unknown>>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const oneOf = <T extends string>(list: readonly T[], v: unknown): v is T =>
  typeof v === 'string' && (list as readonly string[]).includes(v);
const count = (v: unknown): number | null | undefined =>
  v === null ? null : Number.isInteger(v) && (v as number) >= 0 ? (v as number) : undefined;
const text = (v: unknown): string | null | undefined => (v === null ? null : typeof v === 'string' ? v : undefined);
const time = (v: unknown): v is string => typeof v === 'string' && !Number.isNaN(Date.parse(v));

/** One mode's entry, or undefined when any field is not what the contract says. */
export function readModeStatus(mode: AvailabilityMode, v: unknown): PublicModeStatus | undefined {
  if (!isObject(v)) return undefined;
  const openBeds = count(v['openBeds'] ?? null);
  const freeBeds = count(v['freeBeds'] ?? null);
  const waiting = v['waiting'] ?? null;
  const accepts = v['accepts'] ?? null;
  const area = text(v['area'] ?? null);
  const note = text(v['note'] ?? null);
  if (!oneOf(AVAILABILITY_STATUSES, v['status']) || !oneOf(AVAILABILITY_STATUSES, v['shownStatus'])) return undefined;
  if (openBeds === undefined || freeBeds === undefined || area === undefined || note === undefined) return undefined;
  if (waiting !== null && !oneOf(WAITING_BANDS, waiting)) return undefined;
  if (accepts !== null && !oneOf(ACCEPTS, accepts)) return undefined;
  if (!time(v['reportedAt']) || !time(v['expiresAt']) || typeof v['fresh'] !== 'boolean') return undefined;
  return {
    mode,
    status: v['status'],
    shownStatus: v['shownStatus'],
    openBeds,
    freeBeds,
    waiting,
    accepts,
    area,
    note,
    reportedAt: v['reportedAt'],
    expiresAt: v['expiresAt'],
    fresh: v['fresh'],
  };
}

/** The feed as the pages use it, or null when it is not a feed at all. Malformed entries are dropped. */
export function readAvailabilityFeed(json: unknown): AvailabilityFeed | null {
  if (!isObject(json) || !time(json['generatedAt']) || !isObject(json['institutions'])) return null;
  const institutions: Record<string, Partial<Record<AvailabilityMode, PublicModeStatus>>> = {};
  for (const [id, modes] of Object.entries(json['institutions'])) {
    if (!isObject(modes)) continue;
    const entry: Partial<Record<AvailabilityMode, PublicModeStatus>> = {};
    let any = false;
    for (const mode of AVAILABILITY_MODES) {
      const status = readModeStatus(mode, modes[mode]);
      if (status !== undefined) {
        entry[mode] = status;
        any = true;
      }
    }
    if (any) institutions[id] = entry;
  }
  return { generatedAt: json['generatedAt'], institutions };
}

let once: Promise<AvailabilityFeed | null> | undefined;

/** The feed, fetched once per page (every caller shares the answer); null when it cannot be had. */
export function loadAvailabilityFeed(url: string = routes.apiAvailability): Promise<AvailabilityFeed | null> {
  once ??= fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
    .then(async (response) => {
      if (response.ok) return readAvailabilityFeed(await response.json());
      // Let go of an error page's body, or the connection stays open (and the page never goes idle).
      await response.body?.cancel();
      return null;
    })
    .catch(() => null);
  return once;
}

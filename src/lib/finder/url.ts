/**
 * The finder's state lives in the address bar (/services/?county=330106&mode=住院 …), so a
 * result list can be bookmarked, shared and restored with the back button, and other
 * pages can link to a prepared search with finderUrl(). docs/finder.md lists the parameters.
 */
import {
  DESIGNATION_LIST,
  KIND_LIST,
  MODES,
  MODE_SYNONYMS,
  OFFER_LIST,
  PAYMENT_LIST,
  isIn,
  type CareMode,
  type DesignationType,
  type InstitutionKind,
  type Offer,
  type Payment,
} from './vocab.ts';
import * as routes from '../routes.ts';

export const FINDER_PATH = routes.services;

export interface FinderState {
  /** Chosen city (Zhejiang city code, or 110000 for Beijing), or null. */
  readonly city: string | null;
  /** Chosen county code, or null. Its centre stands in for the family's location. */
  readonly county: string | null;
  /** Use the browser's location (asked for on load). */
  readonly near: boolean;
  /** Text filter on name, aliases and address. */
  readonly q: string;
  /** Care modes: a record matches when it offers any of them. */
  readonly modes: readonly CareMode[];
  /** What is offered: one service must offer all of them. */
  readonly offers: readonly Offer[];
  /** Payment: one service must accept all of them. */
  readonly pays: readonly Payment[];
  /** Institution kinds: any of them. */
  readonly kinds: readonly InstitutionKind[];
  /** Designations: any of them. */
  readonly desigs: readonly DesignationType[];
  /** Only institutions that take volunteers. */
  readonly volunteers: boolean;
  /** Only home care that visits the chosen county. */
  readonly visits: boolean;
  /** Hide sample (demonstration) records. */
  readonly verified: boolean;
  /** Only institutions that report, fresh, that they can take someone now (needs the live feed). */
  readonly accepting: boolean;
  /** Show the map. */
  readonly map: boolean;
  /** Tile override for this visit: 'none' shows the map without any tiles. */
  readonly tiles: 'none' | null;
}

export const EMPTY_STATE: FinderState = {
  city: null,
  county: null,
  near: false,
  q: '',
  modes: [],
  offers: [],
  pays: [],
  kinds: [],
  desigs: [],
  volunteers: false,
  visits: false,
  verified: false,
  accepting: false,
  map: false,
  tiles: null,
};

const CODE = /^\d{6}$/;
const MAX_QUERY = 60;
const TRUE = new Set(['1', 'true', 'yes', 'on']);

/** Values of a repeatable parameter; "a,b" and repeated "x=a&x=b" both work. */
function many(params: URLSearchParams, name: string): string[] {
  return params
    .getAll(name)
    .flatMap((v) => v.split(/[,，、]/))
    .map((v) => v.trim())
    .filter((v) => v !== '');
}

/** Keep known values, once each, in vocabulary order (so equal states give equal URLs). */
function known<T extends string>(list: readonly T[], values: readonly string[]): T[] {
  return list.filter((item) => values.includes(item));
}

const flag = (params: URLSearchParams, name: string) => TRUE.has((params.get(name) ?? '').toLowerCase());

/** Read the finder state from a query string; unknown or malformed values are dropped. */
export function parseFinderParams(input: URLSearchParams | string): FinderState {
  const params = typeof input === 'string' ? new URLSearchParams(input) : input;
  const code = (name: string) => {
    const value = (params.get(name) ?? '').trim();
    return CODE.test(value) ? value : null;
  };
  const map = (params.get('map') ?? '').toLowerCase();
  const modes = many(params, 'mode').map((m) => MODE_SYNONYMS[m] ?? MODE_SYNONYMS[m.toLowerCase()] ?? m);
  return {
    city: code('city'),
    county: code('county'),
    near: (params.get('near') ?? '').toLowerCase() === 'me',
    q: (params.get('q') ?? '').trim().slice(0, MAX_QUERY),
    modes: known(MODES, modes),
    offers: known(OFFER_LIST, many(params, 'offer')),
    pays: known(PAYMENT_LIST, many(params, 'pay')),
    kinds: known(KIND_LIST, many(params, 'kind')),
    desigs: known(DESIGNATION_LIST, many(params, 'desig')),
    volunteers: flag(params, 'vol'),
    visits: flag(params, 'visits'),
    verified: flag(params, 'verified'),
    accepting: flag(params, 'accepting'),
    map: TRUE.has(map) || map === 'none',
    tiles: map === 'none' || (params.get('tiles') ?? '').toLowerCase() === 'none' ? 'none' : null,
  };
}

/** The query string for a state, parameters in a fixed order, defaults left out. */
export function finderParams(state: Partial<FinderState>): URLSearchParams {
  const s: FinderState = { ...EMPTY_STATE, ...state };
  const params = new URLSearchParams();
  if (s.city !== null && CODE.test(s.city)) params.set('city', s.city);
  if (s.county !== null && CODE.test(s.county)) params.set('county', s.county);
  if (s.near) params.set('near', 'me');
  const q = s.q.trim().slice(0, MAX_QUERY);
  if (q !== '') params.set('q', q);
  for (const m of known(MODES, s.modes)) params.append('mode', m);
  for (const o of known(OFFER_LIST, s.offers)) params.append('offer', o);
  for (const p of known(PAYMENT_LIST, s.pays)) params.append('pay', p);
  for (const k of known(KIND_LIST, s.kinds)) params.append('kind', k);
  for (const d of known(DESIGNATION_LIST, s.desigs)) params.append('desig', d);
  if (s.volunteers) params.set('vol', '1');
  if (s.visits) params.set('visits', '1');
  if (s.verified) params.set('verified', '1');
  if (s.accepting) params.set('accepting', '1');
  if (s.map) params.set('map', '1');
  if (s.tiles === 'none') params.set('tiles', 'none');
  return params;
}

/**
 * Link to the finder with a prepared search, e.g.
 * finderUrl({ county: '330106', modes: ['住院'] }) → '/services/?county=330106&mode=%E4%BD%8F%E9%99%A2'.
 */
export function finderUrl(state: Partial<FinderState> = {}): string {
  const query = finderParams(state).toString();
  return query === '' ? FINDER_PATH : `${FINDER_PATH}?${query}`;
}

/** Number of filters in use (place, text and map excluded), for the "筛选（N）" label. */
export function activeFilterCount(state: FinderState): number {
  return (
    state.modes.length +
    state.offers.length +
    state.pays.length +
    state.kinds.length +
    state.desigs.length +
    (state.volunteers ? 1 : 0) +
    (state.visits ? 1 : 0) +
    (state.verified ? 1 : 0) +
    (state.accepting ? 1 : 0)
  );
}

/** The same state with every filter cleared (place, map and text kept unless asked). */
export function clearFilters(state: FinderState, alsoText = false): FinderState {
  return {
    ...state,
    modes: [],
    offers: [],
    pays: [],
    kinds: [],
    desigs: [],
    volunteers: false,
    visits: false,
    verified: false,
    accepting: false,
    q: alsoText ? '' : state.q,
  };
}

/** Add or remove one value of a list filter, keeping vocabulary order. */
export function toggleIn<T extends string>(list: readonly T[], values: readonly T[], value: T): T[] {
  const next = values.includes(value) ? values.filter((v) => v !== value) : [...values, value];
  return list.filter((item) => next.includes(item));
}

export { isIn };

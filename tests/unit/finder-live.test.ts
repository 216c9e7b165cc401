/**
 * The finder with live statuses applied (src/lib/finder/live.ts and the "现在可接收" criterion
 * of filter.ts), on the real registry's index with a feed made here: what the filter keeps,
 * how it combines with the mode filter, that expired and full reports never pass, that it
 * narrows nothing without usable live data, and the badge of a result.
 */
import { describe, expect, it } from 'vitest';
import { translator } from '../../src/i18n/island.ts';
import { pickStrings } from '../../src/i18n/pick.ts';
import { loadRegistry } from '../../src/lib/registry/load.ts';
import { buildFinderIndex } from '../../src/lib/finder/index-build.ts';
import { decodeFinderIndex, type FinderData } from '../../src/lib/finder/index-data.ts';
import { compileCriteria, filterRecords, liveFilterUsable, orderRecords } from '../../src/lib/finder/filter.ts';
import { applyFeed, recordBadge, type FinderLive } from '../../src/lib/finder/live.ts';
import { EMPTY_STATE, type FinderState } from '../../src/lib/finder/url.ts';
import {
  publicStatus,
  type AvailabilityFeed,
  type AvailabilityMode,
  type AvailabilityStatus,
  type PublicModeStatus,
} from '../../src/lib/network/availability.ts';
import { TODAY } from './registry-helpers.ts';

const t = translator(pickStrings(['live.']));
const NOW = new Date('2026-12-05T06:30:00Z');
const registry = loadRegistry({ today: TODAY });
const data: FinderData = decodeFinderIndex(buildFinderIndex(registry.records, registry.regions));
const real = registry.records.filter((r) => r.provenance.kind !== 'sample');
const offering = (mode: AvailabilityMode) => real.filter((r) => r.services.some((s) => s.mode === mode));

function status(mode: AvailabilityMode, s: AvailabilityStatus, expired = false): PublicModeStatus {
  return publicStatus(
    {
      mode,
      status: s,
      openBeds: 10,
      freeBeds: s === '有空位' ? 2 : 0,
      waiting: null,
      accepts: null,
      area: null,
      note: null,
      reportedAt: '2026-12-05T01:00:00Z',
      expiresAt: expired ? '2026-12-05T06:00:00Z' : '2026-12-06T01:00:00Z',
    },
    NOW,
  );
}

// Four real inpatient institutions and one that reports only on its outpatient clinic.
const [open, tight, full, stale] = offering('住院');
const clinicOnly = offering('门诊').find((r) => ![open, tight, full, stale].includes(r));
if (!open || !tight || !full || !stale || !clinicOnly) throw new Error('the registry needs five real institutions for this test');
const feed: AvailabilityFeed = {
  generatedAt: NOW.toISOString(),
  institutions: {
    [open.id]: { 住院: status('住院', '有空位') },
    [tight.id]: { 住院: status('住院', '紧张'), 门诊: status('门诊', '暂停接收') },
    [full.id]: { 住院: status('住院', '已满可登记等候') },
    [stale.id]: { 住院: status('住院', '有空位', true) },
    [clinicOnly.id]: { 门诊: status('门诊', '有空位') },
    'not-in-the-registry': { 住院: status('住院', '有空位') },
  },
};

function ids(state: Partial<FinderState>, live: FinderLive | null): string[] {
  const criteria = compileCriteria({ ...EMPTY_STATE, ...state }, -1, live);
  return Array.from(filterRecords(data, criteria, orderRecords(data, null)), (i) => data.ids[i] ?? '').sort();
}

describe('"现在可接收" with live statuses', () => {
  const live = applyFeed(data, feed, NOW);

  it('keeps only records with a fresh report that can take someone (有空位, 紧张, 需先评估)', () => {
    expect(ids({ accepting: true }, live)).toEqual([open.id, tight.id, clinicOnly.id].sort());
  });

  it('never lets a full or expired report through', () => {
    const kept = ids({ accepting: true }, live);
    expect(kept).not.toContain(full.id);
    expect(kept).not.toContain(stale.id);
  });

  it('with modes chosen, the mode that can take someone must be one of them', () => {
    expect(ids({ accepting: true, modes: ['住院'] }, live)).toEqual([open.id, tight.id].sort());
    expect(ids({ accepting: true, modes: ['门诊'] }, live)).toEqual([clinicOnly.id]);
  });

  it('counts the records of the index that reported, ignoring ids it does not hold', () => {
    expect(live.reported).toBe(5);
  });

  it('a report that expires while the page is open drops out when the statuses are read again', () => {
    const later = applyFeed(data, feed, new Date('2026-12-06T02:00:00Z'), live);
    expect(ids({ accepting: true }, later)).toEqual([]);
    // Read again with nothing changed: the same mask, so the list is not filtered again.
    expect(applyFeed(data, feed, new Date(NOW.getTime() + 60_000), live).accepting).toBe(live.accepting);
  });

  it('narrows nothing without the feed, or when nobody has reported (the filter says why instead)', () => {
    const all = ids({}, null);
    expect(ids({ accepting: true }, null)).toEqual(all);
    const nobody = applyFeed(data, { generatedAt: NOW.toISOString(), institutions: {} }, NOW);
    expect(liveFilterUsable(nobody)).toBe(false);
    expect(ids({ accepting: true }, nobody)).toEqual(all);
    expect(liveFilterUsable(live)).toBe(true);
  });
});

describe('the badge of a result', () => {
  const live = applyFeed(data, feed, NOW);
  const at = (id: string) => data.idIndex.get(id) ?? -1;

  it('shows the main mode’s shown status and time', () => {
    expect(recordBadge(data, live, at(tight.id), t)).toEqual({
      text: '住院病床：紧张（更新于今天 09:00，请致电确认）',
      tone: 'limited',
      reported: true,
    });
    expect(recordBadge(data, live, at(stale.id), t)?.text).toBe('住院病床：未知（最近一次更新是今天 09:00，请先致电确认）');
  });

  it('says when a real institution has not reported, and nothing for samples or without the feed', () => {
    const silent = real.find((r) => feed.institutions[r.id] === undefined);
    const sample = registry.records.find((r) => r.provenance.kind === 'sample');
    expect(recordBadge(data, live, at(silent?.id ?? ''), t)?.text).toBe('还没有上报现在的接收情况');
    expect(recordBadge(data, live, at(sample?.id ?? ''), t)).toBeNull();
    expect(recordBadge(data, null, at(open.id), t)).toBeNull();
  });
});

/**
 * The console's side of referrals against the real registry: who may refer from where
 * (real institutions they serve; never a sample, never commission staff), what a destination
 * choice stands for (one real institution, or every real institution of a county listing
 * the mode, never the origin itself), and the capacity the referrer sees first, fresh or
 * expired, on both engines.
 */
import { expect, it } from 'vitest';
import { formReference, type InstitutionInfo } from '../../src/lib/forms/reference-data.ts';
import type { StaffPrincipal } from '../../src/lib/network/roles.ts';
import { appendReport } from '../../src/server/network/availability.ts';
import {
  capacityOf,
  destinationGroups,
  poolValue,
  referringInstitutions,
  resolveDestinations,
} from '../../src/server/network/referral-console.ts';
import { forEachEngine } from '../helpers/engines.ts';

const reference = formReference();
const principal = (grants: StaffPrincipal['grants']): StaffPrincipal => ({
  userId: 'u',
  username: 'u',
  displayName: 'u',
  grants,
  twoFactorEnabled: true,
});
const ids = (list: readonly InstitutionInfo[]) => list.map((i) => i.id).sort();

it('refers from the real institutions a person serves; not from a sample, not as commission staff', () => {
  expect(ids(referringInstitutions(principal([{ role: 'staff', institution: 'bj-pumch' }]), reference))).toEqual(['bj-pumch']);
  expect(referringInstitutions(principal([{ role: 'manager', institution: 'sample-330106' }]), reference)).toEqual([]);
  expect(referringInstitutions(principal([{ role: 'commission', region: '110000' }]), reference)).toEqual([]);
});

it('resolves a county to every real institution there that lists the mode, without the origin', () => {
  const pool = resolveDestinations(reference, 'bj-longfu', poolValue('110101'), '住院');
  expect(pool.ok && ids(pool.destinations)).toEqual(['bj-gulou-tcm', 'bj-sixth-hospital']);
  expect(pool.ok && pool.poolCounty).toBe('110101');
  // 北京协和医院 lists no ward, 北京医院 no modes yet: neither receives a ward referral sent to the district.
  expect(resolveDestinations(reference, 'bj-pumch', poolValue('110101'), '住院')).toMatchObject({ ok: true });
  expect(resolveDestinations(reference, 'bj-tsinghua-changgung', poolValue('110114'), '居家')).toEqual({ ok: false, why: 'emptyPool' });
});

it('resolves one institution, refusing the origin itself, an unknown id and a sample', () => {
  const one = resolveDestinations(reference, 'bj-pumch', 'bj-tsinghua-changgung', '居家');
  expect(one.ok && ids(one.destinations)).toEqual(['bj-tsinghua-changgung']);
  expect(one.ok && one.poolCounty).toBeNull();
  expect(resolveDestinations(reference, 'bj-pumch', 'bj-pumch', '住院')).toEqual({ ok: false, why: 'unknown' });
  expect(resolveDestinations(reference, 'bj-pumch', 'bj-nowhere', '住院')).toEqual({ ok: false, why: 'unknown' });
  expect(resolveDestinations(reference, 'bj-pumch', 'sample-330106', '住院')).toEqual({ ok: false, why: 'sample' });
});

it('offers every real institution but the origin, and a whole-county choice per county', () => {
  const groups = destinationGroups(reference, 'bj-pumch', (c) => `pool ${c}`, 'pools');
  const values = groups.flatMap((g) => g.choices.map((c) => c.value));
  expect(values).not.toContain('bj-pumch');
  expect(values.some((v) => v.startsWith('sample-'))).toBe(false);
  expect(values).toContain('bj-tsinghua-changgung');
  expect(groups.at(-1)?.label).toBe('pools');
  expect(groups.at(-1)?.choices).toContainEqual({ value: 'county:110114', label: 'pool 110114' });
});

forEachEngine((_engine, { openFresh }) => {
  it('shows the destination’s current report for the mode: fresh, expired (not fresh, its time kept) or none', async () => {
    const db = await openFresh();
    const t0 = new Date('2026-12-01T00:00:00Z');
    const input = {
      status: '有空位',
      openBeds: 10,
      freeBeds: 2,
      waiting: null,
      accepts: null,
      area: null,
      note: null,
      expiryHours: 24,
    } as const;
    await appendReport(db, { institution: 'bj-tsinghua-changgung', county: '110114', actor: 'a', now: t0 }, '居家', input);
    await appendReport(db, { institution: 'bj-gulou-tcm', county: '110101', actor: 'a', now: t0 }, '住院', input);
    const infos = ['bj-tsinghua-changgung', 'bj-gulou-tcm', 'bj-longfu'].map((id) => reference.institutionById.get(id)!);
    const seen = await capacityOf(db, infos, '居家', new Date('2026-12-01T12:00:00Z'));
    expect(seen.map((c) => [c.info.id, c.report?.status, c.fresh, c.listed])).toEqual([
      ['bj-tsinghua-changgung', '有空位', true, true],
      ['bj-gulou-tcm', undefined, false, false],
      ['bj-longfu', undefined, false, false],
    ]);
    const later = await capacityOf(db, infos.slice(0, 1), '居家', new Date('2026-12-02T01:00:00Z'));
    expect(later[0]).toMatchObject({ fresh: false, report: { reportedAt: t0.toISOString() } });
  });
});

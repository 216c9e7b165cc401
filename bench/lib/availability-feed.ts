/**
 * A synthetic GET /api/availability answer for the benchmark: a status for every record of
 * a finder index (the synthetic registries are all samples, which the real endpoint leaves
 * out, but the finder lays the feed over the index by id alone), so the filter-update figure
 * "with live statuses" makes the finder read a status for each of the 10 000 records.
 * Seeded: every run serves the same feed. About a quarter of the reports have expired, the
 * rest spread over the statuses, so 现在可接收 keeps some records and drops others.
 */
import {
  AVAILABILITY_STATUSES,
  publicStatus,
  type AvailabilityFeed,
  type AvailabilityMode,
  type PublicModeStatus,
} from '../../src/lib/network/availability.ts';

export function syntheticFeed(ids: readonly string[], now: Date, seed = 11): AvailabilityFeed {
  let s = seed;
  const rand = () => (s = (s * 16807) % 2147483647) / 2147483647;
  const hour = 3_600_000;
  const report = (mode: AvailabilityMode): PublicModeStatus => {
    const reported = now.getTime() - Math.floor(rand() * 48) * hour;
    const status = AVAILABILITY_STATUSES[Math.floor(rand() * (AVAILABILITY_STATUSES.length - 1))] ?? '有空位';
    return publicStatus(
      {
        mode,
        status,
        openBeds: 20,
        freeBeds: status === '有空位' ? 3 : 0,
        waiting: '一周内',
        accepts: '家属可直接咨询',
        area: null,
        note: null,
        reportedAt: new Date(reported).toISOString(),
        expiresAt: new Date(reported + 24 * hour).toISOString(),
      },
      now,
    );
  };
  const institutions: Record<string, Partial<Record<AvailabilityMode, PublicModeStatus>>> = {};
  for (const id of ids) institutions[id] = rand() < 0.5 ? { 住院: report('住院') } : { 住院: report('住院'), 居家: report('居家') };
  return { generatedAt: now.toISOString(), institutions };
}

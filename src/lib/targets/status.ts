/**
 * The three statuses a target or a region can have, and the rule for each kind of
 * target: counted records against the goal, with undetermined records able to turn
 * 尚未达成 into 数据不足 but never into 达成.
 */

export const TARGET_STATUSES = ['met', 'not-met', 'insufficient'] as const;
/** met = 达成, not-met = 尚未达成, insufficient = 数据不足. */
export type TargetStatus = (typeof TARGET_STATUSES)[number];

/** Status of one region for "at least `min` records": met, insufficient (undetermined could make it), not-met. */
export function coverageStatus(counted: number, undetermined: number, min: number): TargetStatus {
  if (counted >= min) return 'met';
  if (counted + undetermined >= min) return 'insufficient';
  return 'not-met';
}

/** Status of a share: without a denominator it cannot be known. */
export function shareStatus(counted: number, undetermined: number, denominator: number | null, minShare: number): TargetStatus {
  if (denominator === null) return 'insufficient';
  // A region with none of these institutions has nothing left to cover.
  if (denominator === 0) return 'met';
  if (counted / denominator >= minShare) return 'met';
  if ((counted + undetermined) / denominator >= minShare) return 'insufficient';
  return 'not-met';
}

/** Status of "every region …": not-met if any region is, else insufficient if any is, else met. */
export function everyStatus(statuses: readonly TargetStatus[]): TargetStatus {
  if (statuses.includes('not-met')) return 'not-met';
  if (statuses.includes('insufficient')) return 'insufficient';
  return 'met';
}

/** Status of the province-wide bed target. */
export function bedsStatus(knownBeds: number, unknownRecords: number, min: number): TargetStatus {
  if (knownBeds >= min) return 'met';
  return unknownRecords > 0 ? 'insufficient' : 'not-met';
}

/** How many regions have each status. */
export function tally(statuses: readonly TargetStatus[]): Tally {
  return {
    regions: statuses.length,
    met: statuses.filter((s) => s === 'met').length,
    notMet: statuses.filter((s) => s === 'not-met').length,
    insufficient: statuses.filter((s) => s === 'insufficient').length,
  };
}

export interface Tally {
  readonly regions: number;
  readonly met: number;
  readonly notMet: number;
  readonly insufficient: number;
}

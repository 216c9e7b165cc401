/** How the target tracker words its figures: percentages and whether a deadline has passed. */

/** A share as a whole-number percentage, e.g. 0.5 → "50%" (one decimal below 10%). */
export function formatPercent(share: number): string {
  const pct = share * 100;
  return `${pct < 10 && pct > 0 ? pct.toFixed(1).replace(/\.0$/, '') : Math.round(pct)}%`;
}

/**
 * Whether a target's year has passed on the day the figures were computed (YYYY-MM-DD).
 * 「到2025年」 runs to the end of 2025, so the deadline passes on 1 January 2026.
 */
export function deadlinePassed(deadline: number, computedOn: string): boolean {
  return Number(computedOn.slice(0, 4)) > deadline;
}

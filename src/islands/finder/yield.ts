/**
 * Giving the main thread back between pieces of the finder's first render, so that no
 * single task holds up a tap for long (Lighthouse counts every task over 50 ms on a slow
 * phone as blocking time; docs/performance.md, "The finder's blocking time").
 */

interface Scheduler {
  yield?: () => Promise<void>;
}

/** Let waiting input and rendering run, then continue: `scheduler.yield()` where there is one, else a zero timer. */
export function yieldToMain(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: Scheduler }).scheduler;
  if (typeof scheduler?.yield === 'function') return scheduler.yield();
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * Where the next step of a list built in steps ends: whole groups (`sizes`: items per group),
 * from group `from`, until at least `perStep` items have been added or the groups run out.
 */
export function stepEnd(sizes: readonly number[], from: number, perStep: number): number {
  let end = from;
  for (let added = 0; end < sizes.length && added < perStep; end++) added += sizes[end] ?? 0;
  return end;
}

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

/**
 * Writes the finder's address after the screen has updated, not during a filter change.
 *
 * history.pushState / replaceState cost several milliseconds in Chromium (a round trip to the
 * browser process), which made every tick of a filter slow to show. The writer queues the
 * change and applies it once the page is idle, with the same history entries the immediate
 * calls would have made: each 'push' still adds an entry (so Back undoes it), a 'replace'
 * still rewrites the newest one, and the address always ends up matching the state.
 */
export type HistoryMode = 'push' | 'replace';

type HistoryLike = Pick<History, 'pushState' | 'replaceState'>;

export interface UrlWriter {
  /** Queue an address for the finder state just set (skipped when it is already the address). */
  write(url: string, how: HistoryMode): void;
  /**
   * Forget what is queued: the person moved through history (Back / Forward) before it was
   * written, and the entry they arrived at wins; writing it now would cut off Forward.
   */
  drop(): void;
}

/**
 * history: where entries go. current: the address now (path and query). schedule: runs the
 * flush later (when the browser is idle; by hand in tests).
 */
export function createUrlWriter(history: HistoryLike, current: () => string, schedule: (flush: () => void) => void): UrlWriter {
  /** Rewrites the entry we are on, before any push. */
  let replaceCurrent: string | null = null;
  /** New entries, oldest first (a 'replace' after a push rewrites the last of them). */
  let pushes: string[] = [];
  /** The address once the queue is written. */
  let latest: string | null = null;
  let scheduled = false;

  const flush = () => {
    scheduled = false;
    if (replaceCurrent !== null) history.replaceState(null, '', replaceCurrent);
    for (const url of pushes) history.pushState(null, '', url);
    replaceCurrent = null;
    pushes = [];
    latest = null;
  };

  return {
    write(url, how) {
      if (url === (latest ?? current())) return;
      if (how === 'push') pushes.push(url);
      else if (pushes.length > 0) pushes[pushes.length - 1] = url;
      else replaceCurrent = url;
      latest = url;
      if (!scheduled) {
        scheduled = true;
        schedule(flush);
      }
    },
    drop() {
      replaceCurrent = null;
      pushes = [];
      latest = null;
    },
  };
}

/**
 * When the page is idle after the update: the history call then holds up neither the paint
 * nor the next tap. The timeout bounds the wait on a busy page (the map loading markers).
 * Without requestIdleCallback (Safari): after the next frame, with a timer for hidden tabs,
 * where frames stop.
 */
export function whenIdle(run: () => void): void {
  if (typeof window.requestIdleCallback === 'function') {
    window.requestIdleCallback(run, { timeout: 300 });
    return;
  }
  let done = false;
  const once = () => {
    if (done) return;
    done = true;
    run();
  };
  window.requestAnimationFrame(() => window.setTimeout(once, 0));
  window.setTimeout(once, 300);
}

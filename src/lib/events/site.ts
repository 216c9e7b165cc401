/**
 * The events of this build as pages list them: loaded and validated (load.ts), with their
 * places and organisers (listing.ts). "Now" is the build's time: a static page says
 * 即将举行 for what was upcoming when the site was built, which is why the site is rebuilt
 * daily (docs/events.md).
 */
import { loadRegistry } from '../registry/load.ts';
import { loadEvents } from './load.ts';
import { viewEvents, type EventView } from './listing.ts';

let memo: { readonly now: Date; readonly views: readonly EventView[] } | undefined;

/** Every shown event (samples per src/lib/samples.ts), as views at the build's time. */
export function siteEvents(): readonly EventView[] {
  if (memo === undefined) {
    const now = new Date();
    const { records, regions } = loadRegistry();
    memo = { now, views: viewEvents(loadEvents(), records, regions, now) };
  }
  return memo.views;
}

/**
 * The institution page's "现在的接收情况": after load, one fetch of GET
 * /api/availability?institution=<id> fills the live area of the section that LiveAvailability.astro rendered. Without
 * JavaScript, or when the fetch fails, the section's link to the server-rendered page is
 * all there is; nothing is invented. Once a minute the area is checked against the clock,
 * so a report that expires while the page is open falls to 未知 (and only a change is
 * written, so the polite live region speaks only when something changed).
 */
import { translator, type IslandStrings } from '../i18n/island.ts';
import { liveState, modeLines, pageModes } from '../lib/network/availability-display.ts';
import { loadAvailabilityFeed } from '../lib/network/availability-feed.ts';
import { apiAvailability } from '../lib/routes.ts';
import { AVAILABILITY_MODES, type AvailabilityFeed, type AvailabilityMode } from '../lib/network/availability.ts';

function element(tag: string, className: string, text: string): HTMLElement {
  const el = document.createElement(tag);
  el.className = className;
  el.textContent = text;
  return el;
}

/** The area's content for `feed` at `now` (null: the feed could not be read). */
function render(box: HTMLElement, feed: AvailabilityFeed | null, now: Date): HTMLElement {
  const t = translator(JSON.parse(box.dataset['strings'] ?? '{}') as IslandStrings);
  const offered = (JSON.parse(box.dataset['modes'] ?? '[]') as string[]).filter((m): m is AvailabilityMode =>
    (AVAILABILITY_MODES as readonly string[]).includes(m),
  );
  const out = document.createElement('div');
  const reported = feed?.institutions[box.dataset['id'] ?? ''];
  if (feed === null) out.append(element('p', 'live-note', t('live.failed')));
  else if (reported === undefined) out.append(element('p', 'live-note', t('live.never')));
  else {
    const list = document.createElement('ul');
    list.className = 'live-modes';
    for (const mode of pageModes(offered, reported)) {
      const lines = modeLines(mode, liveState(reported[mode], now), now, t);
      const item = document.createElement('li');
      item.className = `live-mode live-mode--${lines.tone}`;
      item.append(element('p', 'live-mode__status', lines.heading));
      for (const line of lines.details) item.append(element('p', 'live-mode__detail', line));
      if (lines.time !== null) item.append(element('p', 'live-mode__time', lines.time));
      list.append(item);
    }
    out.append(list);
  }
  return out;
}

const boxes = [...document.querySelectorAll<HTMLElement>('[data-live-availability]')];
if (boxes.length > 0) {
  // One institution's page asks for that institution alone (a few hundred bytes, not the whole country's feed).
  const only = boxes.length === 1 ? boxes[0]?.dataset['id'] : undefined;
  void loadAvailabilityFeed(only === undefined ? undefined : `${apiAvailability}?institution=${encodeURIComponent(only)}`).then((feed) => {
    const fill = () => {
      for (const box of boxes) {
        const area = box.querySelector<HTMLElement>('[data-live-area]');
        if (area === null) continue;
        const next = render(box, feed, new Date());
        if (area.innerHTML !== next.innerHTML) area.replaceChildren(...next.childNodes);
        box.dataset['liveState'] = feed === null ? 'failed' : 'ready';
      }
    };
    fill();
    if (feed !== null) setInterval(fill, 60_000);
  });
}

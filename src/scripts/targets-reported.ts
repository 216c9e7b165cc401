/**
 * /targets/: fills the "机构自报的床位数" boxes (ReportedBeds.astro) after load. A province's
 * total comes from the county aggregate (/data/availability/counties.json), each centre's
 * figure from GET /api/availability; each fetched once. Without them the boxes keep their
 * links and say nothing more; with nothing reported they say 暂无机构上报.
 */
import { translator, type IslandStrings, type Translate } from '../i18n/island.ts';
import { chinaTime, liveState } from '../lib/network/availability-display.ts';
import { loadAvailabilityFeed } from '../lib/network/availability-feed.ts';
import { readCountiesFile, type AvailabilityAggregate } from '../lib/network/availability-counties.ts';
import * as routes from '../lib/routes.ts';

const boxes = [...document.querySelectorAll<HTMLElement>('[data-reported-beds]')];
const strings = (box: HTMLElement): Translate => translator(JSON.parse(box.dataset['strings'] ?? '{}') as IslandStrings);

function fillTotal(box: HTMLElement, file: AvailabilityAggregate | null, now: Date): void {
  const area = box.querySelector<HTMLElement>('[data-reported-area]');
  if (area === null) return;
  const t = strings(box);
  const scope = box.dataset['scopeName'] ?? '';
  const p = document.createElement('p');
  if (file === null) p.textContent = t('targets.reported.failed');
  else {
    const sum = file.provinces.find((a) => a.code === box.dataset['scope']);
    const computed = t('targets.reported.computed', { time: chinaTime(file.computedAt, now, t) });
    let text: string;
    if (sum === undefined || sum.reporting === 0) text = t('targets.reported.none');
    else if (sum.openBeds === null) text = t('targets.reported.totalNoBeds', { scope, reporting: sum.reporting });
    else {
      text = t('targets.reported.total', { scope, open: sum.openBeds, reports: sum.bedReports });
      if (sum.freeBeds !== null) text += t('targets.reported.totalFree', { free: sum.freeBeds });
    }
    p.textContent = `${text}${computed}`;
  }
  area.replaceChildren(p);
}

async function fillCentres(box: HTMLElement): Promise<void> {
  const feed = await loadAvailabilityFeed();
  if (feed === null) return; // the links to each centre's page stay; nothing is invented
  const t = strings(box);
  const now = new Date();
  for (const item of box.querySelectorAll<HTMLElement>('[data-centre]')) {
    const fill = item.querySelector<HTMLElement>('[data-fill]');
    if (fill === null) continue;
    const state = liveState(feed.institutions[item.dataset['centre'] ?? '']?.住院, now);
    let text: string;
    if (state.kind === 'fresh') {
      const time = chinaTime(state.report.reportedAt, now, t);
      text =
        state.report.openBeds === null
          ? t('targets.reported.centreNoBeds', { time })
          : t('targets.reported.centreBeds', { open: state.report.openBeds, time });
    } else if (state.kind === 'expired') text = t('targets.reported.centreExpired', { time: chinaTime(state.report.reportedAt, now, t) });
    else text = t('targets.reported.centreNone');
    fill.textContent = `：${text}`;
  }
}

const totals = boxes.filter((b) => b.dataset['kind'] === 'total');
if (totals.length > 0) {
  void fetch(routes.availabilityCountiesData('json'), { credentials: 'same-origin' })
    .then(async (r) => {
      if (r.ok) return readCountiesFile(await r.json());
      await r.body?.cancel();
      return null;
    })
    .catch(() => null)
    .then((file) => {
      for (const box of totals) fillTotal(box, file, new Date());
    });
}
for (const box of boxes.filter((b) => b.dataset['kind'] === 'each')) void fillCentres(box);

/**
 * /targets/: fills the unmet-demand box (UnmetDemand.astro) after load with the most recent
 * lines of /data/unmet-demand/weekly.json. Without the file the box keeps its links and
 * says so; nothing is invented.
 */
import { translator, type IslandStrings } from '../i18n/island.ts';
import { cellLine, type LedgerFile } from '../lib/network/ledger.ts';
import * as routes from '../lib/routes.ts';

const SHOWN = 12;

async function fill(box: HTMLElement): Promise<void> {
  const area = box.querySelector<HTMLElement>('[data-unmet-area]');
  if (area === null) return;
  const t = translator(JSON.parse(box.dataset['strings'] ?? '{}') as IslandStrings);
  let file: LedgerFile | null = null;
  try {
    const response = await fetch(routes.unmetDemandData('json'));
    if (response.ok) file = (await response.json()) as LedgerFile;
  } catch {
    file = null;
  }
  const p = document.createElement('p');
  if (file === null) {
    p.textContent = t('targets.unmet.failed');
    area.replaceChildren(p);
    return;
  }
  if (file.cells.length === 0) {
    p.textContent = t('targets.unmet.none', { weeks: file.weeks });
    area.replaceChildren(p);
    return;
  }
  p.textContent = t('targets.unmet.caption', { weeks: file.weeks });
  const list = document.createElement('ul');
  list.className = 'unmet-list';
  for (const cell of file.cells.slice(0, SHOWN)) {
    const li = document.createElement('li');
    li.textContent = cellLine(cell);
    list.append(li);
  }
  area.replaceChildren(p, list);
}

for (const box of document.querySelectorAll<HTMLElement>('[data-unmet-demand]')) void fill(box);

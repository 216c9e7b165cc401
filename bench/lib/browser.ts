/**
 * Browser measurements for the benchmark, in Chromium through Playwright, against the real
 * server (`node scripts/start.ts --no-build`) serving one build: search (bytes fetched per
 * query, latency), finder (data size, first result list, filter updates) and the map
 * (all markers clustered). Times come from the page's own clock (Performance API).
 */
import { chromium, type Browser, type BrowserContext, type Page, type Response } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from '../../scripts/find-chromium.ts';
import { startBuiltServer } from '../../scripts/lib/built-server.ts';
import { syntheticFeed } from './availability-feed.ts';
import { ALL_AT_ONCE } from '../../src/lib/finder/parts.ts';

export async function launchChromium(): Promise<Browser> {
  const executablePath = findChromium();
  return chromium.launch({ ...(executablePath !== undefined ? { executablePath } : {}), args: [...CHROMIUM_ARGS] });
}

export const newContext = (browser: Browser): Promise<BrowserContext> =>
  browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1280, height: 900 } });

export interface Served {
  readonly base: string;
  stop(): Promise<void>;
}

/** Serves a build the way the end-to-end tests do, on a free port, with a throwaway DATA_DIR. */
export async function serveBuild(distDir: string): Promise<Served> {
  const server = await startBuiltServer({
    distDir,
    host: 'localhost',
    timeoutMs: 120_000,
    // Consultation requests need DATA_KEY; the benchmarks measure other things.
    env: { RATE_LIMIT_PER_MINUTE: '100000', MIN_FILL_MS: '0', CONSULTATIONS: 'off' },
  });
  return { base: server.url, stop: () => server.stop() };
}

export interface Stats {
  readonly n: number;
  readonly median: number;
  readonly p95: number;
  readonly max: number;
}

/** Median and 95th percentile (nearest rank). */
export function stats(values: readonly number[]): Stats {
  const s = [...values].sort((a, b) => a - b);
  const rank = (p: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))] ?? Number.NaN;
  const median =
    s.length === 0
      ? Number.NaN
      : s.length % 2 === 1
        ? (s[(s.length - 1) / 2] ?? 0)
        : ((s[s.length / 2 - 1] ?? 0) + (s[s.length / 2] ?? 0)) / 2;
  return { n: s.length, median, p95: rank(0.95), max: s.at(-1) ?? Number.NaN };
}

/**
 * Records, for every response whose address passes `filter`, the body bytes as they came
 * over the wire (compressed where the server compressed them: Chromium's encoded body
 * size) and as the page read them (decoded).
 */
function countBytes(
  page: Page,
  filter: (url: string) => boolean,
): { served: number; decoded: number; files: number; settle(): Promise<void> } {
  const pending: Promise<void>[] = [];
  const totals = {
    served: 0,
    decoded: 0,
    files: 0,
    settle: async () => {
      await Promise.all(pending);
    },
  };
  page.on('response', (response) => {
    if (!filter(response.url())) return;
    pending.push(
      (async () => {
        const body = await response.body();
        const { responseBodySize } = await response.request().sizes();
        totals.served += responseBodySize;
        totals.decoded += body.length;
        totals.files += 1;
      })().catch(() => undefined),
    );
  });
  return totals;
}

export interface SearchFigures {
  /** Pagefind bytes fetched for a first query on a fresh visit, worst and median over `firstQueries`. */
  readonly firstQueryBytesMax: number;
  readonly firstQueryBytesMedian: number;
  readonly firstQueryWorst: string;
  /** The same bodies decoded (what the browser holds; Pagefind's own files stay gzip inside). */
  readonly firstQueryDecodedMax: number;
  /** Extra Pagefind bytes for the second query on the same page (median over the fresh visits). */
  readonly secondQueryBytesMedian: number;
  readonly secondQueryBytesMax: number;
  /** From navigation to the first results shown, fresh visit (median). */
  readonly firstQueryMs: Stats;
  /**
   * Later queries on a warm page, typed as a person types them (typedQuery): Enter → results
   * shown. What a person waits for after asking; the search page starts a search while they
   * type (src/lib/search/prepared.ts).
   */
  readonly queryMs: Stats;
  /** The same queries put in the box all at once and submitted: a whole search, nothing prepared. */
  readonly queryColdMs: Stats;
}

/**
 * How a query is typed: a word at a time, as an input method commits it, TYPED_WORD_GAP_MS
 * apart, and Enter TYPED_ENTER_AFTER_MS after the last word. Both are on the quick side for
 * a person (choosing the next word's candidate, then reaching for Enter, takes longer), so
 * what the search could prepare is, if anything, understated.
 */
export const TYPED_WORD_GAP_MS = 400;
export const TYPED_ENTER_AFTER_MS = 300;

/** Types a query into the search box word by word (the box emptied first), then times Enter → results. */
async function typedQuery(page: Page, q: string): Promise<number> {
  const input = page.locator('[data-search-form] input[name="q"]');
  await input.fill('');
  await input.focus();
  const words = [...new Intl.Segmenter('zh-CN', { granularity: 'word' }).segment(q)].map((s) => s.segment);
  for (const [i, word] of words.entries()) {
    await page.keyboard.insertText(word);
    await page.waitForTimeout(i === words.length - 1 ? TYPED_ENTER_AFTER_MS : TYPED_WORD_GAP_MS);
  }
  return timedQuery(page, null);
}

/**
 * Submits the search form and resolves with ms until the results are shown; with a query,
 * puts it in the box first, all at once (no input events: nothing prepared).
 */
async function timedQuery(page: Page, q: string | null): Promise<number> {
  return page.evaluate(async (query) => {
    const form = document.querySelector<HTMLFormElement>('[data-search-form]');
    const input = form?.querySelector<HTMLInputElement>('input[name="q"]');
    const results = document.querySelector('[data-search-results]');
    if (!form || !input || !results) throw new Error('search form not found');
    if (query !== null) input.value = query;
    let busySeen = false;
    const done = new Promise<void>((resolve) => {
      const observer = new MutationObserver(() => {
        if (results.hasAttribute('aria-busy')) busySeen = true;
        else if (busySeen) {
          observer.disconnect();
          resolve();
        }
      });
      observer.observe(results, { attributes: true, attributeFilter: ['aria-busy'] });
    });
    performance.mark('bench-q-start');
    form.requestSubmit();
    await done;
    performance.mark('bench-q-end');
    return performance.measure('bench-search-query', 'bench-q-start', 'bench-q-end').duration;
  }, q);
}

const FIRST_RESULT_SCRIPT = `(() => {
  const seen = () => document.querySelector('[data-search-results] li');
  const o = new MutationObserver(() => { if (window.__benchFirstResult === undefined && seen()) { window.__benchFirstResult = performance.now(); o.disconnect(); } });
  document.addEventListener('DOMContentLoaded', () => o.observe(document.body, { childList: true, subtree: true }));
})();`;

export async function measureSearch(
  browser: Browser,
  base: string,
  firstQueries: readonly string[],
  laterQueries: readonly string[],
  /** Extra search parameters of the fresh visits (province=330000: a person looking in Zhejiang). */
  extraParams = '',
): Promise<SearchFigures> {
  const first: { q: string; served: number; decoded: number; ms: number; second: number }[] = [];
  const later: number[] = [];
  const cold: number[] = [];
  for (const [k, q] of firstQueries.entries()) {
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.addInitScript(FIRST_RESULT_SCRIPT);
    const bytes = countBytes(page, (u) => u.includes('/pagefind/'));
    await page.goto(`${base}/search/?q=${encodeURIComponent(q)}${extraParams ? `&${extraParams}` : ''}`);
    await page.locator('[data-search-results] li').first().waitFor({ timeout: 60_000 });
    await page.waitForLoadState('networkidle');
    await bytes.settle();
    const ms = await page.evaluate(() => (window as unknown as { __benchFirstResult?: number }).__benchFirstResult ?? Number.NaN);
    const afterFirst = { served: bytes.served, decoded: bytes.decoded };
    // A second, different query on the same page: what it adds.
    const second = laterQueries[k % laterQueries.length] ?? q;
    await timedQuery(page, second);
    await page.waitForLoadState('networkidle');
    await bytes.settle();
    first.push({ q, served: afterFirst.served, decoded: afterFirst.decoded, ms, second: bytes.served - afterFirst.served });
    if (k === 0) {
      // Warm latency on this page: every later query once, all at once (cold)…
      for (const lq of laterQueries) cold.push(await timedQuery(page, lq));
    }
    if (k === 1) {
      // …and on another fresh page, every later query once, typed (new to this page too).
      for (const lq of laterQueries) later.push(await typedQuery(page, lq));
    }
    await context.close();
  }
  const worst = first.reduce((a, b) => (b.served > a.served ? b : a), first[0] ?? { q: '', served: 0, decoded: 0, ms: 0, second: 0 });
  return {
    firstQueryBytesMax: worst.served,
    firstQueryBytesMedian: stats(first.map((f) => f.served)).median,
    firstQueryWorst: worst.q,
    firstQueryDecodedMax: Math.max(...first.map((f) => f.decoded)),
    secondQueryBytesMedian: stats(first.map((f) => f.second)).median,
    secondQueryBytesMax: Math.max(...first.map((f) => f.second)),
    firstQueryMs: stats(first.map((f) => f.ms)),
    queryMs: stats(later),
    queryColdMs: stats(cold),
  };
}

export interface FinderFigures {
  /** Every /data/finder/ response of a fresh visit from the county (overview + its province's part), unpacked; worst visit. */
  readonly indexBytes: number;
  /** The same over the wire (gzip, as the server sends it): the first finder data fetch. */
  readonly indexGzip: number;
  /** Records the finder then holds (the province's part). */
  readonly records: number;
  /** Navigation → first result list on screen (fresh visits). */
  readonly firstListMs: Stats;
  /** One filter change → the finder's DOM updated (script, filtering over every record, Preact commit). */
  readonly filterUpdateMs: Stats;
  /** One filter change → the next frame (includes style, layout and paint). */
  readonly filterFrameMs: Stats;
  /**
   * The same with live statuses applied: GET /api/availability answered with a status for
   * every record (badges on the shown results, 现在可接收 among the checkboxes clicked).
   */
  readonly filterUpdateLiveMs: Stats;
  readonly filterFrameLiveMs: Stats;
}

const FIRST_LIST_SCRIPT = `(() => {
  const o = new MutationObserver(() => { if (window.__benchFirstList === undefined && document.querySelector('.fr-list > li')) { window.__benchFirstList = performance.now(); o.disconnect(); } });
  document.addEventListener('DOMContentLoaded', () => o.observe(document.body, { childList: true, subtree: true }));
})();`;

export async function measureFinder(
  browser: Browser,
  base: string,
  options: { county: string; visits: number; changes: number },
): Promise<FinderFigures> {
  // What the finder holds for this place: the overview and the part of the county's province.
  const overview = (await (await fetch(`${base}/data/finder/overview.json`)).json()) as {
    n: number;
    parts: { p: string; n: number; u: string }[];
  };
  const info = overview.parts.find((p) => p.p === `${options.county.slice(0, 2)}0000`);
  if (info === undefined) throw new Error(`no finder part for ${options.county}`);
  const part = (await (await fetch(`${base}${info.u}`)).json()) as { n: number; id: string[] };
  const firstList: number[] = [];
  const fetched: { wire: number; decoded: number }[] = [];
  let filter: { update: number[]; frame: number[] } = { update: [], frame: [] };
  for (let visit = 0; visit < options.visits; visit++) {
    const context = await newContext(browser);
    const page = await context.newPage();
    const responses: Response[] = [];
    page.on('response', (r) => {
      if (new URL(r.url()).pathname.startsWith('/data/finder/')) responses.push(r);
    });
    await page.addInitScript(FIRST_LIST_SCRIPT);
    await page.goto(`${base}/services/?county=${options.county}`);
    await page.locator('.fr-list > li').first().waitFor({ timeout: 60_000 });
    firstList.push(await page.evaluate(() => (window as unknown as { __benchFirstList?: number }).__benchFirstList ?? Number.NaN));
    // Every finder data fetch of a fresh visit, as sent (our server gzips JSON) and unpacked.
    let wire = 0;
    let decoded = 0;
    for (const r of responses) {
      wire += (await r.request().sizes()).responseBodySize;
      decoded += (await r.body()).length;
    }
    fetched.push({ wire, decoded });
    if (visit === 0) filter = await filterChanges(page, options.changes);
    await context.close();
  }
  const live = await liveFilterChanges(browser, base, part.id, options);
  return {
    indexBytes: Math.max(...fetched.map((f) => f.decoded)),
    indexGzip: Math.max(...fetched.map((f) => f.wire)),
    // A small registry loads whole (src/lib/finder/parts.ts, ALL_AT_ONCE).
    records: overview.n <= ALL_AT_ONCE ? overview.n : part.n,
    firstListMs: stats(firstList),
    filterUpdateMs: stats(filter.update),
    filterFrameMs: stats(filter.frame),
    filterUpdateLiveMs: stats(live.update),
    filterFrameLiveMs: stats(live.frame),
  };
}

/**
 * Filter changes with live statuses for every record: the endpoint is answered here with a
 * synthetic feed (the built site's server half may not even have it; the figure is about
 * the finder's cost of applying statuses, not about the endpoint).
 */
async function liveFilterChanges(
  browser: Browser,
  base: string,
  ids: readonly string[],
  options: { county: string; changes: number },
): Promise<{ update: number[]; frame: number[] }> {
  const body = JSON.stringify(syntheticFeed(ids, new Date()));
  const context = await newContext(browser);
  await context.route('**/api/availability', (route) => route.fulfill({ status: 200, contentType: 'application/json', body }));
  const page = await context.newPage();
  await page.goto(`${base}/services/?county=${options.county}`);
  await page.locator('.fr-list > li').first().waitFor({ timeout: 60_000 });
  // The statuses are applied once the feed is read: the filter is enabled then. (The synthetic
  // records are samples, which show no badge; the cost measured is applying and filtering.)
  await page.locator('#fc-accepting:not([disabled])').waitFor({ timeout: 60_000 });
  const result = await filterChanges(page, options.changes, '#fc-accepting');
  await context.close();
  return result;
}

/**
 * Clicks `changes` filter checkboxes (seeded random order) and times each update in the page;
 * `extra` names one more checkbox outside the folded filters to click among them.
 */
async function filterChanges(page: Page, changes: number, extra: string | null = null): Promise<{ update: number[]; frame: number[] }> {
  return page.evaluate(
    async ([n, more]) => {
      const panel = document.querySelector<HTMLDetailsElement>('details.fc');
      const root = document.querySelector('.finder');
      if (!panel || !root) throw new Error('finder filters not found');
      panel.open = true;
      let seed = 7;
      const rand = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
      const nextFrame = () => new Promise<void>((r) => requestAnimationFrame(() => setTimeout(r, 0)));
      const update: number[] = [];
      const frame: number[] = [];
      for (let k = 0; k < n; k++) {
        await nextFrame(); // let the previous update's effects and paint finish
        const extraBox = more === null ? null : document.querySelector<HTMLInputElement>(more);
        const boxes = [
          ...panel.querySelectorAll<HTMLInputElement>('input[type="checkbox"]'),
          ...(extraBox === null ? [] : [extraBox]),
        ].filter((b) => !b.disabled);
        const box = boxes[Math.floor(rand() * boxes.length)];
        if (box === undefined) throw new Error('no filter checkbox');
        // Every toggle changes the active-filter count, so the commit always mutates the DOM;
        // the observer's callback runs right after Preact's (synchronous) commit.
        const committed = new Promise<void>((resolve) => {
          const observer = new MutationObserver(() => {
            observer.disconnect();
            resolve();
          });
          observer.observe(root, { subtree: true, childList: true, characterData: true, attributes: true });
        });
        performance.mark('bench-filter-start');
        box.click();
        await committed;
        performance.mark('bench-filter-end');
        update.push(performance.measure('bench-filter-update', 'bench-filter-start', 'bench-filter-end').duration);
        await new Promise<void>((r) => requestAnimationFrame(() => setTimeout(r, 0)));
        performance.mark('bench-filter-frame');
        frame.push(performance.measure('bench-filter-frame', 'bench-filter-start', 'bench-filter-frame').duration);
      }
      return { update, frame };
    },
    [changes, extra] as const,
  );
}

export interface MapFigures {
  /** Navigation → the last change to the marker layer once every marker is in the cluster layer. */
  readonly markersClusteredMs: number;
  /** The map module requested → markers clustered. */
  readonly fromModuleMs: number;
  /** After zooming out until the view holds every record: clusters and single markers on screen, and the records they stand for. */
  readonly clusters: number;
  readonly markersInView: number;
  readonly tileRequests: number;
}

/** 1×1 transparent PNG for intercepted tile requests (no network here). */
const BLANK_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');

const MAP_SCRIPT = `(() => {
  window.__benchMap = { last: undefined };
  const watch = (pane) => new MutationObserver(() => { window.__benchMap.last = performance.now(); }).observe(pane, { childList: true, subtree: true, attributes: true });
  const o = new MutationObserver(() => { const pane = document.querySelector('.leaflet-marker-pane'); if (pane) { o.disconnect(); watch(pane); } });
  document.addEventListener('DOMContentLoaded', () => o.observe(document.body, { childList: true, subtree: true }));
})();`;

/** Waits until the marker layer has not changed for quietMs; returns the time of its last change. */
async function settle(page: Page, quietMs: number): Promise<number> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const { now, last } = await page.evaluate(() => ({
      now: performance.now(),
      last: (window as unknown as { __benchMap: { last?: number } }).__benchMap.last ?? 0,
    }));
    if (now - last >= quietMs || Date.now() > deadline) return last;
    await page.waitForTimeout(Math.max(100, quietMs - (now - last)));
  }
}

/** Clusters and single markers on screen, and how many records they stand for. */
const countMarkers = (page: Page) =>
  page.evaluate(() => {
    const pane = document.querySelector('.leaflet-marker-pane');
    const clusters = [...(pane?.querySelectorAll('.fm-cluster') ?? [])];
    const singles = pane?.querySelectorAll('.fm-marker').length ?? 0;
    const inClusters = clusters.reduce((a, c) => a + Number(c.querySelector('[aria-hidden="true"]')?.textContent ?? 0), 0);
    return { clusters: clusters.length, markersInView: inClusters + singles };
  });

/**
 * Opens the finder with the map from a county (no filter; tiles answered with a blank image),
 * so with every record the finder holds for that place and waits until the marker layer settles: all markers are then in the cluster
 * layer (chunked loading done). Then zooms out until every record is in view, to check.
 */
export async function measureMap(browser: Browser, base: string, records: number, county: string, quietMs = 2000): Promise<MapFigures> {
  const context = await newContext(browser);
  let tiles = 0;
  await context.route(
    (url) => url.origin !== base,
    async (route) => {
      tiles += 1;
      await route.fulfill({ status: 200, contentType: 'image/png', body: BLANK_PNG });
    },
  );
  const page = await context.newPage();
  await page.addInitScript(MAP_SCRIPT);
  // From a county: the finder then holds that province's part (all of the registry when it is small).
  await page.goto(`${base}/services/?county=${county}&map=1`);
  await page.locator('.leaflet-marker-pane .fm-cluster, .leaflet-marker-pane .fm-marker').first().waitFor({ timeout: 120_000 });
  const last = await settle(page, quietMs);
  const moduleStart = await page.evaluate(
    () => performance.getEntriesByType('resource').find((e) => e.name.includes('leaflet-map'))?.startTime ?? Number.NaN,
  );
  let counted = await countMarkers(page);
  const zoomOut = page.locator('.leaflet-control-zoom-out');
  // Leaflet has 18 zoom levels; the view starts fitted to the first results, which may be one district.
  for (
    let i = 0;
    i < 18 &&
    counted.markersInView < records &&
    (await zoomOut.count()) > 0 &&
    !(await zoomOut.getAttribute('class'))?.includes('disabled');
    i++
  ) {
    await zoomOut.click();
    await settle(page, 800);
    counted = await countMarkers(page);
  }
  await context.close();
  return { markersClusteredMs: last, fromModuleMs: last - moduleStart, ...counted, tileRequests: tiles };
}

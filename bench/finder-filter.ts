/**
 * Benchmark: finder filtering and ordering at 10 000 synthetic records.
 *
 *   node bench/finder-filter.ts [--count 10000] [--part 330000]
 *   SITE_SCOPE=bench/scope-national.json node bench/finder-filter.ts --count 10000 --part 330000
 *
 * With --part, only that province's records are indexed: what the finder holds after the
 * split by place (issue #20); without it, all of them (what it held before). SITE_SCOPE
 * spreads the records over the provinces of that scope file.
 *
 * Prints the index size (raw, gzip) and p50/p95 per update: "filter" (one filter change,
 * the common case), the same with live availability statuses applied to every record (the
 * feed laid over the index once, 现在可接收 in a third of the states), and "new place"
 * (distances + ordering, when the place changes). The browser figures are bench/run.ts's.
 */
import { gzipSync } from 'node:zlib';
import { loadRegions } from '../src/lib/registry/load.ts';
import { generateSyntheticRegistry } from '../scripts/lib/synthetic-registry.ts';
import { buildFinderIndex } from '../src/lib/finder/index-build.ts';
import { decodeFinderIndex } from '../src/lib/finder/index-data.ts';
import type { FinderIndexJson } from '../src/lib/finder/index-format.ts';
import { compileCriteria, filterRecords, orderRecords } from '../src/lib/finder/filter.ts';
import { EMPTY_STATE, type FinderState } from '../src/lib/finder/url.ts';
import { applyFeed } from '../src/lib/finder/live.ts';
import { syntheticFeed } from './lib/availability-feed.ts';

const args = process.argv.slice(2);
const count = Number(args[args.indexOf('--count') + 1] ?? 10_000) || 10_000;
const partAt = args.indexOf('--part');
const part = partAt >= 0 ? args[partAt + 1] : undefined;
const regions = loadRegions();
const all = generateSyntheticRegistry({ count, seed: 1, regions, today: '2026-11-22' });
const records = part === undefined ? all : all.filter((r) => regions.provinceOf(r.regionCode)?.code === part);
const text = JSON.stringify(buildFinderIndex(records, regions));
console.log(
  `records ${records.length}${part === undefined ? '' : ` (province ${part} of ${count})`}: index ${(text.length / 1024).toFixed(0)} KB, gzip ${(gzipSync(text, { level: 9 }).length / 1024).toFixed(1)} KB`,
);

let t0 = performance.now();
const data = decodeFinderIndex(JSON.parse(text) as FinderIndexJson);
console.log(`parse + decode ${(performance.now() - t0).toFixed(1)} ms`);

const counties = part === undefined ? regions.counties : regions.counties.filter((c) => regions.provinceOf(c.code)?.code === part);
let seed = 3;
const rand = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
const states: FinderState[] = Array.from({ length: 1000 }, () => ({
  ...EMPTY_STATE,
  modes: rand() < 0.5 ? ['住院'] : rand() < 0.5 ? ['居家'] : [],
  offers: rand() < 0.3 ? ['疼痛及症状控制'] : [],
  pays: rand() < 0.3 ? ['医保'] : [],
  visits: rand() < 0.2,
  volunteers: rand() < 0.2,
  verified: rand() < 0.1,
  q: rand() < 0.2 ? '中医' : '',
}));
const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return `p50 ${(s[Math.floor(s.length / 2)] ?? 0).toFixed(2)} ms, p95 ${(s[Math.floor(s.length * 0.95)] ?? 0).toFixed(2)} ms, max ${(s[s.length - 1] ?? 0).toFixed(2)} ms`;
};

const place: number[] = [];
for (const c of [...counties, ...counties]) {
  t0 = performance.now();
  orderRecords(data, c.centre);
  place.push(performance.now() - t0);
}
const ordering = orderRecords(data, counties[0]?.centre ?? null);
const filter: number[] = [];
for (const s of states) {
  t0 = performance.now();
  filterRecords(data, compileCriteria(s, data.regionByCode.get(counties[0]?.code ?? '') ?? -1), ordering);
  filter.push(performance.now() - t0);
}
console.log(`filter update: ${stats(filter)}`);

t0 = performance.now();
const now = new Date();
const live = applyFeed(data, syntheticFeed(data.ids, now), now);
console.log(`live statuses applied to ${live.reported} records in ${(performance.now() - t0).toFixed(1)} ms`);
const withLive: number[] = [];
for (const s of states) {
  const state = { ...s, accepting: rand() < 0.33 };
  t0 = performance.now();
  filterRecords(data, compileCriteria(state, data.regionByCode.get(counties[0]?.code ?? '') ?? -1, live), ordering);
  withLive.push(performance.now() - t0);
}
console.log(`filter update with live statuses: ${stats(withLive)}`);
console.log(`new place (distances + order): ${stats(place)}`);

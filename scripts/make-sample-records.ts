/**
 * Write the shipped sample records: one per county (16 in Beijing, 90 in
 * Zhejiang) as content/institutions/<beijing|zhejiang>/sample-<code>.json,
 * plus one 综合医院 with a 住院 安宁疗护病区 per Zhejiang city
 * (sample-<citycode>-city, placed in the city's main district).
 *
 *   node scripts/make-sample-records.ts [--date YYYY-MM-DD] [--dir content/institutions]
 *
 * Deterministic: the same regions give the same records. verifiedAt is
 * --date (default today), but an existing file whose content is otherwise
 * unchanged keeps its date, so re-running does not rewrite every file. Sample rules: docs/registry.md. Only
 * sample-*.json files are ever written or removed; bj-* / zj-* are untouched.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { formatInstitutionJson, type Institution, type InstitutionKind } from '../src/schemas/institution.ts';
import { SAMPLE_SOURCE_TEXT } from '../src/schemas/provenance.ts';
import type { CareMode, Payment, Service } from '../src/schemas/service.ts';
import type { Region } from '../src/schemas/region.ts';
import { formatProblem } from '../src/lib/registry/errors.ts';
import { displayPath, loadRegions, readRegistryEntries, todayInChina } from '../src/lib/registry/load.ts';
import type { RegionIndex } from '../src/lib/registry/regions.ts';
import { SAMPLE_KIND_LABELS, SAMPLE_SERVICE_TEXTS, SAMPLE_TEXTS } from './lib/synthetic-registry.ts';
import { SAMPLE_NAME_SUFFIX, validateRegistry } from '../src/lib/registry/validate.ts';

const args = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const i = args.indexOf(`--${name}`);
  return i < 0 ? undefined : args[i + 1];
};
const today = option('date') ?? todayInChina();
if (!/^\d{4}-\d{2}-\d{2}$/.test(today)) throw new Error(`--date 应为 YYYY-MM-DD：${today}`);
const dir = resolve(option('dir') ?? 'content/institutions');

const regions = loadRegions();

/** Kinds cycle by the county's type (区 / 县 / 县级市) and its position, for a deterministic mix. */
function kindFor(county: Region, index: number): InstitutionKind {
  const beijing = county.code.startsWith('11');
  if (beijing) {
    return (
      (
        [
          '社区卫生服务中心',
          '社区卫生服务中心',
          '综合医院',
          '护理院',
          '中医/中西医结合医院',
          '安宁疗护中心',
          '医养结合/养老机构',
          '社区卫生服务中心',
        ] as const
      )[index % 8] ?? '社区卫生服务中心'
    );
  }
  if (county.name.endsWith('县'))
    return (['乡镇卫生院', '乡镇卫生院', '中医/中西医结合医院', '综合医院'] as const)[index % 4] ?? '乡镇卫生院';
  if (county.name.endsWith('市'))
    return (['综合医院', '社区卫生服务中心', '中医/中西医结合医院', '乡镇卫生院', '医养结合/养老机构'] as const)[index % 5] ?? '综合医院';
  return (
    (
      [
        '社区卫生服务中心',
        '社区卫生服务中心',
        '护理院',
        '安宁疗护中心',
        '社区卫生服务中心',
        '医养结合/养老机构',
        '中医/中西医结合医院',
      ] as const
    )[index % 7] ?? '社区卫生服务中心'
  );
}

function modesFor(kind: InstitutionKind, index: number): CareMode[] {
  switch (kind) {
    case '社区卫生服务中心':
      return index % 2 === 0 ? ['住院', '居家', '门诊'] : ['居家', '门诊'];
    case '乡镇卫生院':
      return index % 2 === 0 ? ['居家'] : ['住院', '居家'];
    case '综合医院':
      return index % 2 === 0 ? ['住院', '门诊', '会诊', '互联网'] : ['住院', '会诊'];
    case '中医/中西医结合医院':
      return index % 2 === 0 ? ['住院', '门诊', '居家'] : ['住院', '门诊'];
    case '安宁疗护中心':
      return ['住院', '门诊', '居家', '互联网'];
    case '护理院':
      return ['住院', '居家'];
    case '医养结合/养老机构':
      return ['住院'];
    case '专科医院':
      return ['住院', '门诊', '会诊'];
  }
}

const BASE_OFFERS: Readonly<Record<CareMode, Service['offers']>> = {
  住院: ['疼痛及症状控制', '舒适照护', '心理支持', '社会支持', '哀伤辅导'],
  门诊: ['疼痛及症状控制', '心理支持', '生命教育'],
  居家: ['疼痛及症状控制', '舒适照护', '心理支持'],
  会诊: ['疼痛及症状控制', '营养支持'],
  互联网: ['心理支持', '生命教育'],
};

function serviceFor(mode: CareMode, kind: InstitutionKind, county: Region, index: number): Service {
  const texts = SAMPLE_SERVICE_TEXTS[mode];
  const offers = new Set<Service['offers'][number]>(BASE_OFFERS[mode]);
  if (kind === '中医/中西医结合医院') offers.add('中医药');
  if (kind === '安宁疗护中心' || kind === '护理院') {
    offers.add('灵性关怀');
    offers.add('康复');
  }
  const service: Service = { mode, offers: [...offers] };
  if (mode === '住院') service.name = '安宁疗护病区';
  if (mode === '居家') service.name = '居家安宁疗护';
  service.eligibility = texts.eligibility;
  service.referral = texts.referral;
  if (index % 2 === 0 || mode === '住院') service.hours = texts.hours;
  if (mode !== '互联网') service.fees = texts.fees;
  const payment: Payment[] = ['医保'];
  if (mode === '住院' && index % 3 === 0) payment.push('按床日付费');
  if (mode === '居家' && index % 2 === 1) payment.push('长护险');
  service.payment = payment;
  if (mode === '居家') {
    service.homeCare = { types: index % 3 === 2 ? ['巡诊'] : ['家庭病床', '巡诊'], coverage: [county.code] };
  }
  return service;
}

function gradeFor(kind: InstitutionKind): Institution['grade'] {
  if (kind === '综合医院' || kind === '中医/中西医结合医院') return '二级';
  if (kind === '社区卫生服务中心' || kind === '乡镇卫生院') return '一级';
  return '未定级';
}

function countyRecord(county: Region, index: number, cityRecordId: string | undefined): Institution {
  const kind = kindFor(county, index);
  const modes = modesFor(kind, index);
  const record: Institution = {
    id: `sample-${county.code}`,
    name: `${county.name}示例${SAMPLE_KIND_LABELS[kind]}${SAMPLE_NAME_SUFFIX}`,
    kind,
    grade: gradeFor(kind),
    ownership: kind === '护理院' || kind === '医养结合/养老机构' ? '民营' : '公立',
    regionCode: county.code,
    address: null,
    location: { lat: county.centre.lat, lng: county.centre.lng, precision: 'county-centre' },
    services: modes.map((mode) => serviceFor(mode, kind, county, index)),
    provenance: { kind: 'sample', source: SAMPLE_SOURCE_TEXT, verifiedAt: today },
  };
  if (modes.includes('住院') && index % 2 === 0) {
    const hospice = 6 + ((index * 7) % 20);
    record.beds = index % 4 === 0 ? { hospice, availability: { free: index % 5, asOf: today } } : { hospice };
  }
  record.team =
    kind === '社区卫生服务中心' || kind === '乡镇卫生院'
      ? ['医生', '护士', '社工']
      : ['医生', '护士', '康复治疗师', '社工', '心理咨询师', '营养师'];
  if (kind === '中医/中西医结合医院') record.team = [...record.team, '中医师'];
  if (cityRecordId !== undefined && !modes.includes('住院')) record.referralPartners = [cityRecordId];
  if (index % 3 === 0) record.volunteers = { accepts: true, note: SAMPLE_TEXTS.volunteers };
  return record;
}

function cityRecord(city: Region, mainCounty: Region): Institution {
  return {
    id: `sample-${city.code}-city`,
    name: `${city.name}示例综合医院${SAMPLE_NAME_SUFFIX}`,
    kind: '综合医院',
    grade: '三级',
    ownership: '公立',
    regionCode: mainCounty.code,
    address: null,
    location: { lat: mainCounty.centre.lat, lng: mainCounty.centre.lng, precision: 'county-centre' },
    services: [
      {
        mode: '住院',
        name: '安宁疗护病区',
        offers: ['疼痛及症状控制', '舒适照护', '心理支持', '社会支持', '灵性关怀', '营养支持', '哀伤辅导'],
        eligibility: SAMPLE_SERVICE_TEXTS.住院.eligibility,
        referral: SAMPLE_SERVICE_TEXTS.住院.referral,
        hours: SAMPLE_SERVICE_TEXTS.住院.hours,
        fees: SAMPLE_SERVICE_TEXTS.住院.fees,
        payment: ['医保', '按床日付费'],
      },
      { mode: '门诊', offers: [...BASE_OFFERS.门诊], referral: SAMPLE_SERVICE_TEXTS.门诊.referral, payment: ['医保'] },
      { mode: '会诊', offers: [...BASE_OFFERS.会诊], referral: SAMPLE_SERVICE_TEXTS.会诊.referral },
    ],
    beds: { hospice: 20 + (Number(city.code.slice(2, 4)) % 10) * 2 },
    team: ['医生', '护士', '康复治疗师', '社工', '心理咨询师', '营养师', '药师', '志愿者'],
    volunteers: { accepts: true, note: SAMPLE_TEXTS.volunteers },
    provenance: { kind: 'sample', source: SAMPLE_SOURCE_TEXT, verifiedAt: today },
  };
}

function build(index: RegionIndex): Institution[] {
  const records: Institution[] = [];
  index.counties.forEach((county, i) => {
    const city = index.cityOf(county.code);
    records.push(countyRecord(county, i, city === undefined ? undefined : `sample-${city.code}-city`));
  });
  for (const province of index.provinces) {
    for (const city of index.children(province.code).filter((r) => r.level === 'city')) {
      const main = index.children(city.code)[0];
      if (main !== undefined) records.push(cityRecord(city, main));
    }
  }
  return records;
}

const records = build(regions);
const wanted = new Set<string>();
let written = 0;
let unchanged = 0;
for (const record of records) {
  const province = regions.provinceOf(record.regionCode);
  const folder = province === undefined ? undefined : regions.scopeOf(province.code)?.folder;
  if (folder === undefined) throw new Error(`${record.id}: 没有省份文件夹`);
  const file = join(dir, folder, `${record.id}.json`);
  wanted.add(file);
  let text = formatInstitutionJson(record);
  if (existsSync(file)) {
    // Keep the earlier date when nothing else changed, so re-running on another day does not touch every file.
    const before = readFileSync(file, 'utf8');
    const earlier = /"verifiedAt": "(\d{4}-\d{2}-\d{2})"/.exec(before)?.[1];
    if (earlier !== undefined && option('date') === undefined) {
      const same = formatInstitutionJson({ ...record, provenance: { ...record.provenance, verifiedAt: earlier } });
      if (same === before) text = same;
    }
    if (before === text) {
      unchanged += 1;
      continue;
    }
  }
  mkdirSync(join(dir, folder), { recursive: true });
  writeFileSync(file, text);
  written += 1;
}

// Remove sample files this script no longer generates (never anything else).
let removed = 0;
for (const folder of regions.provinces.flatMap((p) => regions.scopeOf(p.code)?.folder ?? [])) {
  const folderPath = join(dir, folder);
  if (!existsSync(folderPath)) continue;
  for (const name of readdirSync(folderPath)) {
    const file = join(folderPath, name);
    if (name.startsWith('sample-') && name.endsWith('.json') && !wanted.has(file)) {
      rmSync(file);
      removed += 1;
    }
  }
}

// Validate the samples on their own (the real records are checked by registry:check).
const { entries } = readRegistryEntries(dir);
const sampleEntries = entries.filter((e) => /(^|\/)sample-[^/]*\.json$/.test(e.file));
const result = validateRegistry(sampleEntries, regions, { today });
for (const problem of result.errors) console.error(formatProblem(problem));
console.log(`示例记录：共 ${records.length} 条（写入 ${written}，未改变 ${unchanged}，删除过时 ${removed}）于 ${displayPath(dir)}`);
if (result.errors.length > 0) process.exit(1);

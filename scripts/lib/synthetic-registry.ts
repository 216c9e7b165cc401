/**
 * Seeded generator of synthetic registry records for benchmarks and tests.
 * Every record is sample data (provenance.kind "sample", name containing 示例
 * and ending with （示例）, no phones, no address), spread over all counties
 * of content/regions.json, with coordinates jittered near the county centre
 * and kept inside the province's box. Same seed → same records.
 */
import type { RegionIndex } from '../../src/lib/registry/regions.ts';
import { SAMPLE_NAME_SUFFIX } from '../../src/lib/registry/validate.ts';
import type { Institution, InstitutionKind } from '../../src/schemas/institution.ts';
import { INSTITUTION_KINDS, TEAM_ROLES } from '../../src/schemas/institution.ts';
import { SAMPLE_SOURCE_TEXT } from '../../src/schemas/provenance.ts';
import { HOME_CARE_TYPES, OFFERS, PAYMENTS, type CareMode, type Service } from '../../src/schemas/service.ts';
import { mulberry32 } from './seeded-random.ts';

/** Short name used in sample names for each kind, e.g. 西湖区示例社区卫生服务中心（示例）. */
export const SAMPLE_KIND_LABELS: Readonly<Record<InstitutionKind, string>> = {
  综合医院: '人民医院',
  '中医/中西医结合医院': '中医医院',
  专科医院: '肿瘤专科医院',
  安宁疗护中心: '安宁疗护中心',
  社区卫生服务中心: '社区卫生服务中心',
  乡镇卫生院: '乡镇卫生院',
  护理院: '护理院',
  '医养结合/养老机构': '医养结合服务中心',
};

/** Plain, generic texts used in sample services, by care mode. */
export const SAMPLE_SERVICE_TEXTS: Readonly<Record<CareMode, { eligibility: string; referral: string; hours: string; fees: string }>> = {
  住院: {
    eligibility: '经医生评估、预期生存期有限的疾病终末期患者',
    referral: '由主管医生评估后转介，或家属携病历资料到门诊咨询，评估后办理入住',
    hours: '病区 24 小时收治，探视时间按病区规定',
    fees: '床位费、护理费按核定标准收取，医保按规定报销',
  },
  门诊: {
    eligibility: '需要症状控制、心理支持或咨询安宁疗护的患者和家属',
    referral: '直接挂号就诊，建议携带既往病历和检查报告',
    hours: '周一至周五 8:00–17:00',
    fees: '按门诊诊疗项目收费，医保按规定报销',
  },
  居家: {
    eligibility: '居住在服务范围内、适合居家照护的疾病终末期患者',
    referral: '家属向签约家庭医生提出申请，医生上门评估后建立家庭病床或安排巡诊',
    hours: '工作日上门，节假日按约定',
    fees: '上门服务费按规定收取，符合条件的可用长护险',
  },
  会诊: {
    eligibility: '在其他科室或其他医疗机构住院、需要安宁疗护会诊的患者',
    referral: '由患者所在科室或医疗机构提出会诊申请',
    hours: '工作日受理会诊申请',
    fees: '按会诊项目收费',
  },
  互联网: {
    eligibility: '已在本机构就诊、病情稳定的患者及其家属',
    referral: '通过互联网医院平台在线咨询或复诊',
    hours: '线上咨询工作日 9:00–17:00 回复',
    fees: '按互联网诊疗项目收费',
  },
};

/** Other generic sample texts. */
export const SAMPLE_TEXTS = {
  appointment: '示例数据：无真实预约渠道',
  volunteers: '示例：欢迎经过培训的志愿者参与陪伴、读书和探访',
} as const;

export interface SyntheticOptions {
  /** How many records. */
  readonly count: number;
  /** Seed; same seed and regions give the same records. */
  readonly seed: number;
  readonly regions: RegionIndex;
  /** Date used for verifiedAt (YYYY-MM-DD). */
  readonly today: string;
}

function pick<T>(rand: () => number, list: readonly T[]): T {
  const item = list[Math.floor(rand() * list.length)];
  if (item === undefined) throw new Error('empty list');
  return item;
}

function subset<T>(rand: () => number, list: readonly T[], min: number, max: number): T[] {
  const n = min + Math.floor(rand() * (max - min + 1));
  const shuffled = [...list];
  for (let i = shuffled.length - 1; i > 0; i -= 1) {
    const j = Math.floor(rand() * (i + 1));
    [shuffled[i], shuffled[j]] = [shuffled[j] as T, shuffled[i] as T];
  }
  const chosen = new Set(shuffled.slice(0, n));
  return list.filter((x) => chosen.has(x));
}

function round(value: number, digits = 5): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

const KIND_WEIGHTS: readonly [InstitutionKind, number][] = [
  ['社区卫生服务中心', 34],
  ['乡镇卫生院', 14],
  ['综合医院', 20],
  ['中医/中西医结合医院', 9],
  ['专科医院', 3],
  ['安宁疗护中心', 5],
  ['护理院', 7],
  ['医养结合/养老机构', 8],
];

function weightedKind(rand: () => number): InstitutionKind {
  const total = KIND_WEIGHTS.reduce((s, [, w]) => s + w, 0);
  let r = rand() * total;
  for (const [kind, w] of KIND_WEIGHTS) {
    r -= w;
    if (r < 0) return kind;
  }
  return INSTITUTION_KINDS[0];
}

const MODE_CHANCES: Readonly<Record<InstitutionKind, Readonly<Record<CareMode, number>>>> = {
  综合医院: { 住院: 0.95, 门诊: 0.6, 居家: 0.2, 会诊: 0.7, 互联网: 0.4 },
  '中医/中西医结合医院': { 住院: 0.9, 门诊: 0.6, 居家: 0.3, 会诊: 0.4, 互联网: 0.3 },
  专科医院: { 住院: 0.95, 门诊: 0.7, 居家: 0.1, 会诊: 0.6, 互联网: 0.5 },
  安宁疗护中心: { 住院: 1, 门诊: 0.5, 居家: 0.6, 会诊: 0.3, 互联网: 0.3 },
  社区卫生服务中心: { 住院: 0.4, 门诊: 0.4, 居家: 0.95, 会诊: 0.1, 互联网: 0.2 },
  乡镇卫生院: { 住院: 0.4, 门诊: 0.3, 居家: 0.9, 会诊: 0.05, 互联网: 0.1 },
  护理院: { 住院: 1, 门诊: 0.1, 居家: 0.4, 会诊: 0.05, 互联网: 0.05 },
  '医养结合/养老机构': { 住院: 0.9, 门诊: 0.1, 居家: 0.3, 会诊: 0.05, 互联网: 0.05 },
};

/** Relative output path (<province folder>/<id>.json) of a record. */
export function registryRelativePath(record: Institution, regions: RegionIndex): string {
  const province = regions.provinceOf(record.regionCode);
  const folder = province === undefined ? 'unknown' : (regions.scopeOf(province.code)?.folder ?? 'unknown');
  return `${folder}/${record.id}.json`;
}

/** Generate `count` synthetic sample records. */
export function generateSyntheticRegistry(options: SyntheticOptions): Institution[] {
  const { regions, count, today } = options;
  const rand = mulberry32(options.seed);
  const counties = [...regions.counties];
  if (counties.length === 0) throw new Error('没有区县数据');
  // Seeded order of counties, then round-robin: every county gets a record once count ≥ number of counties.
  for (let i = counties.length - 1; i > 0; i -= 1) {
    const j = Math.floor(rand() * (i + 1));
    [counties[i], counties[j]] = [counties[j] as (typeof counties)[number], counties[i] as (typeof counties)[number]];
  }
  const perCounty = new Map<string, number>();
  const idsByProvince = new Map<string, string[]>();
  const records: Institution[] = [];

  for (let n = 0; n < count; n += 1) {
    const county = counties[n % counties.length];
    if (county === undefined) break;
    const province = regions.provinceOf(county.code);
    const bounds = province?.bounds;
    const k = (perCounty.get(county.code) ?? 0) + 1;
    perCounty.set(county.code, k);
    const id = `sample-${county.code}-${k}`;
    const kind = weightedKind(rand);

    const modes = (['住院', '门诊', '居家', '会诊', '互联网'] as const).filter((m) => rand() < MODE_CHANCES[kind][m]);
    if (modes.length === 0) modes.push(kind === '社区卫生服务中心' || kind === '乡镇卫生院' ? '居家' : '住院');
    const services: Service[] = modes.map((mode) => {
      const service: Service = { mode, offers: subset(rand, OFFERS, mode === '会诊' || mode === '互联网' ? 1 : 2, 6) };
      if (mode === '住院' && rand() < 0.6) service.name = '安宁疗护病区';
      const texts = SAMPLE_SERVICE_TEXTS[mode];
      if (rand() < 0.8) service.eligibility = texts.eligibility;
      if (rand() < 0.8) service.referral = texts.referral;
      if (rand() < 0.6) service.hours = texts.hours;
      if (rand() < 0.5) service.fees = texts.fees;
      if (rand() < 0.8) service.payment = subset(rand, PAYMENTS, 1, 3);
      if (mode === '居家') {
        const siblings = regions.children(county.parent ?? '').filter((r) => r.level === 'county' && r.code !== county.code);
        const coverage = [
          county.code,
          ...subset(
            rand,
            siblings.map((r) => r.code),
            0,
            Math.min(2, siblings.length),
          ),
        ];
        service.homeCare = { types: subset(rand, HOME_CARE_TYPES, 1, 2), coverage };
      }
      return service;
    });

    const jitter = (): number => (rand() - 0.5) * 0.08;
    let lat = round(county.centre.lat + jitter());
    let lng = round(county.centre.lng + jitter());
    if (bounds !== undefined) {
      lat = Math.min(Math.max(lat, bounds.minLat), bounds.maxLat);
      lng = Math.min(Math.max(lng, bounds.minLng), bounds.maxLng);
    }

    const hospital = kind === '综合医院' || kind === '中医/中西医结合医院' || kind === '专科医院';
    const record: Institution = {
      id,
      name: `${county.name}示例${SAMPLE_KIND_LABELS[kind]}${k}号${SAMPLE_NAME_SUFFIX}`,
      kind,
      grade: hospital
        ? pick(rand, ['三级', '二级', '二级'] as const)
        : kind === '社区卫生服务中心' || kind === '乡镇卫生院'
          ? '一级'
          : pick(rand, ['未定级', '未知'] as const),
      ownership:
        kind === '护理院' || kind === '医养结合/养老机构'
          ? pick(rand, ['民营', '民营', '公立'] as const)
          : pick(rand, ['公立', '公立', '公立', '民营'] as const),
      regionCode: county.code,
      address: null,
      location: { lat, lng, precision: 'county-centre' },
      services,
      provenance: { kind: 'sample', source: SAMPLE_SOURCE_TEXT, verifiedAt: today },
    };
    if (rand() < 0.15) record.aliases = [`${county.name}示例${k}号服务点`];
    if (modes.includes('住院') && rand() < 0.8) {
      const hospice = 4 + Math.floor(rand() * 37);
      record.beds = { hospice };
      if (rand() < 0.5) record.beds.availability = { free: Math.floor(rand() * (hospice + 1)), asOf: today };
    }
    if (rand() < 0.8) record.team = subset(rand, TEAM_ROLES, 2, 7);
    if (rand() < 0.1) {
      record.designations = [
        {
          type: pick(rand, ['实践基地', '示范基地', '培训基地', '试点单位'] as const),
          level: pick(rand, ['省级', '市级', '区县级'] as const),
          year: 2019 + Math.floor(rand() * 7),
          note: '示例称号',
        },
      ];
    }
    const provinceIds = idsByProvince.get(province?.code ?? '') ?? [];
    if (provinceIds.length > 0 && rand() < 0.3) record.referralPartners = subset(rand, provinceIds.slice(-20), 1, 2);
    if (rand() < 0.4) record.volunteers = { accepts: true, note: SAMPLE_TEXTS.volunteers };
    else if (rand() < 0.2) record.volunteers = { accepts: false };
    if (rand() < 0.2) record.contact = { appointment: SAMPLE_TEXTS.appointment };
    provinceIds.push(id);
    idsByProvince.set(province?.code ?? '', provinceIds);
    records.push(record);
  }
  return records;
}

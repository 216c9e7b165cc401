/** Shared fixtures for the registry unit tests (not a test file itself). */
import type { Institution } from '../../src/schemas/institution.ts';
import { SAMPLE_SOURCE_TEXT } from '../../src/schemas/provenance.ts';
import { loadRegions } from '../../src/lib/registry/load.ts';
import type { RegionIndex } from '../../src/lib/registry/regions.ts';
import type { RegistryEntry } from '../../src/lib/registry/validate.ts';

export const TODAY = '2026-11-22';

let cached: RegionIndex | undefined;
/** The real content/regions.json. */
export function regions(): RegionIndex {
  cached ??= loadRegions('content/regions.json');
  return cached;
}

/** A minimal valid sourced record in 西湖区 (Zhejiang). */
export function minimalRecord(): Institution {
  return {
    id: 'zj-test-minimal',
    name: '测试医院',
    kind: '综合医院',
    grade: '未知',
    ownership: '公立',
    regionCode: '330106',
    address: null,
    location: { lat: 30.2595, lng: 120.13, precision: 'county-centre' },
    services: [{ mode: '住院', offers: [] }],
    provenance: { kind: 'public-notice', source: '测试来源', verifiedAt: '2026-11-01' },
  };
}

/** A record using every field, with awkward text (commas, quotes, line breaks, ；, \\, ：). */
export function richRecord(): Institution {
  return {
    id: 'zj-test-rich',
    name: '杭州市测试"安宁"医院',
    aliases: ['测试医院, 西院', '反斜杠\\别名', '含；分号的别名'],
    kind: '中医/中西医结合医院',
    grade: '三级',
    ownership: '公立',
    regionCode: '330106',
    address: '浙江省杭州市西湖区某路 1 号，"老院区"',
    location: { lat: 30.2712345, lng: 120.1298765, precision: 'exact' },
    services: [
      {
        mode: '居家',
        name: '居家安宁疗护',
        offers: ['疼痛及症状控制', '中医药'],
        eligibility: '第一行\n第二行，带逗号',
        referral: '家属申请 → 上门评估',
        hours: '周一至周五 8:00–17:00',
        fees: '按"家庭病床"收费, 另计药费',
        payment: ['医保', '长护险'],
        homeCare: { types: ['家庭病床', '巡诊'], coverage: ['330106', '330105'], note: '覆盖北山街道；西溪街道' },
      },
      {
        mode: '住院',
        name: '安宁疗护病区',
        offers: ['疼痛及症状控制', '舒适照护', '心理支持', '灵性关怀', '哀伤辅导'],
        payment: ['医保', '按床日付费'],
      },
      { mode: '门诊', offers: [] },
      { mode: '会诊', offers: ['营养支持'], referral: '院内会诊申请' },
      { mode: '互联网', offers: ['生命教育'], hours: '全天' },
    ],
    beds: { hospice: null, availability: { free: 2, asOf: '2026-11-20' } },
    team: ['医生', '护士', '中医师', '志愿者'],
    designations: [
      { type: '指导中心', level: '省级', year: 2021, note: '浙江省安宁疗护指导中心：含冒号；含分号' },
      { type: '实践基地', level: '国家级' },
      { type: '试点单位', level: '市级', note: '（2020）开头的说明' },
    ],
    referralPartners: ['zj-test-minimal'],
    volunteers: { accepts: false, note: '暂停招募', contact: '社工部, 王老师' },
    contact: {
      phones: [{ label: '总机', number: '0571-87654321' }, { label: '病区：夜间', number: '0571-8765 4322转8001' }, { number: '12320' }],
      website: 'https://example.org/hospice?a=1&b=2',
      appointment: '微信公众号预约',
    },
    provenance: {
      kind: 'institution',
      source: '机构提供的资料（2026年）',
      url: 'https://example.org/notice',
      verifiedAt: '2026-11-01',
      note: '多行备注\r\n第二行',
    },
  };
}

/** A valid sample record for 西湖区. */
export function sampleRecord(): Institution {
  return {
    id: 'sample-330106',
    name: '西湖区示例安宁疗护服务点（示例）',
    kind: '社区卫生服务中心',
    grade: '一级',
    ownership: '公立',
    regionCode: '330106',
    address: null,
    location: { lat: 30.2595, lng: 120.13, precision: 'county-centre' },
    services: [{ mode: '居家', offers: ['舒适照护'], homeCare: { types: ['巡诊'], coverage: ['330106'] } }],
    provenance: { kind: 'sample', source: SAMPLE_SOURCE_TEXT, verifiedAt: '2026-11-01' },
  };
}

/** Registry entry at its proper path. */
export function entry(record: unknown, file?: string): RegistryEntry {
  const id = (record as { id?: string }).id ?? 'x';
  const folder = id.startsWith('bj-') ? 'beijing' : 'zhejiang';
  return { file: file ?? `content/institutions/${folder}/${id}.json`, data: record };
}

/** Deep clone and modify. */
export function modify<T>(value: T, change: (copy: T) => void): T {
  const copy = structuredClone(value);
  change(copy);
  return copy;
}

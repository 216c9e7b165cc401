import { describe, expect, it } from 'vitest';
import { formatInstitutionJson, institutionSchema } from '../../src/schemas/institution.ts';
import type { Institution } from '../../src/schemas/institution.ts';
import { regionsFileSchema } from '../../src/schemas/region.ts';
import { formatZodIssues, registryErrorMap } from '../../src/lib/registry/errors.ts';
import { minimalRecord, modify, richRecord, sampleRecord } from './registry-helpers.ts';
import { readFileSync } from 'node:fs';

function issues(data: unknown) {
  const result = institutionSchema.safeParse(data, { error: registryErrorMap });
  return result.success ? [] : formatZodIssues(result.error.issues);
}

describe('institution schema', () => {
  it('accepts good records', () => {
    expect(issues(minimalRecord())).toEqual([]);
    expect(issues(richRecord())).toEqual([]);
    expect(issues(sampleRecord())).toEqual([]);
  });

  it('accepts the spec example record', () => {
    const spec = {
      id: 'bj-gulou-tcm',
      name: '北京市鼓楼中医医院',
      aliases: ['鼓楼中医医院'],
      kind: '中医/中西医结合医院',
      grade: '三级',
      ownership: '公立',
      regionCode: '110101',
      address: '北京市东城区…',
      location: { lat: 39.94, lng: 116.39, precision: 'exact' },
      services: [
        {
          mode: '住院',
          name: '安宁疗护病区',
          offers: ['疼痛及症状控制', '舒适照护'],
          eligibility: '…',
          referral: '…',
          hours: '…',
          fees: '…',
          payment: ['医保'],
        },
        { mode: '居家', offers: [], homeCare: { types: ['家庭病床', '巡诊'], coverage: ['110101'], note: '…' } },
      ],
      beds: { hospice: 20, availability: { free: 3, asOf: '2026-11-01' } },
      team: ['医生', '护士'],
      designations: [{ type: '指导中心', level: '市级', year: 2020, note: '北京市安宁疗护指导中心' }],
      referralPartners: ['bj-xxx'],
      volunteers: { accepts: true, note: '…', contact: '…' },
      contact: { phones: [{ label: '总机', number: '010-12345678' }], website: 'https://example.org/', appointment: '…' },
      provenance: {
        kind: 'public-notice',
        source: '北京市卫生健康委员会《…》（2020年）',
        url: 'https://example.org/',
        verifiedAt: '2026-11-22',
        note: '…',
      },
    };
    expect(issues(spec)).toEqual([]);
  });

  it('reports every problem with its field path', () => {
    const bad = modify(richRecord() as unknown as Record<string, unknown>, (r) => {
      const services = r['services'] as Record<string, unknown>[];
      (services[1] as Record<string, unknown>)['mode'] = '病房';
      (services[0] as Record<string, unknown>)['payment'] = ['医保', '公费'];
      r['grade'] = '特级';
      r['colour'] = 'red';
      delete r['kind'];
    });
    const found = issues(bad);
    const paths = found.map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['services[1].mode', 'services[0].payment[1]', 'grade', 'colour', 'kind']));
    expect(found.find((i) => i.path === 'kind')?.message).toMatch(/^缺少必填字段（可填：综合医院 \| /);
    expect(found.find((i) => i.path === 'services[1].mode')?.message).toContain('住院 | 门诊 | 居家 | 会诊 | 互联网');
    expect(found.find((i) => i.path === 'services[1].mode')?.message).toContain('病房');
    expect(found.find((i) => i.path === 'colour')?.message).toContain('不认识的字段');
  });

  it('rejects wrong types, formats and ranges with Chinese messages', () => {
    const cases: [unknown, string, string][] = [
      [modify(minimalRecord(), (r) => Object.assign(r.location, { lat: '30.1' })), 'location.lat', '应为数字'],
      [modify(minimalRecord(), (r) => Object.assign(r.provenance, { verifiedAt: '2026/11/01' })), 'provenance.verifiedAt', 'YYYY-MM-DD'],
      [modify(minimalRecord(), (r) => Object.assign(r, { id: 'ZJ_Test' })), 'id', 'bj-、zj- 或 sample-'],
      [modify(minimalRecord(), (r) => Object.assign(r, { regionCode: '3301' })), 'regionCode', '6 位'],
      [modify(minimalRecord(), (r) => Object.assign(r, { name: ' 有空格' })), 'name', '空格'],
      [
        modify(minimalRecord() as Partial<Institution>, (r) => {
          delete r.services;
        }),
        'services',
        '缺少必填字段',
      ],
      [modify(minimalRecord(), (r) => Object.assign(r, { aliases: [] })), 'aliases', '省略'],
      [
        modify(minimalRecord(), (r) => Object.assign(r, { beds: { hospice: 2, availability: { free: 3, asOf: '2026-11-01' } } })),
        'beds.availability.free',
        '大于床位数',
      ],
      [modify(minimalRecord(), (r) => Object.assign(r, { beds: { hospice: 2.5 } })), 'beds.hospice', '整数'],
      [
        modify(minimalRecord(), (r) => Object.assign(r, { contact: { phones: [{ number: '电话 12345' }] } })),
        'contact.phones[0].number',
        '电话号码',
      ],
      [modify(minimalRecord(), (r) => Object.assign(r, { contact: {} })), 'contact', '省略'],
      [modify(minimalRecord(), (r) => Object.assign(r.provenance, { url: 'ftp://x.org/a' })), 'provenance.url', 'http'],
      [modify(minimalRecord(), (r) => Object.assign(r, { team: ['医生', '医生'] })), 'team[1]', '重复'],
      [
        modify(minimalRecord(), (r) =>
          Object.assign(r, {
            services: [
              { mode: '住院', offers: [] },
              { mode: '住院', offers: [] },
            ],
          }),
        ),
        'services[1].mode',
        '重复',
      ],
      [
        modify(minimalRecord(), (r) => Object.assign(r, { services: [{ mode: '门诊', offers: [], homeCare: { types: ['巡诊'] } }] })),
        'services[0].homeCare',
        '居家',
      ],
      [modify(minimalRecord(), (r) => Object.assign(r, { address: undefined })), 'address', '缺少必填字段'],
      [modify(minimalRecord(), (r) => Object.assign(r, { volunteers: { accepts: 'yes' } })), 'volunteers.accepts', 'true 或 false'],
    ];
    for (const [data, path, text] of cases) {
      const found = issues(data);
      const hit = found.find((i) => i.path === path);
      expect(hit, `${path} in ${JSON.stringify(found)}`).toBeDefined();
      expect(hit?.message).toContain(text);
    }
  });

  it('writes canonical JSON with keys in spec order', () => {
    const shuffled = Object.fromEntries(Object.entries(richRecord()).reverse());
    const text = formatInstitutionJson(shuffled as never);
    expect(text.endsWith('}\n')).toBe(true);
    expect(Object.keys(JSON.parse(text) as object)).toEqual(Object.keys(richRecord()));
    expect(text).toContain('\n  "id": "zj-test-rich",\n');
  });

  it('accepts content/regions.json', () => {
    const data: unknown = JSON.parse(readFileSync('content/regions.json', 'utf8'));
    expect(regionsFileSchema.safeParse(data).success).toBe(true);
  });
});

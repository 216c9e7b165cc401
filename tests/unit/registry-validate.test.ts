import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatProblem, RegistryError } from '../../src/lib/registry/errors.ts';
import { clearRegistryCache, loadRegistry } from '../../src/lib/registry/load.ts';
import { shiftDate, validateRegistry, type RegistryEntry } from '../../src/lib/registry/validate.ts';
import { TODAY, entry, minimalRecord, modify, regions, richRecord, sampleRecord } from './registry-helpers.ts';

function run(entries: RegistryEntry[]) {
  const result = validateRegistry(entries, regions(), { today: TODAY });
  return { ...result, errorLines: result.errors.map(formatProblem), warningLines: result.warnings.map(formatProblem) };
}

/** Exactly one error, and it is this line. */
function expectOneError(entries: RegistryEntry[], file: string, id: string, path: string, text: string) {
  const { errorLines } = run(entries);
  expect(errorLines).toHaveLength(1);
  const line = errorLines[0] ?? '';
  expect(line.startsWith(`${file}: ${id}: ${path}: `)).toBe(true);
  expect(line).toContain(text);
  expect(line).not.toContain('\n');
}

const ZJ = 'content/institutions/zhejiang';

describe('validateRegistry', () => {
  it('passes a good registry', () => {
    const { errors, warnings, records } = run([entry(minimalRecord()), entry(richRecord()), entry(sampleRecord())]);
    expect(errors).toEqual([]);
    expect(warnings).toEqual([]);
    expect(records.map((r) => r.id)).toEqual(['zj-test-minimal', 'zj-test-rich', 'sample-330106']);
  });

  it('reports all schema errors, one line each, with field paths', () => {
    const bad = modify(richRecord() as unknown as Record<string, unknown>, (r) => {
      const services = r['services'] as Record<string, unknown>[];
      (services[0] as Record<string, unknown>)['mode'] = '上门';
      r['kind'] = '医院';
    });
    const { errorLines } = run([entry(minimalRecord()), entry(bad)]);
    expect(errorLines).toHaveLength(2);
    expect(errorLines[0]).toMatch(/^content\/institutions\/zhejiang\/zj-test-rich\.json: zj-test-rich: kind: 应为以下之一：综合医院/);
    expect(errorLines[1]).toMatch(
      /^content\/institutions\/zhejiang\/zj-test-rich\.json: zj-test-rich: services\[0\]\.mode: 应为以下之一：住院/,
    );
  });

  it('file name must equal id', () => {
    expectOneError([entry(minimalRecord(), `${ZJ}/zj-other.json`)], `${ZJ}/zj-other.json`, 'zj-test-minimal', 'id', 'zj-test-minimal.json');
  });

  it('folder must match the province of regionCode', () => {
    const file = 'content/institutions/beijing/zj-test-minimal.json';
    expectOneError([entry(minimalRecord(), file)], file, 'zj-test-minimal', 'regionCode', 'content/institutions/zhejiang/');
  });

  it('id prefix must match the province', () => {
    const r = modify(minimalRecord(), (x) => Object.assign(x, { id: 'bj-test-minimal' }));
    expectOneError([entry(r, `${ZJ}/bj-test-minimal.json`)], `${ZJ}/bj-test-minimal.json`, 'bj-test-minimal', 'id', 'zj-');
  });

  it('unknown or non-county region codes', () => {
    expectOneError(
      [entry(modify(minimalRecord(), (x) => Object.assign(x, { regionCode: '330199' })))],
      `${ZJ}/zj-test-minimal.json`,
      'zj-test-minimal',
      'regionCode',
      '不是本站收录的区县（本站收录：北京市、浙江省',
    );
    // A real county of a province the site does not present (content/site-scope.json) is refused the same way.
    expectOneError(
      [entry(modify(minimalRecord(), (x) => Object.assign(x, { regionCode: '310101' })))],
      `${ZJ}/zj-test-minimal.json`,
      'zj-test-minimal',
      'regionCode',
      '不是本站收录的区县',
    );
    expectOneError(
      [entry(modify(minimalRecord(), (x) => Object.assign(x, { regionCode: '330100' })))],
      `${ZJ}/zj-test-minimal.json`,
      'zj-test-minimal',
      'regionCode',
      '应为区县级代码',
    );
  });

  it('unknown home-care coverage codes', () => {
    const r = modify(sampleRecord(), (x) => {
      const hc = x.services[0]?.homeCare;
      if (hc) hc.coverage = ['330106', '339999'];
    });
    expectOneError([entry(r)], `${ZJ}/sample-330106.json`, 'sample-330106', 'services[0].homeCare.coverage[1]', '339999');
  });

  it('coordinates outside the province box; swapped lat/lng are caught by the schema', () => {
    expectOneError(
      [entry(modify(minimalRecord(), (x) => Object.assign(x.location, { lat: 39.9, lng: 116.4 })))],
      `${ZJ}/zj-test-minimal.json`,
      'zj-test-minimal',
      'location',
      '不在浙江省范围内',
    );
    const { errorLines } = run([entry(modify(minimalRecord(), (x) => Object.assign(x.location, { lat: 120.13, lng: 30.2595 })))]);
    expect(errorLines).toHaveLength(1);
    expect(errorLines[0]).toMatch(/: zj-test-minimal: location\.lat: .*纬度和经度写反了/);
  });

  it('duplicate ids', () => {
    const other = 'elsewhere/zhejiang/zj-test-minimal.json';
    expectOneError([entry(minimalRecord()), entry(minimalRecord(), other)], other, 'zj-test-minimal', 'id', '编号重复');
  });

  it('referral partners must exist and not be the record itself', () => {
    expectOneError([entry(richRecord())], `${ZJ}/zj-test-rich.json`, 'zj-test-rich', 'referralPartners[0]', 'zj-test-minimal');
    const self = modify(minimalRecord(), (x) => Object.assign(x, { referralPartners: ['zj-test-minimal'] }));
    expectOneError([entry(self)], `${ZJ}/zj-test-minimal.json`, 'zj-test-minimal', 'referralPartners[0]', '自己');
  });

  it('verifiedAt and availability dates may not be in the future', () => {
    expectOneError(
      [entry(modify(minimalRecord(), (x) => Object.assign(x.provenance, { verifiedAt: '2026-11-23' })))],
      `${ZJ}/zj-test-minimal.json`,
      'zj-test-minimal',
      'provenance.verifiedAt',
      '晚于今天',
    );
    expectOneError(
      [entry(modify(minimalRecord(), (x) => Object.assign(x, { beds: { hospice: 5, availability: { free: 1, asOf: '2027-01-01' } } })))],
      `${ZJ}/zj-test-minimal.json`,
      'zj-test-minimal',
      'beds.availability.asOf',
      '晚于今天',
    );
  });

  it('warns (does not fail) when a sourced record is not verified for over 12 months', () => {
    const old = modify(minimalRecord(), (x) => Object.assign(x.provenance, { verifiedAt: '2025-11-21' }));
    const { errors, warningLines } = run([entry(old)]);
    expect(errors).toEqual([]);
    expect(warningLines).toHaveLength(1);
    expect(warningLines[0]).toMatch(
      /^content\/institutions\/zhejiang\/zj-test-minimal\.json: zj-test-minimal: provenance\.verifiedAt: 已超过 12 个月未核实/,
    );
    const recent = modify(minimalRecord(), (x) => Object.assign(x.provenance, { verifiedAt: '2025-11-22' }));
    expect(run([entry(recent)]).warnings).toEqual([]);
    const oldSample = modify(sampleRecord(), (x) => Object.assign(x.provenance, { verifiedAt: '2020-01-01' }));
    expect(run([entry(oldSample)]).warnings).toEqual([]);
  });

  it('sample rules', () => {
    const file = `${ZJ}/sample-330106.json`;
    expectOneError(
      [entry(modify(sampleRecord(), (x) => Object.assign(x, { name: '西湖区安宁疗护服务点' })))],
      file,
      'sample-330106',
      'name',
      '示例',
    );
    expectOneError(
      [entry(modify(sampleRecord(), (x) => Object.assign(x, { name: '拱墅区示例服务点（示例）' })))],
      file,
      'sample-330106',
      'name',
      '区县名开头',
    );
    expectOneError(
      [entry(modify(sampleRecord(), (x) => Object.assign(x, { contact: { phones: [{ number: '0571-12345678' }] } })))],
      file,
      'sample-330106',
      'contact.phones',
      '电话',
    );
    expectOneError(
      [entry(modify(sampleRecord(), (x) => Object.assign(x.location, { precision: 'exact' })))],
      file,
      'sample-330106',
      'location.precision',
      'county-centre',
    );
    expectOneError(
      [entry(modify(sampleRecord(), (x) => Object.assign(x, { address: '某路 1 号' })))],
      file,
      'sample-330106',
      'address',
      'null',
    );
    expectOneError(
      [entry(modify(sampleRecord(), (x) => Object.assign(x.provenance, { source: '自编' })))],
      file,
      'sample-330106',
      'provenance.source',
      '本站为演示',
    );
    const wrongId = modify(sampleRecord(), (x) => Object.assign(x, { id: 'sample-330105' }));
    expectOneError([entry(wrongId)], `${ZJ}/sample-330105.json`, 'sample-330105', 'id', '330106');
    const notSample = modify(sampleRecord(), (x) => Object.assign(x.provenance, { kind: 'public-notice' }));
    const { errorLines } = run([entry(notSample)]);
    expect(errorLines.some((l) => l.includes(': sample-330106: id: ') && l.includes('sample'))).toBe(true);
    expect(errorLines.some((l) => l.includes(': sample-330106: name: ') && l.includes('示例'))).toBe(true);
    const cityLevel = modify(sampleRecord(), (x) => Object.assign(x, { id: 'sample-330100-city', name: '杭州市示例综合医院（示例）' }));
    expect(run([entry(cityLevel, `${ZJ}/sample-330100-city.json`)]).errors).toEqual([]);
  });

  it('keeps every problem on one line even when the value has line breaks', () => {
    const { errorLines } = run([entry(modify(minimalRecord(), (x) => Object.assign(x, { kind: '医院\n第二行' })))]);
    expect(errorLines).toHaveLength(1);
    expect(errorLines[0]).not.toMatch(/\n/);
    expect(errorLines[0]).toContain('医院↵第二行');
  });

  it('names records it cannot read', () => {
    const { errorLines } = run([entry([1, 2], `${ZJ}/broken.json`)]);
    expect(errorLines).toHaveLength(1);
    expect(errorLines[0]).toMatch(/^content\/institutions\/zhejiang\/broken\.json: （无编号）: （整条记录）: 应为对象/);
  });

  it('shiftDate handles month ends', () => {
    expect(shiftDate('2026-11-22', { months: -12 })).toBe('2025-11-22');
    expect(shiftDate('2024-02-29', { months: -12 })).toBe('2023-02-28');
    expect(shiftDate('2026-03-01', { days: -1 })).toBe('2026-02-28');
  });
});

describe('loadRegistry', () => {
  const dir = mkdtempSync(join(tmpdir(), 'registry-load-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads **/*.json, memoises per directory and throws RegistryError with all lines', () => {
    mkdirSync(join(dir, 'zhejiang'), { recursive: true });
    writeFileSync(join(dir, 'zhejiang', 'zj-test-minimal.json'), JSON.stringify(minimalRecord()));
    const first = loadRegistry({ dir, today: TODAY });
    expect(first.records.map((r) => r.id)).toEqual(['zj-test-minimal']);
    expect(loadRegistry({ dir, today: TODAY })).toBe(first);

    writeFileSync(join(dir, 'zhejiang', 'zj-bad.json'), '{ "id": "zj-bad", ');
    writeFileSync(
      join(dir, 'zhejiang', 'zj-test-rich.json'),
      JSON.stringify(modify(richRecord(), (x) => Object.assign(x, { referralPartners: ['zj-nobody'] }))),
    );
    expect(loadRegistry({ dir, today: TODAY })).toBe(first);
    clearRegistryCache(dir);
    let thrown: unknown;
    try {
      loadRegistry({ dir, today: TODAY });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(RegistryError);
    const message = (thrown as Error).message;
    expect(message).toMatch(/zhejiang\/zj-bad\.json: （无编号）: （文件）: 不是有效的 JSON/);
    expect(message).toMatch(/zhejiang\/zj-test-rich\.json: zj-test-rich: referralPartners\[0\]: 找不到编号为 zj-nobody 的记录/);
  });

  it('loads the shipped registry without errors', () => {
    const loaded = loadRegistry({ today: TODAY, cache: false });
    expect(loaded.records.length).toBeGreaterThanOrEqual(117);
    expect(loaded.records.filter((r) => r.provenance.kind === 'sample')).toHaveLength(117);
  });
});

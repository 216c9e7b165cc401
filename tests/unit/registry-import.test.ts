import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatInstitutionJson } from '../../src/schemas/institution.ts';
import { parseCsv, stringifyCsv } from '../../src/lib/csv.ts';
import { CSV_HEADERS } from '../../src/lib/registry/csv/columns.ts';
import { recordsToCsv } from '../../src/lib/registry/csv/write.ts';
import { planImport } from '../../src/lib/registry/import.ts';
import { TODAY, entry, minimalRecord, modify, regions, richRecord, sampleRecord } from './registry-helpers.ts';

const root = mkdtempSync(join(tmpdir(), 'registry-import-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A registry folder holding the minimal record. */
function makeRegistry(name: string): string {
  const dir = join(root, name);
  mkdirSync(join(dir, 'zhejiang'), { recursive: true });
  writeFileSync(join(dir, 'zhejiang', 'zj-test-minimal.json'), formatInstitutionJson(minimalRecord()));
  return dir;
}

function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    const file = join(dir, name);
    if (name.endsWith('.json')) out[name] = readFileSync(file, 'utf8');
  }
  return out;
}

function runImport(csvFile: string, dir: string) {
  const result = spawnSync(process.execPath, ['scripts/registry-import.ts', csvFile, '--dir', dir, '--today', TODAY], { encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The sheet with one cell changed in data row `row` (0-based). */
function editCell(csv: string, row: number, header: string, value: string): string {
  const rows = parseCsv(csv);
  const target = rows[row + 1];
  if (target === undefined) throw new Error('no such row');
  target[CSV_HEADERS.indexOf(header)] = value;
  return stringifyCsv(rows);
}

describe('registry import', () => {
  it('a sheet with one bad row writes nothing and names the row, column and record', () => {
    const dir = makeRegistry('bad');
    const before = snapshot(dir);
    const good = recordsToCsv([minimalRecord(), richRecord(), sampleRecord()], regions());
    const csvFile = join(root, 'bad.csv');
    writeFileSync(csvFile, editCell(good, 1, '住院·支付方式', '医保；公费'));
    const { status, stderr } = runImport(csvFile, dir);
    expect(status).toBe(1);
    expect(stderr).toContain(
      '第 3 行（编号 zj-test-rich）：住院·支付方式（第 2 项）：应为以下之一：医保 | 按床日付费 | 长护险 | 商业保险 | 自费；实际是文字“公费”',
    );
    expect(stderr).toContain('没有写入任何文件');
    expect(snapshot(dir)).toEqual(before);
    expect(existsSync(join(dir, 'zhejiang', 'zj-test-rich.json'))).toBe(false);
  });

  it('a good sheet writes canonical files, overwrites, never deletes', () => {
    const dir = makeRegistry('good');
    writeFileSync(
      join(dir, 'zhejiang', 'zj-keep.json'),
      formatInstitutionJson(modify(minimalRecord(), (r) => Object.assign(r, { id: 'zj-keep' }))),
    );
    const changed = modify(minimalRecord(), (r) => Object.assign(r, { name: '测试医院（新名）' }));
    const csvFile = join(root, 'good.csv');
    writeFileSync(csvFile, recordsToCsv([changed, richRecord(), sampleRecord()], regions()));
    const { status, stdout, stderr } = runImport(csvFile, dir);
    expect(stderr).toBe('');
    expect(status).toBe(0);
    expect(stdout).toContain('新增 2，更新 1，未改变 0');
    const files = snapshot(dir);
    expect(Object.keys(files).sort()).toEqual([
      'zhejiang/sample-330106.json',
      'zhejiang/zj-keep.json',
      'zhejiang/zj-test-minimal.json',
      'zhejiang/zj-test-rich.json',
    ]);
    expect(files['zhejiang/zj-test-rich.json']).toBe(formatInstitutionJson(richRecord()));
    expect(JSON.parse(files['zhejiang/zj-test-minimal.json'] ?? '{}')).toEqual(changed);
    expect(runImport(csvFile, dir).stdout).toContain('新增 0，更新 0，未改变 3');
  });

  it('checks rows against the existing registry (partners, duplicates within the sheet)', () => {
    const existing = [entry(minimalRecord())];
    const lonely = modify(richRecord(), (r) => Object.assign(r, { referralPartners: ['zj-nobody'] }));
    const plan = planImport({
      csvText: recordsToCsv([lonely, sampleRecord(), sampleRecord()], regions()),
      existing,
      dir: 'content/institutions',
      regions: regions(),
      today: TODAY,
    });
    expect(plan.writes).toEqual([]);
    expect(plan.rowProblems).toEqual([
      '第 2 行（编号 zj-test-rich）：转介合作机构（第 1 项）：找不到编号为 zj-nobody 的记录',
      '第 4 行（编号 sample-330106）：编号：编号与第 3 行重复',
    ]);
    const ok = planImport({
      csvText: recordsToCsv([richRecord()], regions()),
      existing,
      dir: 'content/institutions',
      regions: regions(),
      today: TODAY,
    });
    expect(ok.rowProblems).toEqual([]);
    expect(ok.writes.map((w) => w.file)).toEqual(['content/institutions/zhejiang/zj-test-rich.json']);
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Institution } from '../../src/schemas/institution.ts';
import { CsvSyntaxError, parseCsv, stringifyCsv } from '../../src/lib/csv.ts';
import { decodeDesignation, joinList, splitList } from '../../src/lib/registry/csv/cells.ts';
import { CSV_HEADERS, SERVICE_FIELDS } from '../../src/lib/registry/csv/columns.ts';
import { cellsToRecord, csvToRecords } from '../../src/lib/registry/csv/read.ts';
import { recordToRow, recordsToCsv } from '../../src/lib/registry/csv/write.ts';
import { loadRegistry } from '../../src/lib/registry/load.ts';
import { validateRegistry } from '../../src/lib/registry/validate.ts';
import { TODAY, entry, minimalRecord, modify, regions, richRecord, sampleRecord } from './registry-helpers.ts';

describe('CSV reader and writer', () => {
  it('parses quotes, commas, doubled quotes and line breaks inside fields', () => {
    const text = 'a,b,c\r\n"x, y","he said ""hi""","line1\r\nline2\nline3"\r\n,,""\r\n';
    expect(parseCsv(text)).toEqual([
      ['a', 'b', 'c'],
      ['x, y', 'he said "hi"', 'line1\r\nline2\nline3'],
      ['', '', ''],
    ]);
  });

  it('accepts a BOM, LF or CR line ends and a missing final newline', () => {
    expect(parseCsv('\uFEFF编号,名称\n1,甲')).toEqual([
      ['编号', '名称'],
      ['1', '甲'],
    ]);
    expect(parseCsv('a,b\rc,d\r')).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
    expect(parseCsv('a,\n')).toEqual([['a', '']]);
  });

  it('rejects broken quoting with a line number', () => {
    expect(() => parseCsv('a,b\n"open,c\n')).toThrow(CsvSyntaxError);
    expect(() => parseCsv('a,b\nx"y,c\n')).toThrow(/第 2 行/);
    expect(() => parseCsv('a,b\n"x"y,c\n')).toThrow(/第 2 行/);
  });

  it('writes what it reads', () => {
    const rows = [
      ['编号', '说明'],
      ['1', 'comma, "quote"\nnew line'],
      ['2', ' padded '],
      ['3', ''],
    ];
    const text = stringifyCsv(rows);
    expect(text.startsWith('\uFEFF编号,说明\r\n')).toBe(true);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(parseCsv(text)).toEqual(rows);
    expect(stringifyCsv([['a']], { bom: false })).toBe('a\r\n');
  });

  it('defuses formulas on write and takes the apostrophe off on read', () => {
    const rows = [['=1+1', '+86 10', '-x', '@y', '\tz', 'plain', "'kept"]];
    const text = stringifyCsv(rows, { bom: false });
    expect(text).toBe(`'=1+1,'+86 10,'-x,'@y,'\tz,plain,'kept\r\n`);
    expect(parseCsv(text)).toEqual(rows);
    expect(stringifyCsv([[-1, 2.5]], { bom: false })).toBe('-1,2.5\r\n');
  });

  it('escapes ；and \\ in free-text lists', () => {
    const items = ['普通', '含；分号', '反斜杠\\', '\\；两者'];
    const cell = joinList(items);
    expect(cell.split('；').length).toBeGreaterThan(items.length);
    expect(splitList(cell)).toEqual(items);
    expect(splitList(' 甲 ；；乙 ')).toEqual(['甲', '乙']);
  });

  it('decodes designations', () => {
    expect(decodeDesignation('市级指导中心（2020）：北京市安宁疗护指导中心')).toEqual({
      type: '指导中心',
      level: '市级',
      year: 2020,
      note: '北京市安宁疗护指导中心',
    });
    expect(decodeDesignation('国家级试点单位')).toEqual({ type: '试点单位', level: '国家级' });
    expect(decodeDesignation('省级培训基地(2019): 说明')).toEqual({ type: '培训基地', level: '省级', year: 2019, note: '说明' });
    expect(decodeDesignation('市级基地')).toBeUndefined();
  });
});

function roundTrip(records: readonly Institution[]): unknown[] {
  const sheet = csvToRecords(recordsToCsv(records, regions()), regions());
  expect(sheet.sheetProblems).toEqual([]);
  for (const row of sheet.rows) expect(row.problems).toEqual([]);
  return sheet.rows.map((r) => r.data);
}

describe('record ⇄ row', () => {
  it('has one column per header', () => {
    expect(recordToRow(richRecord(), regions())).toHaveLength(CSV_HEADERS.length);
    expect(new Set(CSV_HEADERS).size).toBe(CSV_HEADERS.length);
    expect(CSV_HEADERS.slice(0, 12)).toEqual([
      '编号',
      '名称',
      '别名',
      '机构类型',
      '等级',
      '性质',
      '区划代码',
      '所在区县',
      '地址',
      '纬度',
      '经度',
      '坐标精度',
    ]);
    expect(CSV_HEADERS).toContain('住院·支付方式');
    expect(CSV_HEADERS).toContain('居家·覆盖区县');
  });

  it('docs/registry.md lists every column (other modes as “同上七列” of 住院)', () => {
    const docs = readFileSync('docs/registry.md', 'utf8');
    const headerOrder = docs.slice(docs.indexOf('完整表头顺序'), docs.indexOf('### 一个格子里写多个值'));
    const sameAsInpatient = new RegExp(`^(?:门诊|居家|会诊|互联网)·(${SERVICE_FIELDS.map((f) => f.label).join('|')})$`);
    for (const header of CSV_HEADERS) expect(headerOrder, header).toContain(header.replace(sameAsInpatient, '住院·$1'));
    expect(headerOrder).toContain(`共 ${CSV_HEADERS.length} 列`);
  });

  it('export → import is lossless for a hand-made rich record', () => {
    const records = [minimalRecord(), richRecord(), sampleRecord()];
    expect(roundTrip(records)).toEqual(records);
    const row = recordToRow(richRecord(), regions());
    expect(row[CSV_HEADERS.indexOf('电话')]).toBe('总机：0571-87654321；病区：夜间：0571-8765 4322转8001；12320');
    expect(row[CSV_HEADERS.indexOf('资质称号')]).toBe(
      '省级指导中心（2021）：浙江省安宁疗护指导中心：含冒号\\；含分号；国家级实践基地；市级试点单位：（2020）开头的说明',
    );
    expect(row[CSV_HEADERS.indexOf('床位数')]).toBe('未知');
    expect(row[CSV_HEADERS.indexOf('服务方式')]).toBe('居家；住院；门诊；会诊；互联网');
  });

  it('export → import is lossless when values start like a formula', () => {
    const risky = modify(richRecord(), (r) => {
      r.name = '=测试医院';
      r.address = '+86 地址';
      r.contact = { phones: [{ number: '+86 571 8765 4321' }, { label: '-', number: '1' }] };
      r.provenance.note = '@备注';
    });
    const text = recordsToCsv([risky], regions());
    expect(text).toContain(",'=测试医院,");
    expect(text).toContain(",'+86 571 8765 4321；-：1,");
    expect(roundTrip([risky])).toEqual([risky]);
  });

  it('export → import is lossless over the shipped registry', () => {
    const { records } = loadRegistry({ today: TODAY, cache: false });
    expect(records.length).toBeGreaterThanOrEqual(117);
    expect(roundTrip(records)).toEqual(records);
  });

  it('accepts friendly variants: county names, Excel dates, other separators', () => {
    const cells = new Map<string, string>();
    const row = recordToRow(sampleRecord(), regions());
    CSV_HEADERS.forEach((h, i) => cells.set(h, row[i] ?? ''));
    cells.set('区划代码', '');
    cells.set('所在区县', '西湖区');
    cells.set('核实日期', '2026/11/1');
    cells.set('居家·覆盖区县', '西湖区、330105');
    cells.set('居家·提供内容', '舒适照护, 心理支持');
    const { data, problems } = cellsToRecord(cells, regions());
    expect(problems).toEqual([]);
    expect(data['regionCode']).toBe('330106');
    expect((data['provenance'] as Record<string, unknown>)['verifiedAt']).toBe('2026-11-01');
    const services = data['services'] as { homeCare: { coverage: string[] }; offers: string[] }[];
    expect(services[0]?.homeCare.coverage).toEqual(['330106', '330105']);
    expect(services[0]?.offers).toEqual(['舒适照护', '心理支持']);
    expect(validateRegistry([entry(data)], regions(), { today: TODAY }).errors).toEqual([]);
  });

  it('flags contradictions and unreadable cells', () => {
    const cells = new Map<string, string>();
    const row = recordToRow(minimalRecord(), regions());
    CSV_HEADERS.forEach((h, i) => cells.set(h, row[i] ?? ''));
    cells.set('所在区县', '拱墅区');
    cells.set('门诊·费用', '免费');
    cells.set('坐标精度', '大概');
    const { problems } = cellsToRecord(cells, regions());
    expect(problems.map((p) => p.column)).toEqual(['所在区县', '坐标精度', '门诊·费用']);
  });

  it('rejects sheets with missing, unknown or repeated headers', () => {
    const headers = CSV_HEADERS.filter((h) => h !== '电话');
    expect(csvToRecords(stringifyCsv([headers]), regions()).sheetProblems.join('\n')).toContain('缺少这些列：电话');
    expect(csvToRecords(stringifyCsv([[...CSV_HEADERS, '颜色']]), regions()).sheetProblems.join('\n')).toContain('颜色');
    expect(csvToRecords(stringifyCsv([[...CSV_HEADERS, '编号']]), regions()).sheetProblems.join('\n')).toContain('出现了两次');
    const withFlag = recordsToCsv([minimalRecord()], regions(), { sampleFlag: true });
    expect(csvToRecords(withFlag, regions()).rows.map((r) => r.data)).toEqual([minimalRecord()]);
  });

  it('skips empty rows and numbers rows like a spreadsheet', () => {
    const text =
      recordsToCsv([minimalRecord()], regions()).replace(/\r\n$/, `\r\n${','.repeat(CSV_HEADERS.length - 1)}\r\n`) +
      recordToRow(
        modify(minimalRecord(), (r) => Object.assign(r, { id: 'zj-b' })),
        regions(),
      ).join(',');
    const sheet = csvToRecords(text, regions());
    expect(sheet.rows.map((r) => [r.rowNumber, r.id])).toEqual([
      [2, 'zj-test-minimal'],
      [4, 'zj-b'],
    ]);
  });
});

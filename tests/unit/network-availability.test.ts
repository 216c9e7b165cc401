/**
 * The availability rules without a database: what a staff member may report, the time
 * window of a report (every status expires, 暂停接收 and 已满可登记等候 too), what the public
 * sees once it has expired, and which modes a screen shows.
 */
import { describe, expect, it } from 'vitest';
import strings from '../../src/i18n/zh-CN.json' with { type: 'json' };
import {
  AVAILABILITY_STATUSES,
  DEFAULT_EXPIRY_HOURS,
  MAX_EXPIRY_HOURS,
  REPORTABLE_STATUSES,
  REPORT_MESSAGES,
  acceptingNow,
  checkReport,
  expiryHoursOf,
  isSampleId,
  modesShown,
  publicStatus,
  reportWindow,
  type ModeReport,
  type ReportField,
} from '../../src/lib/network/availability.ts';

const form =
  (fields: Partial<Record<ReportField, string>>) =>
  (name: ReportField): string | undefined =>
    fields[name];

describe('checking a report', () => {
  it('takes 住院 有空位 with 3 free of 10 open, and fills in the default expiry of 24 hours', () => {
    const check = checkReport('住院', form({ status: '有空位', openBeds: '10', freeBeds: '3' }));
    expect(check).toEqual({
      ok: true,
      report: {
        status: '有空位',
        openBeds: 10,
        freeBeds: 3,
        waiting: null,
        accepts: null,
        area: null,
        note: null,
        expiryHours: DEFAULT_EXPIRY_HOURS,
      },
    });
  });

  it('reads numbers typed with full-width digits and spaces around them', () => {
    const check = checkReport('住院', form({ status: '紧张', openBeds: ' １２ ', freeBeds: '１', expiryHours: '48' }));
    expect(check.ok && check.report).toMatchObject({ openBeds: 12, freeBeds: 1, expiryHours: 48 });
  });

  it('needs a status from the list; 未知 is not something to report', () => {
    expect(REPORTABLE_STATUSES).toEqual(AVAILABILITY_STATUSES.filter((s) => s !== '未知'));
    for (const status of [undefined, '', '未知', '有床']) {
      const check = checkReport('住院', form(status === undefined ? {} : { status }));
      expect(check.ok ? undefined : check.errors.status, String(status)).toBe(REPORT_MESSAGES.statusRequired);
    }
  });

  it('counts are whole numbers from 0, and free beds never above open beds', () => {
    for (const bad of ['-1', '2.5', '三', '1e3', '10000']) {
      const check = checkReport('住院', form({ status: '紧张', openBeds: bad, freeBeds: bad }));
      expect(check.ok ? {} : check.errors, bad).toEqual({ openBeds: REPORT_MESSAGES.countInvalid, freeBeds: REPORT_MESSAGES.countInvalid });
    }
    const above = checkReport('住院', form({ status: '有空位', openBeds: '10', freeBeds: '11' }));
    expect(above.ok ? {} : above.errors).toEqual({ freeBeds: REPORT_MESSAGES.freeAboveOpen });
    expect(checkReport('住院', form({ status: '紧张', openBeds: '0', freeBeds: '0' })).ok).toBe(true);
    // Free beds alone (the ward does not say how many it opens) are fine.
    expect(checkReport('住院', form({ status: '有空位', freeBeds: '2' })).ok).toBe(true);
  });

  it('refuses figures that contradict the status', () => {
    const none = checkReport('住院', form({ status: '有空位', freeBeds: '0' }));
    expect(none.ok ? {} : none.errors).toEqual({ freeBeds: REPORT_MESSAGES.freeWhenAvailable });
    const full = checkReport('住院', form({ status: '已满可登记等候', openBeds: '10', freeBeds: '2' }));
    expect(full.ok ? {} : full.errors).toEqual({ freeBeds: REPORT_MESSAGES.freeWhenFull });
    expect(checkReport('住院', form({ status: '已满可登记等候', openBeds: '10', freeBeds: '0', waiting: '一至四周' })).ok).toBe(true);
  });

  it('takes waiting bands and whom it accepts only from their lists', () => {
    const bad = checkReport('住院', form({ status: '已满可登记等候', waiting: '两周', accepts: '随便' }));
    expect(bad.ok ? {} : bad.errors).toEqual({ waiting: REPORT_MESSAGES.waiting, accepts: REPORT_MESSAGES.accepts });
    const good = checkReport('住院', form({ status: '已满可登记等候', waiting: '一至三个月', accepts: '需医生转介' }));
    expect(good.ok && good.report).toMatchObject({ waiting: '一至三个月', accepts: '需医生转介' });
  });

  it('keeps the area covered for home care only, up to 100 characters on one line', () => {
    const home = checkReport('居家', form({ status: '有空位', area: '  海淀区学院路街道、清河街道 ' }));
    expect(home.ok && home.report.area).toBe('海淀区学院路街道、清河街道');
    const ward = checkReport('住院', form({ status: '有空位', area: '海淀区' }));
    expect(ward.ok && ward.report.area).toBeNull();
    const long = checkReport('居家', form({ status: '有空位', area: '街'.repeat(101) }));
    expect(long.ok ? {} : long.errors).toEqual({ area: REPORT_MESSAGES.areaTooLong });
    const twoLines = checkReport('居家', form({ status: '有空位', area: '海淀区\n朝阳区' }));
    expect(twoLines.ok ? {} : twoLines.errors).toEqual({ area: REPORT_MESSAGES.textInvalid });
  });

  it('takes a note of up to 200 characters (counted as people count them), line breaks allowed', () => {
    expect(checkReport('住院', form({ status: '需先评估', note: '需'.repeat(200) })).ok).toBe(true);
    // 200 characters outside the Basic Multilingual Plane are 400 UTF-16 units: still 200 characters.
    expect(checkReport('住院', form({ status: '需先评估', note: '𠀀'.repeat(200) })).ok).toBe(true);
    const long = checkReport('住院', form({ status: '需先评估', note: '需'.repeat(201) }));
    expect(long.ok ? {} : long.errors).toEqual({ note: REPORT_MESSAGES.noteTooLong });
    const lines = checkReport('住院', form({ status: '需先评估', note: '先门诊评估\r\n周一至周五上午' }));
    expect(lines.ok && lines.report.note).toBe('先门诊评估\n周一至周五上午');
    const control = checkReport('住院', form({ status: '需先评估', note: 'a\u0007b' }));
    expect(control.ok ? {} : control.errors).toEqual({ note: REPORT_MESSAGES.textInvalid });
    const blank = checkReport('住院', form({ status: '需先评估', note: '   ' }));
    expect(blank.ok && blank.report.note).toBeNull();
  });

  it('takes an expiry of 1 to 72 hours, nothing longer, nothing open-ended', () => {
    for (const ok of ['1', '24', '72']) expect(checkReport('住院', form({ status: '暂停接收', expiryHours: ok })).ok, ok).toBe(true);
    for (const bad of ['0', '73', '1000', '-5', '12.5', '永久']) {
      const check = checkReport('住院', form({ status: '暂停接收', expiryHours: bad }));
      expect(check.ok ? {} : check.errors, bad).toEqual({ expiryHours: REPORT_MESSAGES.expiryHours });
    }
  });

  it('names one problem per field, each a Chinese message in the UI strings', () => {
    const check = checkReport(
      '居家',
      (name) =>
        ({
          status: 'x',
          openBeds: 'x',
          freeBeds: 'x',
          waiting: 'x',
          accepts: 'x',
          area: 'a\u0001',
          note: 'n'.repeat(300),
          expiryHours: '0',
        })[name],
    );
    expect(check.ok).toBe(false);
    if (check.ok) return;
    expect(Object.keys(check.errors).sort()).toEqual([
      'accepts',
      'area',
      'expiryHours',
      'freeBeds',
      'note',
      'openBeds',
      'status',
      'waiting',
    ]);
    for (const key of Object.values(REPORT_MESSAGES)) expect(strings[key], key).toMatch(/\p{Script=Han}/u);
  });
});

describe('the time window and what the public sees', () => {
  const now = new Date('2026-12-05T02:00:00.000Z');
  const report = (status: ModeReport['status'], hours: number): ModeReport => ({
    mode: '住院',
    status,
    openBeds: 10,
    freeBeds: status === '有空位' ? 3 : 0,
    waiting: null,
    accepts: null,
    area: null,
    note: null,
    ...reportWindow(now, hours),
  });

  it('expires a report after its hours, and never later than 72 hours', () => {
    expect(reportWindow(now, 24)).toEqual({ reportedAt: '2026-12-05T02:00:00.000Z', expiresAt: '2026-12-06T02:00:00.000Z' });
    expect(reportWindow(now, 500).expiresAt).toBe('2026-12-08T02:00:00.000Z');
    expect(reportWindow(now, 0).expiresAt).toBe('2026-12-05T03:00:00.000Z');
    expect(expiryHoursOf(reportWindow(now, 6))).toBe(6);
    expect(expiryHoursOf({ reportedAt: 'x', expiresAt: 'y' })).toBe(DEFAULT_EXPIRY_HOURS);
  });

  it('shows the status while fresh and 未知 once expired, 暂停接收 and 已满可登记等候 included', () => {
    for (const status of ['有空位', '暂停接收', '已满可登记等候'] as const) {
      const r = report(status, MAX_EXPIRY_HOURS);
      const before = publicStatus(r, new Date(Date.parse(r.expiresAt) - 1));
      expect(before).toMatchObject({ fresh: true, shownStatus: status });
      const at = publicStatus(r, new Date(r.expiresAt));
      expect(at).toMatchObject({ fresh: false, shownStatus: '未知', status, reportedAt: r.reportedAt });
    }
  });

  it('counts a mode as able to take someone now only while fresh and not full or paused', () => {
    const later = new Date(now.getTime() + 25 * 3_600_000);
    expect(acceptingNow(publicStatus(report('有空位', 24), now))).toBe(true);
    expect(acceptingNow(publicStatus(report('有空位', 24), later))).toBe(false);
    expect(acceptingNow(publicStatus(report('已满可登记等候', 24), now))).toBe(false);
    expect(acceptingNow(publicStatus(report('暂停接收', 24), now))).toBe(false);
  });
});

describe('institutions and modes', () => {
  it('knows a sample by its id', () => {
    expect(isSampleId('sample-330106')).toBe(true);
    expect(isSampleId('bj-tsinghua-changgung')).toBe(false);
  });

  it("shows the listing's modes plus any reported, in the registry's order; all when the listing names none", () => {
    expect(modesShown(['居家', '住院'])).toEqual(['住院', '居家']);
    expect(modesShown(['住院'], ['互联网'])).toEqual(['住院', '互联网']);
    expect(modesShown([])).toEqual(['住院', '门诊', '居家', '会诊', '互联网']);
  });
});

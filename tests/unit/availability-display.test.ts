/**
 * What the public pages say about live availability (src/lib/network/availability-display.ts)
 * and how they read the feed (availability-feed.ts): the badge's mode, the words of each state,
 * the time in China and the honest wording once a report has expired. The clock is a parameter.
 */
import { describe, expect, it } from 'vitest';
import { translator } from '../../src/i18n/island.ts';
import { pickStrings } from '../../src/i18n/pick.ts';
import { publicStatus, type ModeReport, type PublicModeStatus } from '../../src/lib/network/availability.ts';
import {
  badgeMode,
  badgeText,
  chinaTime,
  figuresText,
  liveState,
  modeLines,
  pageModes,
  statusTone,
} from '../../src/lib/network/availability-display.ts';
import { readAvailabilityFeed } from '../../src/lib/network/availability-feed.ts';

const t = translator(pickStrings(['live.']));
/** 2026-12-05 14:30 in Beijing. */
const NOW = new Date('2026-12-05T06:30:00Z');

function report(patch: Partial<ModeReport> = {}): ModeReport {
  return {
    mode: '住院',
    status: '有空位',
    openBeds: 20,
    freeBeds: 3,
    waiting: '一周内',
    accepts: '家属可直接咨询',
    area: null,
    note: null,
    reportedAt: '2026-12-05T01:05:00Z',
    expiresAt: '2026-12-06T01:05:00Z',
    ...patch,
  };
}
const seen = (r: ModeReport, at = NOW): PublicModeStatus => publicStatus(r, at);

describe('which mode a badge speaks for', () => {
  it('住院 when the institution offers it, whatever else it reported', () => {
    expect(badgeMode(['门诊', '住院'], { 门诊: {} })).toBe('住院');
  });
  it('else the first mode it offers, in registry order', () => {
    expect(badgeMode(['居家', '门诊'], { 门诊: {} })).toBe('居家');
  });
  it('else the first mode it reported on; nothing when it offers and reports nothing', () => {
    expect(badgeMode([], { 会诊: {}, 门诊: {} })).toBe('门诊');
    expect(badgeMode([], undefined)).toBeNull();
  });
  it('an institution page lists what it offers, then what else it reported', () => {
    expect(pageModes(['居家'], { 住院: {}, 居家: {} })).toEqual(['居家', '住院']);
    expect(pageModes(['住院'], undefined)).toEqual(['住院']);
  });
});

describe('time in China', () => {
  it('says 今天 and 昨天 by the Beijing calendar, not UTC', () => {
    expect(chinaTime('2026-12-05T01:05:00Z', NOW, t)).toBe('今天 09:05');
    // 23:30 UTC on the 4th is 07:30 on the 5th in Beijing.
    expect(chinaTime('2026-12-04T23:30:00Z', NOW, t)).toBe('今天 07:30');
    expect(chinaTime('2026-12-04T15:59:00Z', NOW, t)).toBe('昨天 23:59');
  });
  it('gives month and day, and the year only when it is not this year', () => {
    expect(chinaTime('2026-12-01T00:00:00Z', NOW, t)).toBe('12月1日 08:00');
    expect(chinaTime('2025-12-31T20:00:00Z', new Date('2026-01-03T00:00:00Z'), t)).toBe('1月1日 04:00');
    expect(chinaTime('2025-11-30T20:00:00Z', NOW, t)).toBe('2025年12月1日 04:00');
  });
});

describe('the state at the reader’s clock', () => {
  it('is fresh while the server and this clock both say so', () => {
    expect(liveState(seen(report()), NOW).kind).toBe('fresh');
  });
  it('falls to expired (未知) when the expiry passes on this clock, even if the server still said fresh', () => {
    const cached = seen(report(), NOW); // the feed as the server made it
    const later = new Date('2026-12-06T01:06:00Z');
    const state = liveState(cached, later);
    expect(state.kind).toBe('expired');
    expect(state.kind === 'expired' && state.report.shownStatus).toBe('未知');
  });
  it('trusts the server when it says expired, whatever this clock says', () => {
    const expired = seen(report(), new Date('2026-12-07T00:00:00Z'));
    expect(liveState(expired, NOW).kind).toBe('expired');
  });
  it('knows samples and institutions that never reported', () => {
    expect(liveState(seen(report()), NOW, true).kind).toBe('sample');
    expect(liveState(undefined, NOW).kind).toBe('never');
  });
});

describe('the words on an institution page', () => {
  it('fresh: status, beds, waiting band, whom it accepts, time and 请致电确认', () => {
    const lines = modeLines('住院', liveState(seen(report({ note: '需先门诊评估' })), NOW), NOW, t);
    expect(lines.heading).toBe('住院病床：有空位');
    expect(lines.details).toEqual(['空床 3 张，共开放 20 张', '等候时间：一周内', '家属可直接咨询', '机构说明：需先门诊评估']);
    expect(lines.time).toBe('更新于今天 09:05，请致电确认。');
    expect(lines.tone).toBe('open');
  });
  it('expired: 未知 and only when it was last updated, no figure shown as current', () => {
    const lines = modeLines('住院', liveState(seen(report({ expiresAt: '2026-12-05T06:00:00Z' })), NOW), NOW, t);
    expect(lines.heading).toBe('住院病床：未知');
    expect(lines.details).toEqual([]);
    expect(lines.time).toBe('最近一次更新是今天 09:05，已经过期，现在的情况不清楚。请先致电确认。');
    expect(lines.tone).toBe('unknown');
  });
  it('never reported, and sample', () => {
    expect(modeLines('居家', liveState(undefined, NOW), NOW, t)).toMatchObject({ heading: '居家/家庭病床名额：还没有上报', time: null });
    expect(modeLines('住院', liveState(undefined, NOW, true), NOW, t).heading).toBe('示例机构：没有实时接收情况');
  });
  it('counts beds for 住院 and places for the other modes, and only what was reported', () => {
    expect(figuresText({ mode: '住院', openBeds: 20, freeBeds: null }, t)).toBe('开放床位 20 张');
    expect(figuresText({ mode: '住院', openBeds: null, freeBeds: 0 }, t)).toBe('空床 0 张');
    expect(figuresText({ mode: '居家', openBeds: 30, freeBeds: 4 }, t)).toBe('空余 4 个，共 30 个');
    expect(figuresText({ mode: '门诊', openBeds: null, freeBeds: null }, t)).toBeNull();
  });
  it('tones: open, limited, closed and unknown', () => {
    const tone = (status: ModeReport['status']) => statusTone(liveState(seen(report({ status })), NOW));
    expect([tone('有空位'), tone('紧张'), tone('需先评估'), tone('已满可登记等候'), tone('暂停接收'), tone('未知')]).toEqual([
      'open',
      'limited',
      'limited',
      'closed',
      'closed',
      'unknown',
    ]);
  });
});

describe('the finder badge', () => {
  it('fresh, expired and never reported; nothing for samples (they say 示例 already)', () => {
    expect(badgeText('住院', liveState(seen(report({ status: '紧张' })), NOW), NOW, t)).toBe(
      '住院病床：紧张（更新于今天 09:05，请致电确认）',
    );
    const expired = liveState(seen(report({ reportedAt: '2026-12-01T00:00:00Z', expiresAt: '2026-12-02T00:00:00Z' })), NOW);
    expect(badgeText('住院', expired, NOW, t)).toBe('住院病床：未知（最近一次更新是12月1日 08:00，请先致电确认）');
    expect(badgeText('住院', liveState(undefined, NOW), NOW, t)).toBe('还没有上报现在的接收情况');
    expect(badgeText('住院', liveState(seen(report()), NOW, true), NOW, t)).toBeNull();
  });
});

describe('reading the feed', () => {
  const good = { ...seen(report()) } as Record<string, unknown>;
  it('keeps well-formed entries and drops malformed ones rather than guessing', () => {
    const feed = readAvailabilityFeed({
      generatedAt: NOW.toISOString(),
      institutions: {
        a: { 住院: good, 门诊: { ...good, status: '很多' } },
        b: { 住院: { ...good, freeBeds: -1 } },
        c: { 住院: { ...good, expiresAt: 'soon' } },
        d: { 飞行: good },
        e: 'x',
      },
    });
    expect(feed?.institutions).toEqual({ a: { 住院: { ...good, mode: '住院' } } });
  });
  it('refuses what is not a feed', () => {
    expect(readAvailabilityFeed(null)).toBeNull();
    expect(readAvailabilityFeed({ institutions: {} })).toBeNull();
    expect(readAvailabilityFeed({ generatedAt: NOW.toISOString(), institutions: [] })).toBeNull();
  });
  it('reads missing optional fields as not reported', () => {
    const { openBeds: _o, freeBeds: _f, note: _n, ...rest } = good;
    const feed = readAvailabilityFeed({ generatedAt: NOW.toISOString(), institutions: { a: { 住院: rest } } });
    expect(feed?.institutions['a']?.住院).toMatchObject({ openBeds: null, freeBeds: null, note: null });
  });
});

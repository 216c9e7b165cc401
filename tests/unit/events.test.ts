import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ICAL from 'ical.js';
import { afterAll, describe, expect, it } from 'vitest';
import { activityCounts } from '../../src/lib/events/activity.ts';
import { chinaInstant, qingming, qingmingWeek, worldHospiceDay } from '../../src/lib/events/dates.ts';
import { enrolProblems } from '../../src/lib/events/enrol.ts';
import { eventsCalendar } from '../../src/lib/events/ics.ts';
import { eventJsonLd } from '../../src/lib/events/jsonld.ts';
import { EventsError, eventsDir, loadEvents } from '../../src/lib/events/load.ts';
import { past, upcoming, viewEvents } from '../../src/lib/events/listing.ts';
import { validateEvents, type EventEntry } from '../../src/lib/events/validate.ts';
import { formatProblem } from '../../src/lib/registry/errors.ts';
import { loadRegions, loadRegistry } from '../../src/lib/registry/load.ts';
import { SAMPLE_EVENT_SOURCE, eventSchema, formatEventFile, type EventRecord } from '../../src/schemas/event.ts';

const regions = loadRegions();
const registry = loadRegistry({ samples: true });
const institutions = new Map(registry.records.map((r) => [r.id, { sample: r.provenance.kind === 'sample', regionCode: r.regionCode }]));
const NOW = new Date('2026-12-03T12:00:00+08:00');

/** A real (not sample) event at a real institution, valid as it stands. */
function realEvent(over: Partial<EventRecord> = {}): EventRecord {
  return {
    id: '2027-03-20-haidian-talk',
    title: '安宁疗护讲座',
    summary: '介绍安宁疗护。',
    description: '讲座内容。',
    kind: '讲座',
    reach: '进社区',
    audience: ['公众'],
    start: '2027-03-20T14:00',
    end: '2027-03-20T15:30',
    status: '如期举行',
    place: { county: '110108', address: '某街道社区活动中心', online: false },
    organiser: { institution: 'bj-haidian-hospital' },
    cost: '免费',
    takePart: { open: '直接到场' },
    sequence: 0,
    updatedAt: '2026-12-03',
    sample: false,
    provenance: { kind: 'institution', source: '主办机构提供', verifiedAt: '2026-12-03' },
    ...over,
  };
}

function lines(entries: EventEntry[]): string[] {
  return validateEvents(entries, { regions, institutions }).errors.map(formatProblem);
}

const entry = (data: unknown, id = (data as { id: string }).id): EventEntry => ({ file: `content/events/${id}.json`, data });

describe('days that matter', () => {
  it('世界安宁缓和医疗日 is the second Saturday of October', () => {
    expect([2024, 2025, 2026, 2027, 2028].map(worldHospiceDay)).toEqual([
      '2024-10-12',
      '2025-10-11',
      '2026-10-10',
      '2027-10-09',
      '2028-10-14',
    ]);
    for (const year of [2024, 2025, 2026, 2027, 2028, 2030, 2035]) {
      const d = new Date(`${worldHospiceDay(year)}T00:00:00Z`);
      expect(d.getUTCDay()).toBe(6);
      expect(d.getUTCDate()).toBeGreaterThan(7);
      expect(d.getUTCDate()).toBeLessThanOrEqual(14);
    }
  });

  it('清明 falls on the published dates', () => {
    expect([2024, 2025, 2026, 2027, 2028].map(qingming)).toEqual(['2024-04-04', '2025-04-04', '2026-04-05', '2027-04-05', '2028-04-04']);
    expect(qingmingWeek(2026)).toEqual({ from: '2026-03-29', to: '2026-04-12' });
  });

  it('China wall time is one instant whatever the machine clock', () => {
    expect(chinaInstant('2026-10-10T09:00').toISOString()).toBe('2026-10-10T01:00:00.000Z');
  });
});

describe('validateEvents', () => {
  it('passes a good real event', () => {
    expect(lines([entry(realEvent())])).toEqual([]);
  });

  it('names file, event and field in one Chinese line', () => {
    const bad = { ...realEvent(), kind: '演出', start: '2027/03/20 14:00' };
    const out = lines([entry(bad)]);
    expect(out).toHaveLength(2);
    for (const line of out) {
      expect(line.startsWith('content/events/2027-03-20-haidian-talk.json: 2027-03-20-haidian-talk: ')).toBe(true);
      expect(line).not.toContain('\n');
    }
    expect(out[0]).toContain(': kind: 应为以下之一：讲座');
    expect(out[1]).toContain(': start: 应为北京时间，格式 YYYY-MM-DDTHH:MM');
  });

  it('checks cross-field rules: file name, end after start, county level, organiser, enrol', () => {
    expect(lines([entry(realEvent(), 'other')])[0]).toContain('id: 文件名应与编号一致');
    expect(lines([entry(realEvent({ end: '2027-03-20T13:00' }))])[0]).toContain('end: 结束时间');
    expect(lines([entry(realEvent({ place: { county: '330100', address: 'x', online: false } }))])[0]).toContain(
      'place.county: 应为区县级代码',
    );
    expect(lines([entry(realEvent({ organiser: { institution: 'bj-nowhere' } }))])[0]).toContain(
      'organiser.institution: 找不到编号为 bj-nowhere 的机构',
    );
    expect(lines([entry(realEvent({ place: { county: '110108', online: true } }))])[0]).toContain('place.onlineHow');
  });

  it('checks 世界安宁缓和医疗日 and 清明 dates against the computed days', () => {
    const wrongDay = realEvent({
      id: '2027-10-16-day',
      observance: '世界安宁缓和医疗日',
      start: '2027-10-16T09:00',
      end: '2027-10-16T11:00',
    });
    expect(lines([entry(wrongDay)])[0]).toContain('start: 世界安宁缓和医疗日是每年十月的第二个星期六，2027 年是 2027-10-09');
    const rightDay = realEvent({
      id: '2027-10-09-day',
      observance: '世界安宁缓和医疗日',
      start: '2027-10-09T09:00',
      end: '2027-10-09T11:00',
    });
    expect(lines([entry(rightDay)])).toEqual([]);
    const lateQingming = realEvent({
      id: '2027-05-01-qm',
      observance: '清明生命教育周',
      start: '2027-05-01T09:00',
      end: '2027-05-01T11:00',
    });
    expect(lines([entry(lateQingming)])[0]).toContain('清明前后七天内（2027-03-29 至 2027-04-12）');
  });

  it('keeps samples and real events apart, both ways', () => {
    const sampleAtReal = realEvent({
      sample: true,
      title: '讲座（示例）',
      place: { county: '110108', online: false },
      provenance: { kind: 'sample', source: SAMPLE_EVENT_SOURCE, verifiedAt: '2026-12-03' },
    });
    expect(lines([entry(sampleAtReal)]).join('\n')).toContain('organiser: 示例活动的主办方应为示例机构');
    const phone = realEvent({
      sample: true,
      title: '讲座（示例）',
      organiser: { institution: 'sample-110108' },
      place: { county: '110108', online: false },
      takePart: { contact: '电话 010-62345678' },
      provenance: { kind: 'sample', source: SAMPLE_EVENT_SOURCE, verifiedAt: '2026-12-03' },
    });
    expect(lines([entry(phone)])).toEqual([expect.stringContaining('takePart.contact: 示例活动不能写电话号码')]);
    const realAtSample = realEvent({ organiser: { institution: 'sample-110108' } });
    expect(lines([entry(realAtSample)])[0]).toContain('organiser: 真实活动的主办方不能是示例机构');
  });
});

describe('loadEvents', () => {
  it('reads test events only into a build under .builds/', () => {
    expect(eventsDir({})).toBe('content/events');
    expect(eventsDir({ EVENTS_DIR: 'tests/fixtures/events', DIST_DIR: '.builds/x' })).toBe('tests/fixtures/events');
    expect(() => eventsDir({ EVENTS_DIR: 'tests/fixtures/events' })).toThrow(/只用于测试的构建/);
  });

  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('fails with one line per problem, naming the file and field (what stops the build)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'events-'));
    dirs.push(dir);
    writeFileSync(join(dir, '2027-03-20-haidian-talk.json'), JSON.stringify({ ...realEvent(), cost: '' }));
    writeFileSync(join(dir, '2027-03-21-broken.json'), '{ "id": ');
    let error: unknown;
    try {
      loadEvents({ dir, cache: false, samples: true });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(EventsError);
    const message = (error as Error).message.split('\n');
    expect(message[0]).toBe('活动文件有 2 处错误：');
    expect(message[1]).toMatch(/2027-03-21-broken\.json: （无编号）: （文件）: 不是有效的 JSON/);
    expect(message[2]).toMatch(/2027-03-20-haidian-talk\.json: 2027-03-20-haidian-talk: cost: 不能为空/);
  });

  it('reads the shipped events: canonical files, both provinces, past and upcoming, the days that matter', () => {
    const events = loadEvents({ samples: true, cache: false });
    expect(events.length).toBeGreaterThanOrEqual(12);
    for (const name of readdirSync('content/events')) {
      const text = readFileSync(join('content/events', name), 'utf8');
      expect(formatEventFile(eventSchema.parse(JSON.parse(text))), name).toBe(text);
    }
    expect(events.every((e) => e.sample && e.title.endsWith('（示例）'))).toBe(true);
    const provinces = new Set(events.map((e) => e.place.county.slice(0, 2)));
    expect(provinces).toEqual(new Set(['11', '33']));
    const views = viewEvents(events, registry.records, regions, NOW);
    expect(upcoming(views).length).toBeGreaterThan(3);
    expect(past(views).length).toBeGreaterThan(3);
    const days = events.filter((e) => e.observance === '世界安宁缓和医疗日').map((e) => e.start.slice(0, 10));
    expect(days).toContain(worldHospiceDay(2026));
    expect(days).toContain(worldHospiceDay(2027));
    expect(events.some((e) => e.observance === '清明生命教育周')).toBe(true);
  });
});

describe('iCalendar', () => {
  const views = viewEvents(
    [
      realEvent(),
      realEvent({ id: '2027-03-21-cancelled', start: '2027-03-21T19:30', end: '2027-03-21T21:00', status: '已取消', sequence: 2 }),
    ],
    registry.records,
    regions,
    NOW,
  );
  const text = eventsCalendar(views, {
    name: '测试日历',
    site: 'https://example.org',
    ttlSeconds: 43200,
    eventPath: (id) => `/events/${id}/`,
    sampleNote: '示例',
    onlineLabel: '线上',
  });

  it('is RFC 5545 with Asia/Shanghai times that parse back (ical.js)', () => {
    const cal = new ICAL.Component(ICAL.parse(text) as unknown[]);
    const tz = cal.getFirstSubcomponent('vtimezone');
    expect(tz?.getFirstPropertyValue('tzid')).toBe('Asia/Shanghai');
    if (tz === null) throw new Error('no VTIMEZONE');
    ICAL.TimezoneService.register(new ICAL.Timezone(tz));
    const events = cal.getAllSubcomponents('vevent').map((c) => new ICAL.Event(c));
    expect(events).toHaveLength(2);
    const first = events[0] as ICAL.Event;
    expect(cal.getFirstSubcomponent('vevent')?.getFirstProperty('dtstart')?.getParameter('tzid')).toBe('Asia/Shanghai');
    expect(first.startDate.zone?.tzid).toBe('Asia/Shanghai');
    expect(first.startDate.toString()).toBe('2027-03-20T14:00:00');
    expect(first.startDate.toJSDate().toISOString()).toBe('2027-03-20T06:00:00.000Z');
    expect(first.uid).toBe('2027-03-20-haidian-talk@example.org');
    expect(text).toMatch(/\r\nDTSTAMP:\d{8}T\d{6}Z\r\n/);
    const second = cal.getAllSubcomponents('vevent')[1];
    expect(second?.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(second?.getFirstPropertyValue('sequence')).toBe(2);
    expect(text).toContain('REFRESH-INTERVAL;VALUE=DURATION:PT12H');
  });

  it('keeps an empty calendar valid: the time zone is its one component', () => {
    const empty = eventsCalendar([], { name: '空', site: 'https://example.org', eventPath: (id) => id, sampleNote: '', onlineLabel: '' });
    const cal = new ICAL.Component(ICAL.parse(empty) as unknown[]);
    expect(cal.getAllSubcomponents().map((c) => c.name)).toEqual(['vtimezone']);
    expect(empty.endsWith('END:VTIMEZONE\r\nEND:VCALENDAR')).toBe(true);
  });

  it('does not depend on the machine time zone', () => {
    // TZDate carries the zone; the output must not change with TZ (the build may run in UTC).
    expect(text).toContain('DTSTART;TZID=Asia/Shanghai:20270320T140000');
    expect(text).toContain('DTEND;TZID=Asia/Shanghai:20270321T210000');
  });
});

describe('schema.org Event', () => {
  it('states status, attendance mode and China times for a real event, nothing for a sample', () => {
    const [real, cancelled] = viewEvents(
      [realEvent(), realEvent({ id: '2027-03-20-x', status: '已取消', place: { county: '110108', online: true, onlineHow: '线上会议' } })],
      registry.records,
      regions,
      NOW,
    );
    const data = eventJsonLd(
      real!,
      'https://example.org/events/2027-03-20-haidian-talk/',
      'https://example.org/services/bj-haidian-hospital/',
    );
    expect(data).toMatchObject({
      '@type': 'Event',
      startDate: '2027-03-20T14:00:00+08:00',
      eventStatus: 'https://schema.org/EventScheduled',
      eventAttendanceMode: 'https://schema.org/OfflineEventAttendanceMode',
      location: { '@type': 'Place', address: { streetAddress: '某街道社区活动中心' } },
      organizer: { name: '北京市海淀医院' },
    });
    expect(eventJsonLd(cancelled!, 'u', undefined)).toMatchObject({
      eventStatus: 'https://schema.org/EventCancelled',
      eventAttendanceMode: 'https://schema.org/OnlineEventAttendanceMode',
    });
    const [sample] = viewEvents(loadEvents({ samples: true, cache: false }).slice(0, 1), registry.records, regions, NOW);
    expect(eventJsonLd(sample!, 'u', undefined)).toBeNull();
  });
});

describe('activity counts for /targets/', () => {
  it('counts past real events by county, quarter and reach; samples and cancelled ones are left out', () => {
    const events = [
      realEvent({ id: '2026-10-10-a', start: '2026-10-10T09:00', end: '2026-10-10T11:00', reach: '进社区' }),
      realEvent({ id: '2026-11-10-b', start: '2026-11-10T09:00', end: '2026-11-10T11:00', reach: '进家庭' }),
      realEvent({ id: '2026-11-11-c', start: '2026-11-11T09:00', end: '2026-11-11T11:00', status: '已取消' }),
      realEvent({ id: '2027-01-10-future', start: '2027-01-10T09:00', end: '2027-01-10T11:00' }),
      realEvent({ id: '2026-10-12-s', start: '2026-10-12T09:00', end: '2026-10-12T11:00', sample: true }),
    ];
    const counts = activityCounts(events, regions, NOW);
    expect(counts.counted).toBe(2);
    expect(counts.samplesLeftOut).toBe(1);
    expect(counts.cancelledLeftOut).toBe(1);
    expect(counts.rows).toEqual([
      expect.objectContaining({
        county: '110108',
        countyName: '海淀区',
        quarter: '2026-Q4',
        counts: { 进机构: 0, 进社区: 1, 进家庭: 1 },
        total: 2,
      }),
    ]);
  });

  it('counts nothing from the shipped sample events', () => {
    const counts = activityCounts(loadEvents({ samples: true, cache: false }), regions, NOW);
    expect(counts.rows).toEqual([]);
    expect(counts.samplesLeftOut).toBeGreaterThan(0);
  });
});

describe('enrolment links', () => {
  it('names a missing course, a missing session and a session on another day', () => {
    const sessions = new Map([['home-care-for-family', new Map([['s1', '2027-03-20']])]]);
    const ok = realEvent({ takePart: { enrol: { course: 'home-care-for-family', session: 's1' } } });
    expect(enrolProblems([ok], sessions)).toEqual([]);
    const lines = enrolProblems(
      [
        realEvent({ takePart: { enrol: { course: 'nope', session: 's1' } } }),
        realEvent({ takePart: { enrol: { course: 'home-care-for-family', session: 's2' } } }),
        realEvent({
          start: '2027-03-22T14:00',
          end: '2027-03-22T15:00',
          takePart: { enrol: { course: 'home-care-for-family', session: 's1' } },
        }),
      ],
      sessions,
    ).map(formatProblem);
    expect(lines[0]).toContain('takePart.enrol.course: 找不到课程 nope');
    expect(lines[1]).toContain('takePart.enrol.session: 课程 home-care-for-family 没有编号为 s2 的场次');
    expect(lines[2]).toContain('场次 s1 在 2027-03-20，活动却在 2027-03-22');
  });
});

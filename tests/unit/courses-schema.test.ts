import { describe, expect, it } from 'vitest';
import { courseSchema, lessonSchema } from '../../src/schemas/course.ts';

const ids = new Set(['sample-330106', 'bj-longfu']);

/** A valid course, to be broken one field at a time. */
function course(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: '岁月的智慧',
    summary: '写给老年大学学员的五节课。',
    audience: ['老年大学'],
    format: '课堂',
    minutesPerLesson: 60,
    objectives: ['说出晚年意义感的来源'],
    materials: [],
    provider: '本站编写组',
    review: { by: '本站编辑组', date: '2026-11-22' },
    sources: [{ plan: 'zhejiang', clause: '三（五）12', quote: '列入老年大学及社区老年教育课程内容' }],
    sessions: [
      {
        id: '2026-12-xihu-1',
        date: '2026-12-10',
        time: '14:00-15:30',
        place: { institution: 'sample-330106' },
        seats: 30,
        enrolment: 'open',
        sample: true,
      },
    ],
    ...overrides,
  };
}

/** "path: message" lines of a failed parse. */
function problems(data: unknown): string[] {
  const result = courseSchema(ids).safeParse(data);
  expect(result.success).toBe(false);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

describe('courseSchema', () => {
  it('accepts a complete course and parses dates', () => {
    const parsed = courseSchema(ids).parse(course());
    expect(parsed.review.date).toBeInstanceOf(Date);
    expect(parsed.sessions[0]?.date.toISOString().slice(0, 10)).toBe('2026-12-10');
  });

  it('accepts a session at a plain address', () => {
    expect(
      courseSchema(ids).safeParse(
        course({
          sessions: [
            {
              id: 'a-1',
              date: '2026-12-10',
              time: '9:30-11:00',
              place: { address: '某街道活动室（示例）' },
              seats: 20,
              enrolment: 'closed',
              sample: true,
            },
          ],
        }),
      ).success,
    ).toBe(true);
  });

  it('rejects a course without an audience, saying so', () => {
    const { audience: _omitted, ...withoutAudience } = course();
    expect(problems(withoutAudience)).toEqual(['audience: 缺少受众（audience），至少写一个，例如 audience: [小学]']);
  });

  it('rejects an empty audience list and unknown audiences', () => {
    expect(problems(course({ audience: [] }))).toEqual(['audience: 至少要有一个受众（audience）']);
    expect(problems(course({ audience: ['大学'] }))[0]).toMatch(/^audience\.0: 受众必须是：小学、初中/);
  });

  it('rejects a session whose institution is not in the registry, naming the id', () => {
    const session = {
      id: 's-1',
      date: '2026-12-10',
      time: '14:00-15:30',
      place: { institution: 'sample-999999' },
      seats: 30,
      enrolment: 'open',
      sample: true,
    };
    expect(problems(course({ sessions: [session] }))).toEqual(['sessions.0.place.institution: 机构编号 sample-999999 不在机构名录中']);
  });

  it('rejects a misspelt field (strict objects)', () => {
    expect(problems(course({ audiences: ['小学'] })).join('\n')).toMatch(/audiences/);
  });

  describe('publicSources (sources other than the plans, shared with the guides)', () => {
    const source = {
      title: '广西（南宁）12355青少年服务台揭牌',
      publisher: '中国新闻网',
      date: '2023-04-26',
      url: 'http://www.gx.chinanews.com/sh/2023-04-26/detail-ihcnvyrk7961341.shtml',
      note: '12355 青少年服务台',
    };

    it('defaults to none and accepts a complete source, with a year-only date', () => {
      expect(courseSchema(ids).parse(course()).publicSources).toEqual([]);
      const parsed = courseSchema(ids).parse(course({ publicSources: [source, { ...source, date: 2025 }] }));
      expect(parsed.publicSources.map((r) => r.date)).toEqual(['2023-04-26', '2025']);
    });

    it('requires a web address and a readable date', () => {
      expect(problems(course({ publicSources: [{ ...source, url: 'www.example.org' }] }))[0]).toMatch(/^publicSources\.0\.url: /);
      expect(problems(course({ publicSources: [{ ...source, url: 'javascript:alert(1)' }] }))[0]).toMatch(/^publicSources\.0\.url: /);
      expect(problems(course({ publicSources: [{ ...source, date: '2023年4月' }] }))[0]).toMatch(/^publicSources\.0\.date: 日期格式/);
    });
  });
});

describe('lessonSchema', () => {
  const lesson = { title: '生命的四季', order: 1, minutes: 40, summary: '认识生命周期。', objectives: ['说出生命周期的阶段'] };

  it('accepts a lesson without a teacher section (checked against the course elsewhere)', () => {
    expect(lessonSchema.safeParse(lesson).success).toBe(true);
  });

  it('rejects an incomplete teacher section', () => {
    const result = lessonSchema.safeParse({ ...lesson, teacher: { goals: ['目标'] } });
    expect(result.success).toBe(false);
    expect(result.success ? [] : result.error.issues.map((i) => i.path.join('.'))).toContain('teacher.parentLetter');
  });
});

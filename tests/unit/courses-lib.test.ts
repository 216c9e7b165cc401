import { describe, expect, it } from 'vitest';
import { sortCatalog } from '../../src/lib/courses/catalog-order.ts';
import { formatDate, formatTimeRange } from '../../src/lib/courses/format.ts';
import { lessonCourse, lessonSlug } from '../../src/lib/courses/lesson-id.ts';
import { courseLessonProblems, isSchoolCourse, teacherMinutes } from '../../src/lib/courses/lesson-rules.ts';
import { dateKey, nextSession, startMinutes, upcomingSessions } from '../../src/lib/courses/sessions.ts';

const d = (iso: string) => new Date(`${iso}T00:00:00Z`);
const file = (name: string) => `content/courses/c/lessons/${name}.mdx`;

describe('isSchoolCourse', () => {
  it('is true when any audience is 小学, 初中 or 高中', () => {
    expect(isSchoolCourse(['小学'])).toBe(true);
    expect(isSchoolCourse(['社区居民', '高中'])).toBe(true);
    expect(isSchoolCourse(['老年大学', '社区居民'])).toBe(false);
  });
});

describe('courseLessonProblems', () => {
  it('accepts lessons ordered 1..n in any file order', () => {
    const lessons = [
      { file: file('02-b'), order: 2, hasTeacher: false },
      { file: file('01-a'), order: 1, hasTeacher: false },
    ];
    expect(courseLessonProblems({ id: 'c', audience: ['社区居民'] }, lessons)).toEqual([]);
  });

  it('names each school lesson without a teacher section', () => {
    const lessons = [
      { file: file('01-a'), order: 1, hasTeacher: true },
      { file: file('02-b'), order: 2, hasTeacher: false },
    ];
    const problems = courseLessonProblems({ id: 'c', audience: ['初中'] }, lessons);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^content\/courses\/c\/lessons\/02-b\.mdx: 课程「c」面向初中，每节课都必须有 teacher/);
  });

  it('does not require a teacher section outside schools', () => {
    expect(courseLessonProblems({ id: 'c', audience: ['志愿者'] }, [{ file: file('01-a'), order: 1, hasTeacher: false }])).toEqual([]);
  });

  it('reports a gap in the order, naming the files and the expected range', () => {
    const lessons = [
      { file: file('01-a'), order: 1, hasTeacher: false },
      { file: file('02-b'), order: 3, hasTeacher: false },
    ];
    const [problem, ...rest] = courseLessonProblems({ id: 'c', audience: ['社区居民'] }, lessons);
    expect(rest).toEqual([]);
    expect(problem).toBe(
      'content/courses/c/lessons/02-b.mdx: 课程「c」共 2 节课，order 必须正好是 1 到 2 各一次（缺少 2）；现在是：01-a.mdx=1，02-b.mdx=3',
    );
  });

  it('reports duplicate orders, naming both files', () => {
    const lessons = [
      { file: file('01-a'), order: 1, hasTeacher: false },
      { file: file('02-b'), order: 1, hasTeacher: false },
    ];
    const [problem] = courseLessonProblems({ id: 'c', audience: ['社区居民'] }, lessons);
    expect(problem).toMatch(/^content\/courses\/c\/lessons\/01-a\.mdx、content\/courses\/c\/lessons\/02-b\.mdx: .*缺少 2/);
  });

  it('reports an order that does not start at 1', () => {
    const [problem] = courseLessonProblems({ id: 'c', audience: ['社区居民'] }, [{ file: file('01-a'), order: 2, hasTeacher: false }]);
    expect(problem).toMatch(/01-a\.mdx: .*1 到 1.*缺少 1/);
  });
});

describe('teacherMinutes', () => {
  it('adds up the steps', () => {
    expect(
      teacherMinutes({
        process: [
          { minutes: 5, step: '导入', activity: '…' },
          { minutes: 35, step: '活动', activity: '…' },
        ],
      }),
    ).toBe(40);
  });
});

describe('sessions', () => {
  const sessions = [
    { id: 'late', date: d('2027-01-07'), time: '09:30-11:00' },
    { id: 'past', date: d('2026-11-01'), time: '14:00-15:30' },
    { id: 'afternoon', date: d('2026-12-10'), time: '14:00-15:30' },
    { id: 'morning', date: d('2026-12-10'), time: '9:30-11:00' },
    { id: 'today', date: d('2026-11-22'), time: '19:00-20:00' },
  ];

  it('keeps sessions from today on, soonest first (date, then start time)', () => {
    expect(upcomingSessions(sessions, '2026-11-22').map((s) => s.id)).toEqual(['today', 'morning', 'afternoon', 'late']);
    expect(nextSession(sessions, '2026-11-23')?.id).toBe('morning');
    expect(nextSession(sessions, '2027-02-01')).toBeUndefined();
  });

  it('reads start times and content dates', () => {
    expect(startMinutes('9:30-11:00')).toBe(570);
    expect(() => startMinutes('afternoon')).toThrow(RangeError);
    expect(dateKey(d('2026-12-10'))).toBe('2026-12-10');
  });
});

describe('sortCatalog', () => {
  const session = (iso: string) => ({ date: d(iso), time: '14:00-15:30' });
  const courses = [
    { title: '志愿者培训', audience: ['志愿者' as const], sessions: [] },
    { title: '初中课', audience: ['初中' as const], sessions: [] },
    { title: '老年大学后开', audience: ['老年大学' as const], sessions: [session('2027-01-07')] },
    { title: '社区先开', audience: ['社区居民' as const, '家庭照护者' as const], sessions: [session('2026-12-03')] },
    { title: '老年大学已结束', audience: ['老年大学' as const], sessions: [session('2026-10-01')] },
    { title: '小学课', audience: ['小学' as const], sessions: [] },
    { title: '照护者课', audience: ['家庭照护者' as const], sessions: [session('2026-11-30')] },
  ];

  it('puts elder-university and community courses with upcoming sessions first, soonest first', () => {
    expect(sortCatalog(courses, '2026-11-22').map((c) => c.title)).toEqual([
      '社区先开',
      '老年大学后开',
      '小学课',
      '初中课',
      '老年大学已结束',
      '照护者课',
      '志愿者培训',
    ]);
  });

  it('does not change the input', () => {
    const before = courses.map((c) => c.title);
    sortCatalog(courses, '2026-11-22');
    expect(courses.map((c) => c.title)).toEqual(before);
  });
});

describe('formatting and ids', () => {
  it('formats dates in Chinese without shifting the day', () => {
    expect(formatDate(d('2026-12-10'))).toBe('2026年12月10日（周四）');
    expect(formatDate(d('2026-12-10'), false)).toBe('2026年12月10日');
    expect(formatTimeRange('14:30-16:00')).toBe('14:30–16:00');
  });

  it('splits lesson ids', () => {
    expect(lessonSlug('life-cycle-primary/01-seasons-of-life')).toBe('01-seasons-of-life');
    expect(lessonCourse('life-cycle-primary/01-seasons-of-life')).toBe('life-cycle-primary');
    expect(() => lessonSlug('no-slash')).toThrow(/<course>\/<lesson>/);
  });
});

import { z } from 'zod';
import { planSourceSchema } from './plan-source.ts';
import { publicSourceSchema } from './public-source.ts';

/** Who a course is written for. */
export const AUDIENCES = ['小学', '初中', '高中', '老年大学', '社区居民', '家庭照护者', '志愿者'] as const;
export type Audience = (typeof AUDIENCES)[number];
/** Audiences whose lessons must carry a teacher's section. */
export const SCHOOL_AUDIENCES: readonly Audience[] = ['小学', '初中', '高中'];

/** How a course is taken. */
export const FORMATS = ['自学', '课堂', '工作坊'] as const;
export type CourseFormat = (typeof FORMATS)[number];

/** URL slugs for the format pages (/courses/format/<slug>/), the no-JavaScript format filter. */
export const FORMAT_SLUGS: Record<CourseFormat, string> = {
  自学: 'self-study',
  课堂: 'classroom',
  工作坊: 'workshop',
};

/** URL slugs for the audience pages (/courses/for/<slug>/). */
export const AUDIENCE_SLUGS: Record<Audience, string> = {
  小学: 'primary',
  初中: 'junior',
  高中: 'senior',
  老年大学: 'elder-university',
  社区居民: 'community',
  家庭照护者: 'family-carers',
  志愿者: 'volunteers',
};

const date = z.coerce.date({ error: '必须是日期，例如 2026-12-10' });

/** Where a classroom session takes place: a registry institution or a plain address. */
const placeSchema = z.union(
  [
    z.strictObject({ /** Registry id of the host institution. */ institution: z.string().min(1) }),
    z.strictObject({ /** Street address, for places outside the registry. */ address: z.string().trim().min(1) }),
  ],
  { error: '地点必须是 { institution: 机构编号 } 或 { address: 地址 }' },
);

/** A scheduled classroom session people can enrol in. */
export const sessionSchema = z.strictObject({
  /** Unique within the course; part of the enrolment record. */
  id: z.string().regex(/^[a-z0-9-]+$/, { error: '场次编号只能用小写字母、数字和连字符' }),
  /** Day of the session. */
  date,
  /** Time of day, e.g. 14:30-16:00. */
  time: z.string().regex(/^\d{1,2}:\d{2}-\d{1,2}:\d{2}$/, { error: '时间格式应为 14:30-16:00' }),
  /** Where. */
  place: placeSchema,
  /** Seats available; enrolment beyond this goes to a waitlist. */
  seats: z.number().int().positive(),
  /** Whether enrolment is open. */
  enrolment: z.enum(['open', 'closed']),
  /** True for demonstration sessions; shown with a 示例 badge. */
  sample: z.boolean(),
});
export type CourseSession = z.infer<typeof sessionSchema>;

/**
 * The course schema. `institutionIds` are the registry's ids, so a session at an unknown
 * institution fails the build with a clear message.
 */
export function courseSchema(institutionIds: ReadonlySet<string>) {
  return z.strictObject({
    /** Course title. */
    title: z.string().trim().min(1),
    /** One or two sentences shown in the catalog. */
    summary: z.string().trim().min(1).max(160),
    /** Who it is for; at least one. */
    audience: z
      .array(z.enum(AUDIENCES, { error: `受众必须是：${AUDIENCES.join('、')}` }), {
        error: (issue) =>
          issue.input === undefined
            ? '缺少受众（audience），至少写一个，例如 audience: [小学]'
            : '受众（audience）应为列表，例如 audience: [老年大学, 社区居民]',
      })
      .min(1, { error: '至少要有一个受众（audience）' }),
    /** How it is taken. */
    format: z.enum(FORMATS, { error: `形式必须是：${FORMATS.join('、')}` }),
    /** Minutes per lesson. */
    minutesPerLesson: z.number().int().positive(),
    /** What learners will be able to do. */
    objectives: z.array(z.string().trim().min(1)).min(1),
    /** What is needed to run or take it. */
    materials: z.array(z.string().trim().min(1)),
    /** Who provides the course. */
    provider: z.string().trim().min(1),
    /** Who reviewed the content, and when. */
    review: z.strictObject({ by: z.string().trim().min(1), date, note: z.string().optional() }),
    /** Plan clauses the course answers to. */
    sources: z.array(planSourceSchema).default([]),
    /** Other public sources (laws, notices, reports) for the phone numbers, legal articles and policy facts in the course and its lessons. */
    publicSources: z.array(publicSourceSchema).default([]),
    /** Scheduled classroom sessions, if any. */
    sessions: z
      .array(
        sessionSchema.superRefine((s, ctx) => {
          if ('institution' in s.place && !institutionIds.has(s.place.institution)) {
            ctx.addIssue({ code: 'custom', path: ['place', 'institution'], message: `机构编号 ${s.place.institution} 不在机构名录中` });
          }
        }),
      )
      .default([]),
  });
}
export type Course = z.infer<ReturnType<typeof courseSchema>>;

/** One step of a school lesson plan. */
const processStepSchema = z.strictObject({
  /** Minutes for this step. */
  minutes: z.number().int().positive(),
  /** Name of the step (导入, 讨论 …). */
  step: z.string().trim().min(1),
  /** What the teacher and students do. */
  activity: z.string().trim().min(1),
});

/** The teacher's section of a school lesson. */
export const teacherGuideSchema = z.strictObject({
  /** 目标 */
  goals: z.array(z.string().trim().min(1)).min(1),
  /** 课前准备 */
  preparation: z.array(z.string().trim().min(1)).min(1),
  /** 教学过程, with minutes */
  process: z.array(processStepSchema).min(1),
  /** 讨论问题 */
  questions: z.array(z.string().trim().min(1)).min(1),
  /** 如果学生正经历丧亲: how to respond and whom to involve */
  bereavement: z.string().trim().min(1),
  /** 给家长的一封信 */
  parentLetter: z.string().trim().min(1),
});
export type TeacherGuide = z.infer<typeof teacherGuideSchema>;

/** A lesson of a course. */
export const lessonSchema = z.strictObject({
  /** Lesson title. */
  title: z.string().trim().min(1),
  /** Position within the course, from 1. */
  order: z.number().int().positive(),
  /** Length in minutes. */
  minutes: z.number().int().positive(),
  /** One sentence on what it covers. */
  summary: z.string().trim().min(1),
  /** What learners will be able to do. */
  objectives: z.array(z.string().trim().min(1)).min(1),
  /** Teacher's section; required for school courses (checked against the course). */
  teacher: teacherGuideSchema.optional(),
});
export type Lesson = z.infer<typeof lessonSchema>;

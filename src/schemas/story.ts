/**
 * A story about the people who do this work (content/stories/<slug>.md): a doctor, nurse,
 * social worker, 生命疗护师, volunteer or team, or a family who agreed to share. Each is
 * either written only from a public report (cited in `sources`) or an illustrative 示例
 * story (`sample: true`, title ending （示例）) about nobody real. The consent record is kept
 * here and never shown. See docs/events.md.
 */
import { z } from 'zod';
import { publicSourceSchema } from './public-source.ts';
import { VOLUNTEER_ROLES } from './volunteer-form.ts';

export const STORY_SUBJECTS = ['医生', '护士', '社工', '生命疗护师', '志愿者', '团队', '家属'] as const;
export type StorySubject = (typeof STORY_SUBJECTS)[number];

/** On what ground the story may be published. */
export const CONSENT_BASES = ['公开报道', '本人同意', '示例'] as const;

const date = z.preprocess(
  (v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v),
  z.iso.date({ error: '日期格式应为 YYYY-MM-DD，例如 2026-12-03' }),
);

export const consentSchema = z.strictObject({
  /** 公开报道 = retold only from a public report; 本人同意 = the subject agreed; 示例 = nobody real. */
  basis: z.enum(CONSENT_BASES, { error: `consent.basis 应为：${CONSENT_BASES.join('、')}` }),
  /** Who agreed (a role, never a phone number), e.g. 受访社工本人; for a public report, who published it. */
  by: z.string().trim().min(1),
  /** When. */
  date,
  /** Whether people may be named; false keeps names out of the text (we write 一位护士长). */
  names: z.boolean(),
  /** Whether photos may be shown (each with alt text). */
  photos: z.boolean(),
  note: z.string().trim().min(1).optional(),
});

/**
 * The story schema. `institutionIds` and `courseIds` come from the registry and the courses,
 * so a link to something that does not exist fails the build.
 */
export function storySchema(institutionIds: ReadonlySet<string>, courseIds: ReadonlySet<string>) {
  return z
    .strictObject({
      title: z.string().trim().min(1),
      summary: z.string().trim().min(1).max(160),
      /** When the story was published here. */
      date,
      subject: z.enum(STORY_SUBJECTS, { error: `subject 应为：${STORY_SUBJECTS.join('、')}` }),
      /** County code the story takes place in, when known. */
      county: z
        .string()
        .regex(/^\d{6}$/)
        .optional(),
      /** Registry institutions it concerns. */
      institutions: z
        .array(z.string().refine((id) => institutionIds.has(id), { error: (i) => `机构编号 ${String(i.input)} 不在机构名录中` }))
        .default([]),
      /** Course slugs it concerns. */
      courses: z.array(z.string().refine((id) => courseIds.has(id), { error: (i) => `课程 ${String(i.input)} 不存在` })).default([]),
      /** Volunteer roles (as on the sign-up form) it concerns. */
      volunteerRoles: z.array(z.enum(VOLUNTEER_ROLES)).default([]),
      tags: z.array(z.string().trim().min(1)).min(1, { error: '至少写一个标签（tags）' }),
      /** Photos, only with consent and alt text. */
      photos: z
        .array(z.strictObject({ src: z.string().min(1), alt: z.string().trim().min(1, { error: '每张照片都要写替代文字（alt）' }) }))
        .default([]),
      /** The public reports the story is written from (required unless it is a 示例). */
      sources: z.array(publicSourceSchema).default([]),
      sample: z.boolean(),
      consent: consentSchema,
    })
    .superRefine((s, ctx) => {
      if (s.sample) {
        if (!s.title.endsWith('（示例）')) ctx.addIssue({ code: 'custom', path: ['title'], message: '示例故事的标题应以“（示例）”结尾' });
        if (s.consent.basis !== '示例')
          ctx.addIssue({ code: 'custom', path: ['consent', 'basis'], message: '示例故事的 consent.basis 应为“示例”' });
      } else {
        if (s.sources.length === 0)
          ctx.addIssue({ code: 'custom', path: ['sources'], message: '真实故事要写明公开来源（sources），否则请标为示例' });
        if (s.consent.basis === '示例')
          ctx.addIssue({ code: 'custom', path: ['consent', 'basis'], message: '真实故事的 consent.basis 不能是“示例”' });
      }
      if (s.photos.length > 0 && !s.consent.photos)
        ctx.addIssue({ code: 'custom', path: ['photos'], message: '没有同意使用照片（consent.photos 为 false），不能放照片' });
    });
}
export type Story = z.infer<ReturnType<typeof storySchema>>;

/** Site news for the feed (content/news/<slug>.md). */
export const newsSchema = z.strictObject({
  title: z.string().trim().min(1),
  summary: z.string().trim().min(1).max(160),
  date,
});

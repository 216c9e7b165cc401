/**
 * Provenance of a registry record: where it comes from, when it was last
 * checked, and whether it is invented sample data.
 *
 * This file also holds the small field helpers shared by the registry schemas
 * (region.ts, service.ts, institution.ts), so that every text, date and list
 * field behaves the same way everywhere.
 */
import { z } from 'zod';

/** public-notice = 卫健委等公开文件；institution = 机构自己提供；sample = 本站生成的示例数据 */
export const PROVENANCE_KINDS = ['public-notice', 'institution', 'sample'] as const;
export type ProvenanceKind = (typeof PROVENANCE_KINDS)[number];

/** The one source text every sample record must carry (shown on every page that shows it). */
export const SAMPLE_SOURCE_TEXT = '本站为演示查找功能生成的示例数据，并非真实机构';

const TRIMMED_NON_EMPTY = /^\S(?:[\s\S]*\S)?$/;

/** A non-empty piece of text without leading or trailing blanks. */
export const plainText = () => z.string().regex(TRIMMED_NON_EMPTY, { error: '不能为空，开头和结尾不能有空格或空行' });

/** Custom message for a format problem; type problems (missing field, wrong type) keep the shared wording of errors.ts. */
const formatMessage = (text: string) => (issue: { readonly code?: string | undefined }) =>
  issue.code === 'invalid_type' ? undefined : text;

/** A calendar date written YYYY-MM-DD. */
export const isoDate = () => z.iso.date({ error: formatMessage('应为日期，格式 YYYY-MM-DD（例如 2026-11-22）') });

/** A GB/T 2260 six-digit administrative division code. */
export const regionCode = () => z.string().regex(/^\d{6}$/, { error: '应为 6 位数字的行政区划代码，例如 330106' });

/** An http(s) address. */
export const webUrl = () =>
  z.url({ protocol: /^https?$/, hostname: z.regexes.domain, error: formatMessage('应为以 http:// 或 https:// 开头的完整网址') });

/** A list whose items must not repeat; the issue points at the repeated item. */
export function uniqueList<T extends z.ZodType>(item: T) {
  return z.array(item).superRefine((list, ctx) => {
    const seen = new Set<string>();
    list.forEach((value, index) => {
      const key = JSON.stringify(value);
      if (seen.has(key)) ctx.addIssue({ code: 'custom', path: [index], message: `重复的项：${String(value)}` });
      seen.add(key);
    });
  });
}

export const provenanceSchema = z.strictObject({
  /** Where the record comes from: public-notice | institution | sample. */
  kind: z.enum(PROVENANCE_KINDS),
  /** Reference text naming who published what (for samples: SAMPLE_SOURCE_TEXT). */
  source: plainText(),
  /** Optional address where the source was published. */
  url: webUrl().optional(),
  /** Date the record was last checked against its source; never in the future. */
  verifiedAt: isoDate(),
  /** Optional remark about the source or the check. */
  note: plainText().optional(),
  /**
   * For kind institution: who approved the institution's own change in the staff console
   * (the reviewing commission and the reviewer's account). Kept in the file, not shown.
   */
  approvedBy: plainText().optional(),
});

export type Provenance = z.infer<typeof provenanceSchema>;

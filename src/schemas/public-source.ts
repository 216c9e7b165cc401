import { z } from 'zod';
import { plainText, webUrl } from './provenance.ts';

/**
 * A public source other than the two plans that a page draws on: a law, a national
 * notice, an official announcement or a press report of one. Every phone number, legal
 * article and policy claim a guide or course states outside the plans is listed here,
 * so a reader can check it. Shared by guides (src/schemas/guide.ts) and courses.
 */
export const publicSourceSchema = z.strictObject({
  /** Title of the document or article, e.g. 中华人民共和国民法典. */
  title: plainText(),
  /** Who issued or published it, e.g. 全国人民代表大会 or 新华社. */
  publisher: plainText(),
  /** When it was issued or published: YYYY-MM-DD, or YYYY when only the year is known. */
  date: z.preprocess(
    // YAML front matter reads 2024-12-25 as a Date and 2024 as a number: keep what was written.
    (v) => (v instanceof Date ? v.toISOString().slice(0, 10) : typeof v === 'number' ? String(v) : v),
    z.string().regex(/^\d{4}(-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01]))?$/, { error: '日期格式应为 YYYY-MM-DD 或 YYYY，例如 2024-12-25' }),
  ),
  /** Where a reader can read it. */
  url: webUrl(),
  /** What the page takes from it, or a caveat (e.g. a reprint of the original report). */
  note: plainText().optional(),
});
export type PublicSource = z.infer<typeof publicSourceSchema>;

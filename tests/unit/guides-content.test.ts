/**
 * Content rules for the family guides (content/guides/*.mdx) from the content review
 * (issue #21): facts beyond the plans are cited, inline clause citations stay few,
 * what the law says about written wishes is exact, and the FAQ answers the hard
 * questions directly and without doses.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { publicSourceSchema } from '../../src/schemas/public-source.ts';

const files = readdirSync('content/guides').filter((f) => f.endsWith('.mdx'));
const guides = files.map((file) => {
  const text = readFileSync(`content/guides/${file}`, 'utf8');
  const [, front = '', body = ''] = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(text) ?? [];
  const publicSources = front.split('\npublicSources:\n')[1] ?? '';
  return { file, front, body, publicSources };
});
const guide = (file: string) => guides.find((g) => g.file === file) ?? { file, front: '', body: '', publicSources: '' };

/** The body cut at its ## headings: [heading, text] pairs. */
function sections(body: string): [string, string][] {
  return body.split(/\n(?=## )/).map((part) => [part.split('\n')[0] ?? '', part]);
}

describe('public sources of a guide', () => {
  it('accept a date as written in front matter (YAML reads it as a Date or a number) and need a web address', () => {
    const ok = { title: '中华人民共和国民法典', publisher: '全国人民代表大会', url: 'https://flk.npc.gov.cn/' };
    expect(publicSourceSchema.parse({ ...ok, date: new Date('2020-05-28') }).date).toBe('2020-05-28');
    expect(publicSourceSchema.parse({ ...ok, date: 2017 }).date).toBe('2017');
    expect(publicSourceSchema.safeParse({ ...ok, date: '2020年5月' }).success).toBe(false);
    expect(publicSourceSchema.safeParse({ ...ok, date: '2020', url: 'flk.npc.gov.cn' }).success).toBe(false);
  });

  it('every hotline number, legal article and national document a guide names is in its public sources', () => {
    const facts: [RegExp, RegExp][] = [
      [/12356/, /12356/],
      [/010-82951332/, /010-82951332/],
      [/民法典/, /民法典/],
      [/深圳经济特区医疗条例/, /深圳经济特区医疗条例/],
      [/第三批/, /第三批/],
      [/安宁疗护实践指南/, /安宁疗护实践指南/],
      [/长期护理失能等级评估|失能等级评估/, /失能等级评估/],
      [/Temel/, /Temel/],
    ];
    const missing = guides.flatMap((g) =>
      facts
        .filter(([inBody, inSources]) => inBody.test(g.body) && !inSources.test(g.publicSources))
        .map(([re]) => `${g.file}: ${re.source}`),
    );
    expect(missing).toEqual([]);
  });
});

describe('inline plan citations (review S14)', () => {
  // Sections that present the plans themselves (「北京方案：…」「两份方案怎么说」) keep a clause per point.
  it('are at most one per section, so the text reads easily at large sizes', () => {
    const crowded = guides.flatMap((g) =>
      sections(g.body)
        .filter(([heading, text]) => !heading.includes('方案') && (text.match(/（(?:北京|浙江)方案 /g) ?? []).length > 1)
        .map(([heading]) => `${g.file} ${heading}`),
    );
    expect(crowded).toEqual([]);
  });
});

describe('written wishes and the law (review U1, G6)', () => {
  it('names Shenzhen’s rule exactly, says Beijing and Zhejiang have none, and explains the three terms', () => {
    const { body } = guide('talking-about-wishes.mdx');
    expect(body).not.toContain('部分地区已经出台');
    expect(body).toMatch(/《深圳经济特区医疗条例》第七十八条/);
    expect(body).toMatch(/北京、浙江目前没有/);
    for (const term of ['生前预嘱', '预立医疗照护计划', '意定监护', '第三十三条', '书面形式']) expect(body).toContain(term);
  });
});

describe('the FAQ (review G1)', () => {
  const items = sections(guide('faq.mdx').body);
  const answer = (q: RegExp) =>
    items
      .find(([h]) => q.test(h))?.[1]
      .split('\n')
      .slice(1)
      .join('\n')
      .trim() ?? '';

  it('answers 「安宁疗护会缩短生命吗？」 directly', () => {
    expect(answer(/会缩短生命吗/)).toMatch(/^不会/);
  });

  it('explains strong pain medicine and its myths without any dose, with the full text in the home-care guide', () => {
    const text = answer(/上瘾/);
    for (const point of ['成瘾', '走得更快', '便秘', '不分给别人', '借', '/guides/home-care/#强效止痛药的常见担心'])
      expect(text).toContain(point);
    const full = sections(guide('home-care.mdx').body).find(([h]) => h === '## 强效止痛药的常见担心')?.[1] ?? '';
    for (const point of ['成瘾', '走得更快', '便秘', '分给别人', '借药', '尚待医学专业人士审阅']) expect(full).toContain(point);
    for (const t of [text, full]) expect(t).not.toMatch(/\d+\s*(?:mg|毫克|微克|μg|片|粒|贴)/i);
  });
});

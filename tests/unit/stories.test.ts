import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { loadRegistry } from '../../src/lib/registry/load.ts';
import { storySchema } from '../../src/schemas/story.ts';

const institutionIds = new Set(loadRegistry({ samples: true }).records.map((r) => r.id));
const courseIds = new Set(readdirSync('content/courses'));
const schema = storySchema(institutionIds, courseIds);
const DIR = 'content/stories';

function read(name: string): { data: Record<string, unknown>; body: string } {
  const source = readFileSync(join(DIR, name), 'utf8');
  const match = /^---\n([\s\S]*?)\n---\n?/.exec(source);
  if (!match) throw new Error(`${name}: no front matter`);
  return { data: parse(match[1] ?? '') as Record<string, unknown>, body: source.slice(match[0].length) };
}

const good = {
  title: '一位护士的故事',
  summary: '摘要',
  date: '2026-12-03',
  subject: '护士',
  institutions: ['bj-haidian-hospital'],
  tags: ['护士'],
  sources: [{ title: '报道', publisher: '某报', date: '2025-10-16', url: 'https://example.org/a' }],
  sample: false,
  consent: { basis: '公开报道', by: '某报', date: '2026-12-03', names: false, photos: false },
};

describe('story schema', () => {
  it('accepts a sourced story and records consent', () => {
    expect(schema.safeParse(good).success).toBe(true);
  });

  it('refuses a real story without a source, a sample without 示例, links to nothing, photos without consent or alt', () => {
    const messages = (data: unknown) => {
      const r = schema.safeParse(data);
      return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    };
    expect(messages({ ...good, sources: [] })).toEqual(['sources: 真实故事要写明公开来源（sources），否则请标为示例']);
    expect(messages({ ...good, sample: true, consent: { ...good.consent, basis: '示例' } })).toEqual([
      'title: 示例故事的标题应以“（示例）”结尾',
    ]);
    expect(messages({ ...good, institutions: ['bj-nowhere'] })).toEqual(['institutions.0: 机构编号 bj-nowhere 不在机构名录中']);
    expect(messages({ ...good, courses: ['no-course'] })).toEqual(['courses.0: 课程 no-course 不存在']);
    expect(messages({ ...good, photos: [{ src: '/a.jpg', alt: '病房' }] })).toEqual([
      'photos: 没有同意使用照片（consent.photos 为 false），不能放照片',
    ]);
    expect(messages({ ...good, consent: { ...good.consent, photos: true }, photos: [{ src: '/a.jpg', alt: '' }] })).toEqual([
      'photos.0.alt: 每张照片都要写替代文字（alt）',
    ]);
    const { consent: _dropped, ...noConsent } = good;
    expect(messages(noConsent).length).toBe(1);
  });
});

describe('shipped stories', () => {
  const files = readdirSync(DIR).filter((n) => n.endsWith('.md'));

  it('has at least six, each valid, sourced or marked 示例, each linking to what it concerns', () => {
    expect(files.length).toBeGreaterThanOrEqual(6);
    for (const name of files) {
      const { data, body } = read(name);
      const parsed = schema.safeParse(data);
      expect(parsed.success, `${name}: ${parsed.success ? '' : JSON.stringify(parsed.error.issues)}`).toBe(true);
      if (!parsed.success) continue;
      const story = parsed.data;
      if (story.sample) expect(body, name).toContain('这是一个示例故事');
      else expect(story.sources.length, name).toBeGreaterThan(0);
      expect(story.institutions.length + story.courses.length + story.volunteerRoles.length, name).toBeGreaterThan(0);
      // Never a phone number in a story: nobody should call a number taken from one.
      expect(body, name).not.toMatch(/\d{3,4}-?\d{7,8}|1[3-9]\d{9}/);
      // Names only with consent: none of the shipped stories has it, so no personal names from the reports.
      if (!story.consent.names)
        for (const n of ['欧小红', '李常红', '许林子', '王琰', '秦苑', '夏敏', '宁晓红', '陶鑫', '李松堂'])
          expect(body, name).not.toContain(n);
    }
    const kinds = files.map((n) => read(n).data['sample']);
    expect(kinds.filter((k) => k === false).length).toBeGreaterThanOrEqual(3);
  });
});

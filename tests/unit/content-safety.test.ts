/**
 * Safety rules for everything the site says to people at hard moments: courses, guides and
 * the footer. They come from the clinical and teaching review (issue #21, H1, H2, W4, G2):
 *
 * 1. Self-harm: every section that talks about suicide or self-harm gives the national
 *    psychological crisis line 12356 in that same section.
 * 2. The footer's help text gives 12356.
 * 3. Pupils' help routes: in junior and senior school lessons, every pupil-facing section that
 *    sends pupils to the class or psychology teacher for help also gives 12356. Primary pupils
 *    keep the adult route, and the numbers go to the adults: each primary lesson with such a
 *    route gives 12356 in its letter to parents.
 * 4. Emergencies: no section tells children to fetch an adult (or wait for an adult's
 *    instruction) in an emergency without also saying what to do when no adult is there
 *    (没有大人/大人不在/联系不上…) and naming 120.
 *
 * A "section" is what a reader sees under one heading: the text between two Markdown headings
 * (a <Handout> worksheet is a section of its own), or one part of the front matter that the
 * page renders under its own heading (the teacher's goals, process, questions, bereavement
 * note, parent letter; the summary; the objectives).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

const SELF_HARM = /自杀|自伤|伤害自己|不想活|轻生|结束自己的生命|活着没意思|想死/;
const CRISIS_LINE = /12356/;
const HELP_ROUTE = /(告诉|找)[^。\n]{0,20}(心理老师|班主任)|求助路径|需要更多帮助/;
const ADULT_FIRST = /大人的指示|叫大人|喊大人|找大人|告诉[^。\n]{0,4}大人/;
/** A medical emergency at home (not a mere mention of 120 next to 「遇到危险时」). */
const EMERGENCY = /急救|摔|昏倒|晕倒|呼吸困难|出血|抽搐|叫不醒|说话[^。\n]{0,2}含糊|紧急/;
const NO_ADULT = /(没有|不在|联系不上|找不到|叫不到)[^。\n]{0,10}大人|大人[^。\n]{0,6}(不在|联系不上)/;

interface Section {
  file: string;
  title: string;
  text: string;
}

const SCHOOL_AUDIENCES = ['小学', '初中', '高中'];

function mdxFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.mdx'))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

function splitFrontMatter(source: string): { data: Record<string, unknown>; body: string } {
  const match = /^---\n([\s\S]*?)\n---\n?/.exec(source);
  if (!match) return { data: {}, body: source };
  return { data: (parse(match[1] ?? '') ?? {}) as Record<string, unknown>, body: source.slice(match[0].length) };
}

const asText = (value: unknown): string =>
  Array.isArray(value)
    ? value.map(asText).join('\n')
    : value !== null && typeof value === 'object'
      ? Object.values(value).map(asText).join('\n')
      : typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
        ? String(value)
        : '';

/** Body sections: split at headings and at <Handout> boundaries. */
function bodySections(file: string, body: string): Section[] {
  const sections: Section[] = [];
  let current: Section = { file, title: '（开头）', text: '' };
  const push = () => {
    if (current.text.trim()) sections.push(current);
  };
  for (const line of body.split('\n')) {
    const heading = /^#{1,6}\s+(.*)$/.exec(line);
    const handout = /<Handout\s+title="([^"]*)"/.exec(line);
    if (heading || handout) {
      push();
      current = { file, title: (heading?.[1] ?? handout?.[1] ?? '').trim(), text: '' };
      continue;
    }
    if (/<\/Handout>/.test(line)) {
      push();
      current = { file, title: '（学习单之后）', text: '' };
      continue;
    }
    current.text += `${line}\n`;
  }
  push();
  return sections;
}

/** Front-matter parts that the page shows under their own heading. */
function frontMatterSections(file: string, data: Record<string, unknown>): Section[] {
  const sections: Section[] = [];
  for (const key of ['summary', 'objectives', 'materials']) {
    if (data[key] !== undefined) sections.push({ file, title: `front matter: ${key}`, text: asText(data[key]) });
  }
  const teacher = data['teacher'];
  if (teacher && typeof teacher === 'object') {
    for (const [key, value] of Object.entries(teacher)) {
      sections.push({ file, title: `teacher.${key}`, text: asText(value) });
    }
  }
  return sections;
}

interface Page {
  file: string;
  course: string | undefined;
  data: Record<string, unknown>;
  sections: Section[];
  bodySections: Section[];
}

function loadPages(): Page[] {
  return [...mdxFiles('content/courses'), ...mdxFiles('content/guides')].map((file) => {
    const { data, body } = splitFrontMatter(readFileSync(file, 'utf8'));
    const body_ = bodySections(file, body);
    const course = /^content\/courses\/([^/]+)\//.exec(file)?.[1];
    return { file, course, data, bodySections: body_, sections: [...frontMatterSections(file, data), ...body_] };
  });
}

const pages = loadPages();
const courseAudience = new Map<string, string[]>();
for (const p of pages) {
  if (p.course && p.file.endsWith('/index.mdx')) courseAudience.set(p.course, (p.data['audience'] as string[] | undefined) ?? []);
}
const isCourses = (p: Page) => p.file.startsWith('content/courses/');
const isGuides = (p: Page) => p.file.startsWith('content/guides/');
const where = (s: Section) => `${s.file} 「${s.title}」`;

/** Sections breaking rule 1 (self-harm without 12356). */
const selfHarmWithoutCrisisLine = (ps: Page[]) =>
  ps
    .flatMap((p) => p.sections)
    .filter((s) => SELF_HARM.test(s.text) && !CRISIS_LINE.test(s.text))
    .map(where);

/** Sections breaking rule 4 (fetch an adult in an emergency, nothing for when none is there). */
const adultFirstWithoutPlan = (ps: Page[]) =>
  ps
    .flatMap((p) => p.sections)
    .filter((s) => ADULT_FIRST.test(s.text) && EMERGENCY.test(s.text) && !(NO_ADULT.test(s.text) && /120/.test(s.text)))
    .map(where);

describe('content safety: self-harm passages give a crisis line (12356) in the same section', () => {
  it('courses', () => {
    expect(selfHarmWithoutCrisisLine(pages.filter(isCourses))).toEqual([]);
  });
  it('guides', () => {
    expect(selfHarmWithoutCrisisLine(pages.filter(isGuides))).toEqual([]);
  });
  it('finds the self-harm passages it is meant to check (the rule is not vacuous)', () => {
    const count = pages.flatMap((p) => p.sections).filter((s) => SELF_HARM.test(s.text)).length;
    expect(count).toBeGreaterThanOrEqual(10);
  });
});

describe('content safety: the footer help text gives a crisis line', () => {
  it('src/i18n/zh-CN.json footer.help.* mentions 12356', () => {
    const strings = JSON.parse(readFileSync('src/i18n/zh-CN.json', 'utf8')) as Record<string, string>;
    const footer = Object.entries(strings)
      .filter(([key]) => key.startsWith('footer.help.'))
      .map(([, v]) => v)
      .join('\n');
    expect(footer).toMatch(CRISIS_LINE);
  });
});

describe('content safety: pupils’ help routes give a crisis line', () => {
  const schoolLessons = pages.filter(
    (p) => p.course && p.file.includes('/lessons/') && (courseAudience.get(p.course) ?? []).some((a) => SCHOOL_AUDIENCES.includes(a)),
  );
  const isPrimary = (p: Page) => (courseAudience.get(p.course ?? '') ?? []).includes('小学');

  it('junior and senior: every section sending pupils to a teacher for help also gives 12356', () => {
    const missing = schoolLessons
      .filter((p) => !isPrimary(p))
      .flatMap((p) => p.bodySections)
      .filter((s) => HELP_ROUTE.test(s.text) && !CRISIS_LINE.test(s.text))
      .map(where);
    expect(missing).toEqual([]);
  });

  it('primary: a lesson with a help route gives 12356 to the adults, in its letter to parents', () => {
    const missing = schoolLessons
      .filter(isPrimary)
      .filter((p) => p.bodySections.some((s) => HELP_ROUTE.test(s.text)))
      .filter((p) => !CRISIS_LINE.test(asText((p.data['teacher'] as Record<string, unknown> | undefined)?.['parentLetter'])))
      .map((p) => p.file);
    expect(missing).toEqual([]);
  });

  it('finds the help routes it is meant to check', () => {
    expect(schoolLessons.flatMap((p) => p.bodySections).filter((s) => HELP_ROUTE.test(s.text)).length).toBeGreaterThanOrEqual(4);
  });
});

describe('content safety: children are never told to wait for an adult before calling 120', () => {
  it('courses', () => {
    expect(adultFirstWithoutPlan(pages.filter(isCourses))).toEqual([]);
  });
  it('guides', () => {
    expect(adultFirstWithoutPlan(pages.filter(isGuides))).toEqual([]);
  });
});

describe('content safety rules themselves', () => {
  const page = (text: string): Page[] => [
    { file: 'x.mdx', course: undefined, data: {}, sections: bodySections('x.mdx', text), bodySections: [] },
  ];

  it('flags a self-harm passage without 12356, and accepts one with it', () => {
    expect(selfHarmWithoutCrisisLine(page('## 求助\n\n如果出现伤害自己的念头，请拨打 120。\n'))).toHaveLength(1);
    expect(selfHarmWithoutCrisisLine(page('## 求助\n\n如果出现伤害自己的念头，请拨打心理援助热线 12356。\n'))).toEqual([]);
  });

  it('checks section by section: a line under another heading does not count', () => {
    expect(selfHarmWithoutCrisisLine(page('## 甲\n\n不想活了的念头。\n\n## 乙\n\n热线 12356。\n'))).toHaveLength(1);
  });

  it('flags 「按照大人的指示拨打急救电话」 unless the section says what to do with no adult there', () => {
    expect(adultFirstWithoutPlan(page('## 紧急\n\n家人昏倒，要马上叫大人，并按照大人的指示拨打急救电话。\n'))).toHaveLength(1);
    expect(adultFirstWithoutPlan(page('## 紧急\n\n家人昏倒：身边有大人，马上叫大人；身边没有大人，立即自己拨打 120。\n'))).toEqual([]);
  });
});

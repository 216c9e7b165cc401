import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FAQ_SLUG, faqItems, faqJsonLd, formatChineseDate, markdownToText, sortGuides } from '../../src/lib/guides.ts';

const guide = (id: string, order: number, title = id) => ({ id, data: { order, title } });

describe('sortGuides', () => {
  it('orders by `order` and always puts the FAQ last', () => {
    const sorted = sortGuides([guide(FAQ_SLUG, 0), guide('b', 2), guide('a', 1), guide('c', 2, 'c')]);
    expect(sorted.map((g) => g.id)).toEqual(['a', 'b', 'c', FAQ_SLUG]);
  });
});

describe('markdownToText', () => {
  it('keeps the words of links and emphasis, drops list marks and line breaks', () => {
    expect(markdownToText('详见 [什么是安宁疗护](/guides/what-is-hospice/)。\n\n- **体位**：定时翻身；\n- *口腔*')).toBe(
      '详见 什么是安宁疗护。 体位：定时翻身； 口腔',
    );
  });
});

describe('faqItems', () => {
  it('pairs every ## question with the text below it', () => {
    const items = faqItems('引言\n\n## 问题一？\n\n回答一，见 [指南](/guides/)。\n\n## 问题二？\n\n- 第一点\n- 第二点\n');
    expect(items).toEqual([
      { question: '问题一？', answer: '回答一，见 指南。' },
      { question: '问题二？', answer: '第一点 第二点' },
    ]);
  });

  it('finds every question of content/guides/faq.mdx', () => {
    const body = readFileSync('content/guides/faq.mdx', 'utf8').replace(/^---[\s\S]*?\n---\n/, '');
    const headings = body.split('\n').filter((l) => l.startsWith('## '));
    const items = faqItems(body);
    expect(items.length).toBe(headings.length);
    expect(items.length).toBeGreaterThanOrEqual(10);
    expect(items.every((i) => i.answer.length > 10)).toBe(true);
  });
});

describe('faqJsonLd', () => {
  it('is FAQPage structured data that cannot close its script element', () => {
    const text = faqJsonLd([{ question: '问？', answer: '答 </script> & <b>' }], 'https://example.org/guides/faq/');
    expect(text).not.toContain('</script>');
    const data = JSON.parse(text) as { '@type': string; mainEntity: { name: string; acceptedAnswer: { text: string } }[] };
    expect(data['@type']).toBe('FAQPage');
    expect(data.mainEntity[0]?.acceptedAnswer.text).toBe('答 </script> & <b>');
  });
});

describe('formatChineseDate', () => {
  it('writes the front-matter date in Chinese', () => {
    expect(formatChineseDate(new Date('2026-11-22'))).toBe('2026年11月22日');
  });
});

describe('content/guides', () => {
  it('has at least 8 guides plus the FAQ', () => {
    const files = readdirSync('content/guides').filter((f) => f.endsWith('.mdx'));
    expect(files).toContain(`${FAQ_SLUG}.mdx`);
    expect(files.length - 1).toBeGreaterThanOrEqual(8);
  });
});

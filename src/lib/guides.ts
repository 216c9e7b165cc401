/**
 * Helpers for the family guides (content/guides/*.mdx): index order, dates, and the
 * FAQ's questions and answers for its on-page list and FAQPage structured data.
 * Pure, so the unit tests can run them without Astro.
 */

/** The guide that always comes last in the index. */
export const FAQ_SLUG = 'faq';

/** Guides in index order: by `order`, then title; the FAQ last whatever its order. */
export function sortGuides<G extends { readonly id: string; readonly data: { readonly order: number; readonly title: string } }>(
  guides: readonly G[],
): G[] {
  return [...guides].sort((a, b) => {
    if ((a.id === FAQ_SLUG) !== (b.id === FAQ_SLUG)) return a.id === FAQ_SLUG ? 1 : -1;
    return a.data.order - b.data.order || a.data.title.localeCompare(b.data.title, 'zh-CN');
  });
}

/** A date as 2026年11月22日 (the calendar date given in the front matter, read in UTC). */
export function formatChineseDate(date: Date): string {
  return `${date.getUTCFullYear()}年${date.getUTCMonth() + 1}月${date.getUTCDate()}日`;
}

/** YYYY-MM-DD for <time datetime>. */
export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** Markdown/MDX text reduced to plain sentences (links keep their words). */
export function markdownToText(markdown: string): string {
  return markdown
    .replace(/<[^>]+>/g, ' ')
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
    .replace(/(\*\*|__)(.+?)\1/g, '$2')
    .replace(/(^|[^*])\*([^*\n]+)\*/g, '$1$2')
    .replace(/`([^`]+)`/g, '$1')
    .replace(/^\s{0,3}(?:#{1,6}\s+|>\s?|[-*+]\s+|\d+[.)]\s+)/gm, '')
    .replace(/^\s*\|?\s*:?-{3,}.*$/gm, '')
    .replace(/\|/g, ' ')
    .replace(/\s*\n\s*/g, ' ')
    .replace(/\s{2,}/g, ' ')
    .trim();
}

export interface FaqItem {
  /** The question (the ## heading's text). */
  readonly question: string;
  /** The answer as plain text. */
  readonly answer: string;
}

/** The FAQ's questions and answers: every `## ` heading and the text below it up to the next one. */
export function faqItems(body: string): FaqItem[] {
  const items: FaqItem[] = [];
  const parts = body.split(/^##[ \t]+(.+?)[ \t]*#*[ \t]*$/m);
  for (let i = 1; i < parts.length; i += 2) {
    const question = markdownToText(parts[i] ?? '');
    const answer = markdownToText(parts[i + 1] ?? '');
    if (question !== '' && answer !== '') items.push({ question, answer });
  }
  return items;
}

/** schema.org FAQPage for the FAQ, as a JSON string safe inside <script type="application/ld+json">. */
export function faqJsonLd(items: readonly FaqItem[], url: string): string {
  const data = {
    '@context': 'https://schema.org',
    '@type': 'FAQPage',
    url,
    mainEntity: items.map((item) => ({
      '@type': 'Question',
      name: item.question,
      acceptedAnswer: { '@type': 'Answer', text: item.answer },
    })),
  };
  return JSON.stringify(data).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
}

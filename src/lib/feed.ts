/**
 * The site feed's items: new stories, events and site news, newest first. One list for the
 * RSS feed (/feed.xml) and the JSON Feed (/data/feed.json), so both say the same.
 */
import { getCollection } from 'astro:content';
import { t } from '../i18n/index.ts';
import { chinaInstant, spanLabel } from './events/dates.ts';
import { siteEvents } from './events/site.ts';
import { event as eventPath, newsItem, story as storyPath } from './routes.ts';
import { loadStories } from './stories.ts';

export interface FeedItem {
  /** Stable id (the page path). */
  readonly id: string;
  readonly title: string;
  /** Path on the site. */
  readonly path: string;
  /** When it was published or last changed. */
  readonly date: Date;
  readonly summary: string;
  readonly kind: 'story' | 'event' | 'news';
}

/** How many items the feeds carry. */
export const FEED_SIZE = 50;

export async function feedItems(): Promise<FeedItem[]> {
  const stories = (await loadStories()).map((s): FeedItem => ({
    id: storyPath(s.id),
    title: s.data.title,
    path: storyPath(s.id),
    date: chinaInstant(`${s.data.date}T00:00`),
    summary: s.data.summary,
    kind: 'story',
  }));
  const events = siteEvents().map((v): FeedItem => ({
    id: eventPath(v.event.id),
    title: t('feed.eventTitle', { title: v.event.title }),
    path: eventPath(v.event.id),
    date: chinaInstant(`${v.event.updatedAt}T00:00`),
    summary: `${spanLabel(v.event.start, v.event.end)}，${v.placeName}。${v.event.summary}`,
    kind: 'event',
  }));
  const news = (await getCollection('news')).map((n): FeedItem => ({
    id: newsItem(n.id),
    title: n.data.title,
    path: newsItem(n.id),
    date: chinaInstant(`${n.data.date}T00:00`),
    summary: n.data.summary,
    kind: 'news',
  }));
  // Same day: stories and news before events (an editor's new story is the news of the day), then by address.
  const rank = { story: 0, news: 1, event: 2 } as const;
  return [...stories, ...events, ...news]
    .sort((a, b) => b.date.getTime() - a.date.getTime() || rank[a.kind] - rank[b.kind] || a.id.localeCompare(b.id))
    .slice(0, FEED_SIZE);
}

/** /feed.xml: new stories, events and site news as RSS 2.0 (made with @astrojs/rss), linked from every page's head and the footer. */
import rss from '@astrojs/rss';
import type { APIRoute } from 'astro';
import { t } from '../i18n/index.ts';
import { feedItems } from '../lib/feed.ts';

export const GET: APIRoute = async ({ site }) =>
  rss({
    title: t('feed.title', { site: t('site.name') }),
    description: t('feed.description'),
    site: site ?? 'http://localhost:4321',
    items: (await feedItems()).map((item) => ({
      title: item.title,
      link: item.path,
      pubDate: item.date,
      description: item.summary,
      categories: [t(`feed.kind.${item.kind}`)],
    })),
    customData: '<language>zh-CN</language>',
  });

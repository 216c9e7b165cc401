/** /data/feed.json: the same items as /feed.xml, as a JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/), for reuse. */
import type { APIRoute } from 'astro';
import { t } from '../../i18n/index.ts';
import { feedItems } from '../../lib/feed.ts';
import * as routes from '../../lib/routes.ts';

export const GET: APIRoute = async ({ site }) => {
  const origin = String(site ?? 'http://localhost:4321');
  const abs = (path: string) => new URL(path, origin).href;
  const body = {
    version: 'https://jsonfeed.org/version/1.1',
    title: t('feed.title', { site: t('site.name') }),
    description: t('feed.description'),
    home_page_url: abs(routes.home),
    feed_url: abs(routes.feedJson),
    language: 'zh-CN',
    items: (await feedItems()).map((item) => ({
      id: abs(item.id),
      url: abs(item.path),
      title: item.title,
      content_text: item.summary,
      date_published: item.date.toISOString(),
      tags: [t(`feed.kind.${item.kind}`)],
    })),
  };
  return new Response(`${JSON.stringify(body, null, 2)}\n`, { headers: { 'Content-Type': 'application/feed+json; charset=utf-8' } });
};

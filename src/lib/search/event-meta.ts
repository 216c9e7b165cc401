/**
 * What the site search knows about event and story pages: their city, and the 示例 mark, so
 * a search ranks sample events and stories after real pages and shows their badge, as it
 * does for sample institutions (page-meta.ts).
 */
import type { EventView } from '../events/listing.ts';
import { SAMPLE_FILTER, SAMPLE_META, type SearchMetaProps } from './page-meta.ts';

export function eventSearchMeta(view: EventView): SearchMetaProps {
  const { event } = view;
  const sample = event.sample ? SAMPLE_META : undefined;
  return {
    type: '页面',
    filters: { city: view.cityName, [SAMPLE_FILTER]: sample },
    facts: [view.countyName, event.kind, event.reach, ...event.audience],
    meta: { sample, region: view.placeName },
    keywords: ['活动', event.observance],
  };
}

export function storySearchMeta(story: {
  readonly sample: boolean;
  readonly tags: readonly string[];
  readonly subject: string;
}): SearchMetaProps {
  const sample = story.sample ? SAMPLE_META : undefined;
  return {
    type: '页面',
    filters: { [SAMPLE_FILTER]: sample },
    facts: [story.subject],
    meta: { sample },
    keywords: ['故事', ...story.tags],
  };
}

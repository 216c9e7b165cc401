/** Stories, newest first (then by title), for /stories/, the feed and the pages that link to them. */
import { getCollection, type CollectionEntry } from 'astro:content';
import { showSamples, visibleSamples } from './samples.ts';

export type StoryEntry = CollectionEntry<'stories'>;

/** Shown stories (示例 ones only where samples are shown, src/lib/samples.ts), newest first. */
export async function loadStories(): Promise<StoryEntry[]> {
  const all = await getCollection('stories');
  return visibleSamples(all, (s) => s.data.sample, showSamples()).sort(
    (a, b) => b.data.date.localeCompare(a.data.date) || a.data.title.localeCompare(b.data.title, 'zh-CN'),
  );
}

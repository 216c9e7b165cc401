import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { DEFAULT_COURSES_DIR, coursesDir } from './lib/courses/dir.ts';
import { courseSchema, lessonSchema } from './schemas/course.ts';
import { guideSchema } from './schemas/guide.ts';
import { loadRegistry } from './lib/registry/load.ts';
import { readdirSync } from 'node:fs';
import { loadEvents } from './lib/events/load.ts';
import { withPlanCheck } from './lib/plans/checked-loader.ts';
import { loadPlans } from './lib/plans/load.ts';
import { newsSchema, storySchema } from './schemas/story.ts';

// The registry (content/institutions) is not an Astro collection: it has cross-record
// rules (ids, referral partners, regions) that src/lib/registry validates as a whole, with
// one line per problem. Loading it here also fails the build early when a record is bad.
// Sessions are checked against every record, samples included: a sample session may take
// place at a sample institution even on a build that hides both (src/lib/samples.ts;
// sample sessions are left out by src/lib/courses/entries.ts).
const institutionIds = new Set(loadRegistry({ samples: true }).records.map((r) => r.id));

// Events (content/events/*.json) are validated like the registry, one line per problem:
// loading them here fails the build early when an event file is wrong (src/lib/events/).
loadEvents();

// The plans (content/plans.json) are read and validated here too, so a bad plans file fails the
// build early; guides and courses then check each plan they cite against it (lib/plans/).
loadPlans();

/** Where the courses are read: content/courses, or a test fixture (src/lib/courses/dir.ts). */
const coursesBase = coursesDir();

/** content/courses/<slug>/index.mdx */
const courses = defineCollection({
  loader: withPlanCheck(glob({ base: coursesBase, pattern: '*/index.mdx', generateId: ({ entry }) => entry.split('/')[0] ?? entry }), () =>
    loadPlans(),
  ),
  schema: courseSchema(institutionIds),
});

/** content/courses/<slug>/lessons/NN-name.mdx, id "<course>/<NN-name>" */
const lessons = defineCollection({
  loader: glob({
    base: coursesBase,
    pattern: '*/lessons/*.mdx',
    generateId: ({ entry }) => entry.replace('/lessons/', '/').replace(/\.mdx$/, ''),
  }),
  schema: lessonSchema,
});

/** content/guides/<slug>.mdx */
const guides = defineCollection({
  loader: withPlanCheck(glob({ base: './content/guides', pattern: '*.mdx' }), () => loadPlans()),
  schema: guideSchema,
});

/**
 * Course slugs the stories may link to: the shipped courses (content/courses), also on a test
 * build that reads its courses from a fixture folder (the story page leaves out a link to a
 * course that build does not have).
 */
const courseIds = new Set(
  readdirSync(DEFAULT_COURSES_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name),
);

/** content/stories/<slug>.md */
const stories = defineCollection({
  loader: glob({ base: './content/stories', pattern: '*.md' }),
  schema: storySchema(institutionIds, courseIds),
});

/** content/news/<slug>.md: site news, for the feed */
const news = defineCollection({
  loader: glob({ base: './content/news', pattern: '*.md' }),
  schema: newsSchema,
});

export const collections = { courses, lessons, guides, stories, news };

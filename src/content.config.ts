import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { coursesDir } from './lib/courses/dir.ts';
import { courseSchema, lessonSchema } from './schemas/course.ts';
import { guideSchema } from './schemas/guide.ts';
import { loadRegistry } from './lib/registry/load.ts';

// The registry (content/institutions) is not an Astro collection: it has cross-record
// rules (ids, referral partners, regions) that src/lib/registry validates as a whole, with
// one line per problem. Loading it here also fails the build early when a record is bad.
// Sessions are checked against every record, samples included: a sample session may take
// place at a sample institution even on a build that hides both (src/lib/samples.ts;
// sample sessions are left out by src/lib/courses/entries.ts).
const institutionIds = new Set(loadRegistry({ samples: true }).records.map((r) => r.id));

/** Where the courses are read: content/courses, or a test fixture (src/lib/courses/dir.ts). */
const coursesBase = coursesDir();

/** content/courses/<slug>/index.mdx */
const courses = defineCollection({
  loader: glob({ base: coursesBase, pattern: '*/index.mdx', generateId: ({ entry }) => entry.split('/')[0] ?? entry }),
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
  loader: glob({ base: './content/guides', pattern: '*.mdx' }),
  schema: guideSchema,
});

export const collections = { courses, lessons, guides };

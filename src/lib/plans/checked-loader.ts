/**
 * A content collection's loader (guides, courses) with the plan check added: once the glob
 * loader has read and validated every entry, each `sources[i].plan` must name a plan in
 * content/plans.json, or the build stops with one line per problem (references.ts).
 *
 * Why here and not in the collection's zod schema: the schema cannot name the file, and the
 * glob loader keeps an unchanged entry from the last build without validating it again, so a
 * plan removed from content/plans.json would go unnoticed. The store holds every entry, cached
 * or new, when load() returns. (In `astro dev` an edited entry is re-read by the glob loader's
 * own watcher and not re-checked; the build always checks.)
 */
import type { Loader, LoaderContext } from 'astro/loaders';
import { z } from 'zod';
import { planSourceSchema } from '../../schemas/plan-source.ts';
import type { Plan } from '../../schemas/plan.ts';
import { assertKnownPlans, sourceReferences, type PlanReference } from './references.ts';

const sourcesSchema = z.object({ sources: z.array(planSourceSchema).default([]) });

/** The plan references of every entry in the loaded collection. */
export function storeReferences(context: Pick<LoaderContext, 'store'>): PlanReference[] {
  return context.store.entries().flatMap(([id, entry]) => {
    const parsed = sourcesSchema.safeParse(entry.data);
    return parsed.success ? sourceReferences(entry.filePath ?? id, id, parsed.data.sources) : [];
  });
}

/** `loader`, then the plan check over everything it loaded. `plans` is called at load time. */
export function withPlanCheck(loader: Loader, plans: () => readonly Plan[]): Loader {
  return {
    ...loader,
    async load(context) {
      await loader.load(context);
      assertKnownPlans(plans(), storeReferences(context));
    },
  };
}

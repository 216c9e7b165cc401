/**
 * Build-time loading of the pathway helper's rules (content/pathway-rules.json):
 * validated by the schema, then checked for gaps and dead rules and for plans
 * that content/plans.json does not have. Any problem fails the build with one line
 * per problem.
 */
import { pathwayRulesSchema, type PathwayRules } from '../../schemas/pathway.ts';
import { loadPlans } from '../plans/load.ts';
import { assertKnownPlans, sourceReferences } from '../plans/references.ts';
import { readJsonWith } from '../read-json.ts';
import { ruleProblems } from './problems.ts';

export const PATHWAY_RULES_FILE = 'content/pathway-rules.json';

/** Read, validate and check the rules. */
export function loadPathwayRules(file = PATHWAY_RULES_FILE): PathwayRules {
  const rules = readJsonWith(pathwayRulesSchema, file);
  const problems = ruleProblems(rules);
  if (problems.length > 0) throw new Error(problems.map((p) => `${file}: ${p}`).join('\n'));
  assertKnownPlans(
    loadPlans(),
    rules.rules.flatMap((rule) => sourceReferences(file, rule.id, rule.sources)),
  );
  return rules;
}

/**
 * Build-time loading of the pathway helper's rules (content/pathway-rules.json):
 * validated by the schema, then checked for gaps and dead rules. Any problem fails
 * the build with one line per problem.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathwayRulesSchema, type PathwayRules } from '../../schemas/pathway.ts';
import { formatZodIssues, registryErrorMap } from '../registry/errors.ts';
import { ruleProblems } from './problems.ts';

export const PATHWAY_RULES_FILE = 'content/pathway-rules.json';

/** Read, validate and check the rules. */
export function loadPathwayRules(file = PATHWAY_RULES_FILE): PathwayRules {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(resolve(file), 'utf8'));
  } catch (cause) {
    throw new Error(`${file}: 无法读取：${cause instanceof Error ? cause.message : String(cause)}`);
  }
  const result = pathwayRulesSchema.safeParse(data, { error: registryErrorMap });
  if (!result.success)
    throw new Error(
      formatZodIssues(result.error.issues)
        .map((p) => `${file}: ${p.path}: ${p.message}`)
        .join('\n'),
    );
  const problems = ruleProblems(result.data);
  if (problems.length > 0) throw new Error(problems.map((p) => `${file}: ${p}`).join('\n'));
  return result.data;
}

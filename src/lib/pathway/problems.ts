/** Build-time check of the pathway rules: every way of answering gets advice, and every rule can be chosen. */
import { completions, firstMatch, type RuleSet } from './rules.ts';

/**
 * What the rules cannot answer: complete answers no rule matches, and rules that
 * are never chosen because earlier rules always win. Empty when the rules are sound.
 */
export function ruleProblems(config: RuleSet): string[] {
  const problems: string[] = [];
  const chosen = new Set<string>();
  for (const complete of completions(config.questions)) {
    const rule = firstMatch(config.rules, complete);
    if (rule === undefined) problems.push(`没有规则适用于回答：${JSON.stringify(complete)}`);
    else chosen.add(rule.id);
  }
  for (const rule of config.rules) {
    if (!chosen.has(rule.id)) problems.push(`规则 ${rule.id} 永远不会被选中（前面的规则总是先匹配）`);
  }
  return problems;
}

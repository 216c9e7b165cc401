/**
 * The pathway helper's logic ("我该选择哪种服务"): pure functions over the rules in
 * content/pathway-rules.json. Rules are checked in order and the first whose
 * conditions all hold gives the advice. Shared by the Preact island (browser),
 * the decision table (build) and the unit tests, so it imports types only.
 */
import type { PathwayQuestion, PathwayRule } from '../../schemas/pathway.ts';

/** The questions and rules, as the functions below need them. */
export interface RuleSet {
  readonly questions: readonly PathwayQuestion[];
  readonly rules: readonly PathwayRule[];
}

/** Answers so far: question id → chosen option value (missing = not answered yet). */
export type Answers = Readonly<Partial<Record<string, string>>>;

/** True when every condition of the rule holds for the given answers (an unanswered question fails a condition). */
export function ruleMatches(rule: PathwayRule, answers: Answers): boolean {
  return Object.entries(rule.when).every(([question, values]) => {
    const answer = answers[question];
    return answer !== undefined && values.includes(answer);
  });
}

/** The first rule that matches complete answers, or undefined. */
export function firstMatch(rules: readonly PathwayRule[], answers: Answers): PathwayRule | undefined {
  return rules.find((rule) => ruleMatches(rule, answers));
}

/** Every complete set of answers that extends `answers` (all of them when none are given). */
export function completions(questions: readonly PathwayQuestion[], answers: Answers = {}): Record<string, string>[] {
  let out: Record<string, string>[] = [{}];
  for (const q of questions) {
    const given = answers[q.id];
    const values = given !== undefined && q.options.some((o) => o.value === given) ? [given] : q.options.map((o) => o.value);
    out = out.flatMap((partial) => values.map((v) => ({ ...partial, [q.id]: v })));
  }
  return out;
}

export interface Decision {
  /** The advice, once the answers so far settle it; undefined while more answers are needed. */
  readonly rule: PathwayRule | undefined;
  /** Questions not answered yet, in order. */
  readonly unanswered: readonly string[];
}

/**
 * The advice for the answers so far. Advice is given as soon as it cannot change:
 * when every way of answering the remaining questions leads to the same rule (so
 * someone whose relative has severe symptoms in hospital is not asked about home care first).
 */
export function decide(config: RuleSet, answers: Answers): Decision {
  const unanswered = config.questions.filter((q) => !q.options.some((o) => o.value === answers[q.id])).map((q) => q.id);
  let settled: PathwayRule | undefined;
  for (const complete of completions(config.questions, answers)) {
    const rule = firstMatch(config.rules, complete);
    if (rule === undefined) return { rule: undefined, unanswered };
    if (settled === undefined) settled = rule;
    else if (settled !== rule) return { rule: undefined, unanswered };
  }
  return { rule: settled, unanswered };
}

/** One cell of the decision table: the accepted answers' short labels, or null for "any answer". */
export function conditionLabels(question: PathwayQuestion, rule: PathwayRule): string[] | null {
  const values = rule.when[question.id];
  if (values === undefined) return null;
  return question.options.filter((o) => values.includes(o.value)).map((o) => o.short);
}

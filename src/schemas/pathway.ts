/**
 * The pathway helper's rules (content/pathway-rules.json): the questions asked,
 * the ordered decision rules (first match wins) and the "when to call 120" box.
 * The same file drives the interactive helper and the no-JavaScript decision table.
 */
import { z } from 'zod';
import { planSourceSchema } from './plan-source.ts';
import { plainText } from './provenance.ts';
import { CARE_MODES } from './service.ts';

/** Ids of questions, answers and rules: lowercase letters, digits and '-'. */
const slug = () => z.string().regex(/^[a-z][a-z0-9-]*$/, { error: '只能用小写字母、数字和“-”，并以字母开头' });

export const pathwayOptionSchema = z.strictObject({
  /** Answer value, e.g. home. */
  value: slug(),
  /** What the family reads and picks, e.g. 在家. */
  label: plainText(),
  /** Short form for the decision table, e.g. 在家. */
  short: plainText(),
});

export const pathwayQuestionSchema = z.strictObject({
  /** Question id, e.g. place. */
  id: slug(),
  /** The question as asked (the fieldset legend). */
  question: plainText(),
  /** Optional help shown under the legend. */
  hint: plainText().optional(),
  /** Column heading in the decision table. */
  short: plainText(),
  /** Possible answers, in display order. */
  options: z.array(pathwayOptionSchema).min(2, { error: '每个问题至少要有两个选项' }),
});

export const pathwayModeAdviceSchema = z.strictObject({
  /** Care mode, as the finder filters it: 住院 | 门诊 | 居家 | 会诊 | 互联网. */
  mode: z.enum(CARE_MODES),
  /** Why this mode fits, in plain words. */
  why: plainText(),
});

export const pathwayRuleSchema = z.strictObject({
  /** Rule id, e.g. severe-in-hospital. */
  id: slug(),
  /** Conditions: question id → accepted answers. A question not listed matches any answer. */
  when: z.record(slug(), z.array(slug()).min(1, { error: '至少列出一个答案；不限时请省略这个问题' })),
  /** Headline of the advice. */
  title: plainText(),
  /** Where such care is given (the plan's tiers), e.g. 二、三级医院. */
  places: z.array(plainText()).min(1),
  /** Care modes that fit, best first. */
  modes: z.array(pathwayModeAdviceSchema).min(1),
  /** What to do next, step by step. */
  next: z.array(plainText()).min(1),
  /** Plan clauses the advice follows. */
  sources: z.array(planSourceSchema).min(1),
  /** Put the 120 warning right above this advice (acute or severe symptoms). */
  urgent: z.boolean().default(false),
});

export const pathwayEmergencySchema = z.strictObject({
  /** Heading of the 120 box. */
  title: plainText(),
  /** One sentence before the list. */
  intro: plainText(),
  /** Warning signs. */
  signs: z.array(plainText()).min(1),
  /** What else to do while waiting. */
  after: plainText(),
});

export const pathwayRulesSchema = z
  .strictObject({
    /** Questions in the order asked. */
    questions: z.array(pathwayQuestionSchema).min(1),
    /** Decision rules, checked in order; the first that matches gives the advice. */
    rules: z.array(pathwayRuleSchema).min(1),
    /** When to call 120: always shown. */
    emergency: pathwayEmergencySchema,
  })
  .superRefine((config, ctx) => {
    const questions = new Map(config.questions.map((q) => [q.id, new Set(q.options.map((o) => o.value))]));
    const seenQuestions = new Set<string>();
    config.questions.forEach((q, i) => {
      if (seenQuestions.has(q.id)) ctx.addIssue({ code: 'custom', path: ['questions', i, 'id'], message: `问题编号重复：${q.id}` });
      seenQuestions.add(q.id);
      const values = new Set<string>();
      q.options.forEach((o, j) => {
        if (values.has(o.value))
          ctx.addIssue({ code: 'custom', path: ['questions', i, 'options', j, 'value'], message: `选项重复：${o.value}` });
        values.add(o.value);
      });
    });
    const seenRules = new Set<string>();
    config.rules.forEach((rule, i) => {
      if (seenRules.has(rule.id)) ctx.addIssue({ code: 'custom', path: ['rules', i, 'id'], message: `规则编号重复：${rule.id}` });
      seenRules.add(rule.id);
      for (const [qid, values] of Object.entries(rule.when)) {
        const allowed = questions.get(qid);
        if (allowed === undefined) {
          ctx.addIssue({ code: 'custom', path: ['rules', i, 'when', qid], message: `没有这个问题：${qid}` });
          continue;
        }
        values.forEach((v, j) => {
          if (!allowed.has(v)) ctx.addIssue({ code: 'custom', path: ['rules', i, 'when', qid, j], message: `问题 ${qid} 没有选项 ${v}` });
        });
      }
      const modes = new Set<string>();
      rule.modes.forEach((m, j) => {
        if (modes.has(m.mode)) ctx.addIssue({ code: 'custom', path: ['rules', i, 'modes', j, 'mode'], message: `服务方式重复：${m.mode}` });
        modes.add(m.mode);
      });
    });
  });

export type PathwayOption = z.infer<typeof pathwayOptionSchema>;
export type PathwayQuestion = z.infer<typeof pathwayQuestionSchema>;
export type PathwayModeAdvice = z.infer<typeof pathwayModeAdviceSchema>;
export type PathwayRule = z.infer<typeof pathwayRuleSchema>;
export type PathwayEmergency = z.infer<typeof pathwayEmergencySchema>;
export type PathwayRules = z.infer<typeof pathwayRulesSchema>;

/**
 * The pathway helper ("我该选择哪种服务"): one fieldset per question, native radio
 * buttons (keyboard operable as they are), advice as soon as the answers settle it,
 * announced in a polite live region, with finder links carrying the county and mode.
 * The logic is src/lib/pathway/rules.ts, the rules content/pathway-rules.json; without
 * JavaScript the page shows the same rules as a decision table instead.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { decide, type Answers } from '../lib/pathway/rules.ts';
import { finderHref } from '../lib/pathway/finder-link.ts';
import * as routes from '../lib/routes.ts';

/** The request form's need for each care mode a family can ask for directly (consultations and online visits are booked otherwise). */
const ASK_NEED: Readonly<Partial<Record<string, string>>> = { 住院: '住院', 居家: '居家上门', 门诊: '门诊' };
import type { PathwayQuestion, PathwayRule } from '../schemas/pathway.ts';
import type { CareMode } from '../schemas/service.ts';

export interface CountyGroup {
  /** Group label, e.g. 北京市 or 浙江省杭州市. */
  readonly label: string;
  readonly counties: readonly { readonly code: string; readonly name: string }[];
}

/** UI strings, looked up at build time so the island does not ship the whole string table. */
export interface PathwayStrings {
  readonly formTitle: string;
  readonly countyLegend: string;
  readonly countyHint: string;
  readonly countyLabel: string;
  readonly countyAny: string;
  readonly resultTitle: string;
  readonly pending: string;
  /** With {count}. */
  readonly pendingCount: string;
  /** With {title}. */
  readonly announce: string;
  readonly modes: string;
  readonly places: string;
  readonly next: string;
  readonly sources: string;
  /** With {county} and {mode}. */
  readonly findIn: string;
  /** With {mode}. */
  readonly findAny: string;
  /** With {county}: ask every institution of the county offering the mode to call back (/consult/). */
  readonly askAny: string;
  readonly urgent: string;
  readonly urgentLink: string;
  readonly reset: string;
  readonly settledEarly: string;
  /** With {clause}. */
  readonly clause: string;
}

export interface Props {
  readonly questions: readonly PathwayQuestion[];
  readonly rules: readonly PathwayRule[];
  readonly counties: readonly CountyGroup[];
  readonly modeLabels: Readonly<Record<CareMode, string>>;
  /** Full titles of the plans the rules cite, by plan id (content/plans.json). */
  readonly planNames: Readonly<Record<string, string>>;
  readonly strings: PathwayStrings;
  /** Id of the always-visible 120 box, linked from urgent advice. */
  readonly emergencyId: string;
  /** Id of the "needs JavaScript, see the table" note, hidden once the helper runs. */
  readonly fallbackId: string;
}

function fill(template: string, vars: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

export default function PathwayHelper({ questions, rules, counties, modeLabels, planNames, strings, emergencyId, fallbackId }: Props) {
  useEffect(() => {
    const note = document.getElementById(fallbackId);
    if (note) note.hidden = true;
  }, [fallbackId]);
  const [answers, setAnswers] = useState<Answers>({});
  const [county, setCounty] = useState('');
  const decision = useMemo(() => decide({ questions, rules }, answers), [questions, rules, answers]);
  const rule = decision.rule;
  const countyName = useMemo(() => {
    for (const group of counties) for (const c of group.counties) if (c.code === county) return c.name;
    return undefined;
  }, [counties, county]);

  const choose = (question: string, value: string) => setAnswers((prev) => ({ ...prev, [question]: value }));
  const reset = () => {
    setAnswers({});
    document.getElementById(`pw-q-${questions[0]?.id ?? ''}-0`)?.focus();
  };

  return (
    <>
      <form class="pw-form" onSubmit={(event) => event.preventDefault()} aria-labelledby="pw-form-title">
        <h2 id="pw-form-title">{strings.formTitle}</h2>
        {questions.map((q) => (
          <fieldset class="pw-question" key={q.id} aria-describedby={q.hint ? `pw-hint-${q.id}` : undefined}>
            <legend>{q.question}</legend>
            {q.hint && (
              <p class="pw-hint" id={`pw-hint-${q.id}`}>
                {q.hint}
              </p>
            )}
            {q.options.map((o, i) => (
              <label class="pw-option" key={o.value} for={`pw-q-${q.id}-${i}`}>
                <input
                  type="radio"
                  id={`pw-q-${q.id}-${i}`}
                  name={`pw-${q.id}`}
                  value={o.value}
                  checked={answers[q.id] === o.value}
                  onChange={() => choose(q.id, o.value)}
                />
                <span>{o.label}</span>
              </label>
            ))}
          </fieldset>
        ))}

        <fieldset class="pw-question">
          <legend>{strings.countyLegend}</legend>
          <p class="pw-hint" id="pw-county-hint">
            {strings.countyHint}
          </p>
          <label for="pw-county">{strings.countyLabel}</label>
          <select
            id="pw-county"
            aria-describedby="pw-county-hint"
            value={county}
            onChange={(event) => setCounty(event.currentTarget.value)}
          >
            <option value="">{strings.countyAny}</option>
            {counties.map((group) => (
              <optgroup label={group.label} key={group.label}>
                {group.counties.map((c) => (
                  <option value={c.code} key={c.code}>
                    {c.name}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </fieldset>
      </form>

      <p class="visually-hidden" role="status" aria-live="polite">
        {rule ? fill(strings.announce, { title: rule.title }) : ''}
      </p>

      <section class="pw-result" aria-labelledby="pw-result-title">
        <h2 id="pw-result-title">{strings.resultTitle}</h2>
        {rule === undefined ? (
          <p>
            {strings.pending} {decision.unanswered.length > 0 && fill(strings.pendingCount, { count: decision.unanswered.length })}
          </p>
        ) : (
          <div class="pw-advice">
            {rule.urgent && (
              <p class="notice pw-urgent">
                <strong>{strings.urgent}</strong> <a href={`#${emergencyId}`}>{strings.urgentLink}</a>
              </p>
            )}
            <h3>{rule.title}</h3>
            {decision.unanswered.length > 0 && <p class="pw-hint">{strings.settledEarly}</p>}
            <h4>{strings.modes}</h4>
            <ul class="pw-modes">
              {rule.modes.map((m) => (
                <li key={m.mode}>
                  <p>
                    <strong>{modeLabels[m.mode]}</strong>：{m.why}
                  </p>
                  <a class="button" href={finderHref(county || undefined, m.mode)}>
                    {countyName ? fill(strings.findIn, { county: countyName, mode: m.mode }) : fill(strings.findAny, { mode: m.mode })}
                  </a>
                  {county !== '' && ASK_NEED[m.mode] !== undefined && (
                    <>
                      {' '}
                      <a class="button button--secondary" href={routes.consultAny(county, ASK_NEED[m.mode] ?? '')}>
                        {fill(strings.askAny, { county: countyName ?? '' })}
                      </a>
                    </>
                  )}
                </li>
              ))}
            </ul>
            <h4>{strings.places}</h4>
            <ul>
              {rule.places.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
            <h4>{strings.next}</h4>
            <ol>
              {rule.next.map((n) => (
                <li key={n}>{n}</li>
              ))}
            </ol>
            <h4>{strings.sources}</h4>
            <ul class="pw-sources">
              {rule.sources.map((s, i) => (
                <li key={`${s.plan}-${s.clause}-${i}`}>
                  <cite>《{planNames[s.plan]}》</cite>
                  {fill(strings.clause, { clause: s.clause })}
                  {s.quote && (
                    <>
                      ：<q>{s.quote}</q>
                    </>
                  )}
                </li>
              ))}
            </ul>
            <p>
              <button type="button" class="button--secondary" onClick={reset}>
                {strings.reset}
              </button>
            </p>
          </div>
        )}
      </section>
    </>
  );
}

/**
 * The frame of every form island: the error summary, the fields, the honeypot and the
 * button; with JavaScript, the review step in place of the fields until the person
 * confirms. Without JavaScript the button posts the form to `endpoint` as it is.
 */
import type { ComponentChildren } from 'preact';
import { ErrorSummary, Honeypot } from './fields.tsx';
import { translator, type IslandStrings } from '../../i18n/island.ts';
import { formElementId } from './typed-values.ts';
import type { FormController } from './use-form.ts';

export interface ReviewRow {
  readonly label: string;
  readonly value: string;
}

interface Props {
  readonly form: FormController;
  readonly strings: IslandStrings<string>;
  readonly endpoint: string;
  readonly idPrefix: string;
  /** Accessible name of the form. */
  readonly label: string;
  /** Button text without JavaScript (it posts the form straight away). */
  readonly submitLabel: string;
  readonly reviewRows: () => readonly ReviewRow[];
  readonly reviewTitle?: string;
  readonly reviewHint?: string;
  readonly confirmLabel?: string;
  /** Where the form posts without JavaScript, when not straight to `endpoint` (e.g. a confirmation page). */
  readonly noScriptAction?: string;
  /** Hidden fields sent with the form (e.g. the course and session). */
  readonly hidden?: Readonly<Record<string, string>>;
  readonly children: ComponentChildren;
}

export function FormShell(props: Props) {
  const { form, strings, endpoint, idPrefix, label, submitLabel, reviewRows, hidden = {}, children } = props;
  const s = translator<string>(strings);
  const reviewing = form.phase !== 'edit';
  return (
    <form
      class="form"
      id={formElementId(idPrefix)}
      method="post"
      action={props.noScriptAction ?? endpoint}
      noValidate
      aria-label={label}
      onSubmit={form.onSubmit}
    >
      <ErrorSummary
        id={`${idPrefix}-summary`}
        title={s('forms.errorSummary.title', { count: form.summary.length })}
        intro={s('forms.errorSummary.intro')}
        items={form.summary}
        summaryRef={form.summaryRef}
      />
      {Object.entries(hidden).map(([name, value]) => (
        <input type="hidden" name={name} value={value} key={name} />
      ))}
      <div class="form-body" hidden={reviewing}>
        {children}
        <Honeypot id={`${idPrefix}-website`} label={s('forms.honeypot.label')} />
        <div class="form-actions">
          <button type="submit" id={`${idPrefix}-next`}>
            {form.enhanced ? s('forms.next') : submitLabel}
          </button>
        </div>
      </div>
      {reviewing && (
        <section class="form-review" aria-labelledby={`${idPrefix}-review-title`}>
          <h2 class="form-review__title" id={`${idPrefix}-review-title`} tabIndex={-1} ref={form.reviewHeadingRef}>
            {props.reviewTitle ?? s('forms.review.title')}
          </h2>
          <p>{props.reviewHint ?? s('forms.review.hint')}</p>
          <dl class="form-review__list">
            {reviewRows().map((row) => (
              <div class="form-review__row" key={row.label}>
                <dt>{row.label}</dt>
                <dd>{row.value === '' ? s('forms.review.empty') : row.value}</dd>
              </div>
            ))}
          </dl>
          {form.sendError !== undefined && (
            <p class="form-send-error" id={`${idPrefix}-send-error`} role="alert" tabIndex={-1}>
              {form.sendError}
            </p>
          )}
          <div class="form-actions">
            <button
              type="button"
              id={`${idPrefix}-confirm`}
              onClick={form.confirm}
              aria-disabled={form.phase === 'sending' ? 'true' : undefined}
              aria-describedby={`${idPrefix}-sending`}
            >
              {props.confirmLabel ?? s('forms.review.confirm')}
            </button>
            <button
              type="button"
              class="button--secondary"
              onClick={form.back}
              aria-disabled={form.phase === 'sending' ? 'true' : undefined}
            >
              {s('forms.review.back')}
            </button>
          </div>
          <p class="form-hint" id={`${idPrefix}-sending`} role="status">
            {form.phase === 'sending' ? s('forms.sending') : ''}
          </p>
        </section>
      )}
    </form>
  );
}

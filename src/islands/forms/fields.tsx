/**
 * Form controls for the islands, GOV.UK style: label, hint, error message, then the
 * control, tied together with aria-describedby; the error message is also in the
 * accessible description. Rendered on the server first, so they work without JavaScript.
 */
import type { ComponentChildren, RefObject } from 'preact';
import type { ChoiceGroup } from '../../lib/forms/reference-data.ts';

export type FieldValue = string | readonly string[];
export type Values = Readonly<Record<string, FieldValue>>;

interface Common {
  /** Element id of the control (or the first control of a group). */
  readonly id: string;
  /** Form field name. */
  readonly name: string;
  readonly label: string;
  readonly hint?: string | undefined;
  readonly error?: string | undefined;
  /** Shown after the label for optional fields, e.g. （选填）. */
  readonly optionalMark?: string | undefined;
}

/** Ids for hint and error, and the aria-describedby that joins them. */
function describedBy(id: string, hint: string | undefined, error: string | undefined): string | undefined {
  const ids = [hint !== undefined ? `${id}-hint` : undefined, error !== undefined ? `${id}-error` : undefined].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

function Hint({ id, text }: { id: string; text: string | undefined }) {
  return text === undefined ? null : (
    <p class="form-hint" id={`${id}-hint`}>
      {text}
    </p>
  );
}

export function ErrorText({ id, text }: { id: string; text: string | undefined }) {
  return text === undefined ? null : (
    <p class="form-error" id={`${id}-error`}>
      {text}
    </p>
  );
}

function Label({ id, label, optionalMark }: { id: string; label: string; optionalMark: string | undefined }) {
  return (
    <label class="form-label" for={id}>
      {label}
      {optionalMark !== undefined && <span class="form-optional">{optionalMark}</span>}
    </label>
  );
}

/** The input attributes the forms use. */
interface InputAttrs {
  readonly type?: 'text' | 'tel' | 'email' | undefined;
  /** An HTML autofill token list, e.g. "name", "tel", "section-guardian tel". */
  readonly autocomplete?: string | undefined;
  readonly inputMode?: 'text' | 'tel' | 'email' | 'numeric' | undefined;
  readonly maxLength?: number | undefined;
  readonly spellcheck?: boolean | undefined;
  readonly autocapitalize?: 'off' | 'characters' | undefined;
}

export function TextField(
  props: Common &
    InputAttrs & {
      readonly value: string;
      readonly required?: boolean | undefined;
      readonly onInput: (v: string) => void;
      readonly width?: 'short' | 'medium' | undefined;
    },
) {
  const {
    id,
    name,
    label,
    hint,
    error,
    optionalMark,
    value,
    onInput,
    required,
    width,
    type,
    autocomplete,
    inputMode,
    maxLength,
    spellcheck,
    autocapitalize,
  } = props;
  return (
    <div class={`form-field${error !== undefined ? ' form-field--error' : ''}`}>
      <Label id={id} label={label} optionalMark={optionalMark} />
      <Hint id={id} text={hint} />
      <ErrorText id={id} text={error} />
      <input
        id={id}
        name={name}
        class={`form-input${width !== undefined ? ` form-input--${width}` : ''}`}
        type={type ?? 'text'}
        {...(autocomplete === undefined ? {} : { autocomplete })}
        inputMode={inputMode}
        maxLength={maxLength}
        spellcheck={spellcheck}
        autocapitalize={autocapitalize}
        value={value}
        required={required}
        aria-invalid={error !== undefined ? 'true' : undefined}
        aria-describedby={describedBy(id, hint, error)}
        onInput={(e) => onInput(e.currentTarget.value)}
      />
    </div>
  );
}

export function TextArea(
  props: Common & {
    readonly value: string;
    readonly rows?: number | undefined;
    readonly maxLength?: number | undefined;
    readonly counter?: string | undefined;
    readonly required?: boolean | undefined;
    readonly onInput: (v: string) => void;
  },
) {
  const { id, name, label, hint, error, optionalMark, value, onInput, rows, maxLength, counter, required } = props;
  const described = [describedBy(id, hint, error), counter !== undefined ? `${id}-count` : undefined].filter(Boolean).join(' ');
  return (
    <div class={`form-field${error !== undefined ? ' form-field--error' : ''}`}>
      <Label id={id} label={label} optionalMark={optionalMark} />
      <Hint id={id} text={hint} />
      <ErrorText id={id} text={error} />
      <textarea
        id={id}
        name={name}
        class="form-textarea"
        rows={rows ?? 5}
        maxLength={maxLength}
        required={required}
        aria-invalid={error !== undefined ? 'true' : undefined}
        aria-describedby={described === '' ? undefined : described}
        onInput={(e) => onInput(e.currentTarget.value)}
        value={value}
      />
      {counter !== undefined && (
        <p class="form-hint" id={`${id}-count`}>
          {counter}
        </p>
      )}
    </div>
  );
}

export function SelectField(
  props: Common & {
    readonly value: string;
    /** First, empty choice (e.g. 请选择 / 不指定). */
    readonly placeholder: string;
    readonly groups: readonly ChoiceGroup[];
    readonly required?: boolean | undefined;
    readonly onChange: (v: string) => void;
  },
) {
  const { id, name, label, hint, error, optionalMark, value, placeholder, groups, onChange, required } = props;
  return (
    <div class={`form-field${error !== undefined ? ' form-field--error' : ''}`}>
      <Label id={id} label={label} optionalMark={optionalMark} />
      <Hint id={id} text={hint} />
      <ErrorText id={id} text={error} />
      <select
        id={id}
        name={name}
        class="form-select"
        required={required}
        aria-invalid={error !== undefined ? 'true' : undefined}
        aria-describedby={describedBy(id, hint, error)}
        onChange={(e) => onChange(e.currentTarget.value)}
      >
        <option value="" selected={value === ''}>
          {placeholder}
        </option>
        {groups.map((g) => (
          <optgroup label={g.label} key={g.label}>
            {g.choices.map((c) => (
              <option value={c.value} selected={c.value === value} key={c.value}>
                {c.label}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
    </div>
  );
}

export interface Option {
  readonly value: string;
  readonly label: string;
}

/** A fieldset of radios (single) or checkboxes (several). The first option carries `id`. */
export function ChoiceGroupField(
  props: Common & {
    readonly type: 'radio' | 'checkbox';
    readonly options: readonly Option[];
    readonly value: FieldValue;
    readonly onChange: (v: FieldValue) => void;
    readonly children?: ComponentChildren | undefined;
  },
) {
  const { id, name, label, hint, error, optionalMark, type, options, value, onChange, children } = props;
  const selected = new Set(typeof value === 'string' ? (value === '' ? [] : [value]) : value);
  const toggle = (v: string, checked: boolean) => {
    if (type === 'radio') onChange(v);
    else onChange(options.map((o) => o.value).filter((o) => (o === v ? checked : selected.has(o))));
  };
  return (
    <div class={`form-field${error !== undefined ? ' form-field--error' : ''}`}>
      <fieldset class="form-fieldset" aria-describedby={describedBy(id, hint, error)}>
        <legend class="form-legend">
          {label}
          {optionalMark !== undefined && <span class="form-optional">{optionalMark}</span>}
        </legend>
        <Hint id={id} text={hint} />
        <ErrorText id={id} text={error} />
        <div class="form-choices">
          {options.map((o, i) => {
            const optionId = i === 0 ? id : `${id}-${i}`;
            return (
              <div class="form-choice" key={o.value}>
                <input
                  id={optionId}
                  type={type}
                  name={name}
                  value={o.value}
                  checked={selected.has(o.value)}
                  aria-invalid={error !== undefined ? 'true' : undefined}
                  onChange={(e) => toggle(o.value, e.currentTarget.checked)}
                />
                <label for={optionId}>{o.label}</label>
              </div>
            );
          })}
        </div>
        {children}
      </fieldset>
    </div>
  );
}

/** One checkbox that stands on its own (consent). Sends "yes" when ticked. */
export function Checkbox(
  props: Common & { readonly checked: boolean; readonly onChange: (checked: boolean) => void; readonly children?: ComponentChildren },
) {
  const { id, name, label, hint, error, checked, onChange, children } = props;
  return (
    <div class={`form-field${error !== undefined ? ' form-field--error' : ''}`}>
      <Hint id={id} text={hint} />
      <ErrorText id={id} text={error} />
      <div class="form-choice">
        <input
          id={id}
          type="checkbox"
          name={name}
          value="yes"
          checked={checked}
          aria-invalid={error !== undefined ? 'true' : undefined}
          aria-describedby={describedBy(id, hint, error)}
          onChange={(e) => onChange(e.currentTarget.checked)}
        />
        <label for={id}>{label}</label>
      </div>
      {children}
    </div>
  );
}

/** The honeypot: off-screen, out of the tab order and hidden from assistive technology. */
export function Honeypot({ id, label }: { id: string; label: string }) {
  return (
    <div class="form-hp" aria-hidden="true">
      <label for={id}>{label}</label>
      <input id={id} type="text" name="website" tabIndex={-1} autocomplete="off" value="" />
    </div>
  );
}

/** The list of problems above the form; each links to its field. */
export function ErrorSummary(props: {
  readonly id: string;
  readonly title: string;
  readonly intro: string;
  readonly items: readonly { href: string; text: string }[];
  readonly summaryRef?: RefObject<HTMLDivElement> | undefined;
}) {
  const { id, title, intro, items, summaryRef } = props;
  if (items.length === 0) return null;
  return (
    <div
      class="form-summary"
      id={id}
      role="alert"
      aria-labelledby={`${id}-title`}
      tabIndex={-1}
      {...(summaryRef === undefined ? {} : { ref: summaryRef })}
    >
      <h2 class="form-summary__title" id={`${id}-title`}>
        {title}
      </h2>
      <p>{intro}</p>
      <ul>
        {items.map((item) => (
          <li key={item.href + item.text}>
            <a href={item.href}>{item.text}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

/**
 * A fieldset of large checkboxes for one filter (care mode, offers, payment …), and a single
 * checkbox. Both skip re-rendering when their props are unchanged (pure.ts): a filter change
 * then redraws only the group that changed, not all of the panel's forty-odd options.
 */
import { pure } from './pure.ts';

interface Props<T extends string> {
  readonly id: string;
  readonly legend: string;
  readonly hint?: string;
  readonly options: readonly T[];
  readonly chosen: readonly T[];
  // Method signatures (not arrow properties) so a group of one vocabulary is a CheckGroup of
  // strings; `this: void` says they are called unbound.
  /** Visible label of an option (defaults to the value itself). */
  label?(this: void, value: T): string;
  onToggle(this: void, value: T): void;
}

function Group<T extends string>({ id, legend, hint, options, chosen, label, onToggle }: Props<T>) {
  return (
    <fieldset class="fc-group" aria-describedby={hint === undefined ? undefined : `${id}-hint`}>
      <legend>{legend}</legend>
      {hint !== undefined && (
        <p class="fc-hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      <div class="fc-options">
        {options.map((value, n) => (
          <label key={value} class={chosen.includes(value) ? 'fc-option is-checked' : 'fc-option'} for={`${id}-${n}`}>
            <input id={`${id}-${n}`} type="checkbox" checked={chosen.includes(value)} onChange={() => onToggle(value)} />
            <span>{label === undefined ? value : label(value)}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

export const CheckGroup = pure(Group);

interface OneProps {
  readonly id: string;
  readonly label: string;
  readonly hint?: string;
  readonly checked: boolean;
  readonly disabled?: boolean;
  onChange: (value: boolean) => void;
}

/** One stand-alone checkbox (takes volunteers, verified only …). */
function One({ id, label, hint, checked, disabled = false, onChange }: OneProps) {
  return (
    <div class="fc-single">
      <label class={checked ? 'fc-option is-checked' : disabled ? 'fc-option is-disabled' : 'fc-option'} for={id}>
        <input
          id={id}
          type="checkbox"
          checked={checked}
          disabled={disabled}
          aria-describedby={hint === undefined ? undefined : `${id}-hint`}
          onChange={(e) => onChange(e.currentTarget.checked)}
        />
        <span>{label}</span>
      </label>
      {hint !== undefined && (
        <p class="fc-hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
    </div>
  );
}

export const CheckOne = pure(One);

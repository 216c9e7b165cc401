/** A fieldset of large checkboxes for one filter (care mode, offers, payment …). */
interface Props<T extends string> {
  readonly id: string;
  readonly legend: string;
  readonly hint?: string;
  readonly options: readonly T[];
  readonly chosen: readonly T[];
  /** Visible label of an option (defaults to the value itself). */
  readonly label?: (value: T) => string;
  onToggle(value: T): void;
}

export function CheckGroup<T extends string>({ id, legend, hint, options, chosen, label, onToggle }: Props<T>) {
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

/** One stand-alone checkbox (takes volunteers, verified only …). */
export function CheckOne({ id, label, hint, checked, disabled = false, onChange }: { id: string; label: string; hint?: string; checked: boolean; disabled?: boolean; onChange(value: boolean): void }) {
  return (
    <div class="fc-single">
      <label class={checked ? 'fc-option is-checked' : disabled ? 'fc-option is-disabled' : 'fc-option'} for={id}>
        <input id={id} type="checkbox" checked={checked} disabled={disabled} aria-describedby={hint === undefined ? undefined : `${id}-hint`} onChange={(e) => onChange(e.currentTarget.checked)} />
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

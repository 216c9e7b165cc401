/**
 * What a person already typed into the server-rendered form before its island's script
 * arrived (slow network, client:visible). The island starts from these values, so
 * hydrating never wipes an answer: Preact leaves `value`/`checked` alone while it
 * hydrates, but the first re-render would otherwise write the island's own (empty) state
 * over them.
 */
import type { FieldValue, Values } from './fields.tsx';

/** The form element's id for an island whose field ids start with `idPrefix`. */
export const formElementId = (idPrefix: string) => `${idPrefix}-form`;

/**
 * The live values of `fields` in `form`: text, selects and radios as a string, groups of
 * checkboxes as a list of ticked values, a lone checkbox as its value when ticked ('' when
 * not). Fields the form does not contain are left out.
 */
export function typedValues(form: HTMLFormElement, fields: readonly string[]): Values {
  const out: Record<string, FieldValue> = {};
  for (const name of fields) {
    const controls = [...form.elements].filter(
      (el): el is HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement => 'name' in el && (el as HTMLInputElement).name === name,
    );
    if (controls.length === 0) continue;
    const first = controls[0] as HTMLInputElement;
    if (first.type === 'checkbox') {
      const ticked = (controls as HTMLInputElement[]).filter((c) => c.checked).map((c) => c.value);
      out[name] = controls.length > 1 ? ticked : (ticked[0] ?? '');
    } else if (first.type === 'radio') {
      out[name] = (controls as HTMLInputElement[]).find((c) => c.checked)?.value ?? '';
    } else {
      out[name] = first.value;
    }
  }
  return out;
}

/**
 * `initial` with whatever the server-rendered form with id `formId` holds now; the page's
 * form wins, since it shows the server's values unless the person changed them. Outside a
 * browser (server rendering) this is `initial`.
 */
export function adoptTypedValues(formId: string, fields: readonly string[], initial: Values): Values {
  if (typeof document === 'undefined') return initial;
  const form = document.getElementById(formId);
  return form instanceof HTMLFormElement ? { ...initial, ...typedValues(form, fields) } : initial;
}

/**
 * State and behaviour shared by the form islands: values that are never lost, checking
 * with the same zod schema the server uses, messages beside fields with focus on the
 * first one, a review step, and sending as JSON with every server reply handled.
 *
 * Before hydration (or without JavaScript) the same markup posts as a plain form.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { z } from 'zod';
import { issuesToErrors, orderedErrors } from '../../lib/forms/form-data.ts';
import type { FieldValue, Values } from './fields.tsx';
import { translator, type IslandStrings } from '../../i18n/island.ts';
import { adoptTypedValues, formElementId } from './typed-values.ts';

export type Phase = 'edit' | 'review' | 'sending';

export interface FormOptions {
  readonly schema: z.ZodType;
  /** Field names in form order. */
  readonly fields: readonly string[];
  /** Names of single checkboxes (sent as true when ticked). */
  readonly booleans?: readonly string[];
  readonly strings: IslandStrings<string>;
  readonly endpoint: string;
  readonly idPrefix: string;
  readonly initialValues: Values;
  /** Messages from a server round trip (no-JavaScript path), shown at first render. */
  readonly initialErrors: Readonly<Record<string, string>>;
  /** Where to go after the server accepted the form. */
  readonly nextUrl: (reply: Record<string, unknown>) => string;
}

export interface FormController {
  readonly values: Values;
  readonly errors: Readonly<Record<string, string>>;
  readonly phase: Phase;
  /** A problem with sending (network, rate limit …), shown on the review step. */
  readonly sendError: string | undefined;
  /** True once the script runs: enables the review step and the JS-only hints. */
  readonly enhanced: boolean;
  readonly id: (field: string) => string;
  readonly text: (field: string) => string;
  readonly list: (field: string) => readonly string[];
  readonly set: (field: string, value: FieldValue) => void;
  readonly onSubmit: (event: Event) => void;
  readonly confirm: () => void;
  readonly back: () => void;
  /** Error summary entries in form order. */
  readonly summary: readonly { href: string; text: string }[];
  readonly reviewHeadingRef: { current: HTMLHeadingElement | null };
  readonly summaryRef: { current: HTMLDivElement | null };
}

/** The payload as the API expects it: empty fields left out, ticked boxes as true. */
export function toPayload(values: Values, booleans: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(values)) {
    if (typeof value === 'string' ? value.trim() === '' : value.length === 0) continue;
    out[name] = booleans.includes(name) ? value === 'yes' : value;
  }
  return out;
}

export function useForm(options: FormOptions): FormController {
  const { schema, fields, strings, endpoint, idPrefix } = options;
  const s = translator<string>(strings);
  const booleans = options.booleans ?? [];
  // Start from the page's form as it is now: anything typed before this script arrived stays.
  const [values, setValues] = useState<Values>(() => adoptTypedValues(formElementId(idPrefix), fields, options.initialValues));
  const [errors, setErrors] = useState<Readonly<Record<string, string>>>(options.initialErrors);
  const [phase, setPhase] = useState<Phase>('edit');
  const [sendError, setSendError] = useState<string | undefined>(undefined);
  const [enhanced, setEnhanced] = useState(false);
  const [focusTarget, setFocusTarget] = useState<{ id: string } | undefined>(undefined);
  const startedAt = useRef(0);
  const reviewHeadingRef = useRef<HTMLHeadingElement>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  // A form shown again after a server round trip has been filled in already: its fill
  // time is not measured (a quick fix must not look like a robot).
  const timed = Object.keys(options.initialErrors).length === 0;

  useEffect(() => {
    // The form appeared when the page did, not when this script ran: time spent typing
    // before hydration counts as time spent filling in.
    startedAt.current = Date.now() - (typeof performance === 'undefined' ? 0 : performance.now());
    setEnhanced(true);
  }, []);

  useEffect(() => {
    if (focusTarget === undefined) return;
    const el = document.getElementById(focusTarget.id);
    el?.focus();
  }, [focusTarget]);

  const id = (field: string) => `${idPrefix}-${field}`;
  const messages = (errs: Record<string, string>): Record<string, string> =>
    Object.fromEntries(Object.entries(errs).map(([f, key]) => [f, s(key)]));

  const check = (vals: Values): Record<string, string> => {
    const parsed = schema.safeParse(toPayload(vals, booleans));
    return parsed.success ? {} : messages(issuesToErrors(parsed.error.issues));
  };

  const showErrors = (errs: Record<string, string>) => {
    setErrors(errs);
    setPhase('edit');
    const first = orderedErrors(errs, fields)[0];
    if (first !== undefined) setFocusTarget({ id: fields.includes(first[0]) ? id(first[0]) : `${idPrefix}-summary` });
  };

  const set = (field: string, value: FieldValue) => {
    const next = { ...values, [field]: value };
    setValues(next);
    // Once a field has a message, re-check as the person types so the message goes away
    // when it is fixed; new messages wait for the next "下一步".
    if (Object.keys(errors).length > 0) {
      const now = check(next);
      setErrors(Object.fromEntries(Object.entries(now).filter(([f]) => errors[f] !== undefined)));
    }
  };

  const onSubmit = (event: Event) => {
    event.preventDefault();
    const errs = check(values);
    if (Object.keys(errs).length > 0) return showErrors(errs);
    setErrors({});
    setSendError(undefined);
    setPhase('review');
    setFocusTarget({ id: `${idPrefix}-review-title` });
  };

  const back = () => {
    if (phase === 'sending') return;
    setPhase('edit');
    setSendError(undefined);
    setFocusTarget({ id: `${idPrefix}-next` });
  };

  const confirm = () => {
    if (phase === 'sending') return;
    setPhase('sending');
    setSendError(undefined);
    const payload: Record<string, unknown> = { ...toPayload(values, booleans), website: '' };
    if (timed) payload['elapsedMs'] = Math.max(0, Date.now() - startedAt.current);
    fetch(endpoint, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify(payload),
      credentials: 'same-origin',
    })
      .then(async (response) => {
        const reply = (await response.json().catch(() => ({}))) as Record<string, unknown>;
        if (response.ok && reply['ok'] === true) {
          window.location.assign(options.nextUrl(reply));
          return;
        }
        const fieldErrors = reply['errors'];
        if (response.status === 400 && typeof fieldErrors === 'object' && fieldErrors !== null) {
          showErrors(fieldErrors as Record<string, string>);
          return;
        }
        const message = typeof reply['message'] === 'string' ? reply['message'] : s('forms.error.server');
        setSendError(message);
        setPhase('review');
        setFocusTarget({ id: `${idPrefix}-send-error` });
      })
      .catch(() => {
        setSendError(s('forms.error.network'));
        setPhase('review');
        setFocusTarget({ id: `${idPrefix}-send-error` });
      });
  };

  const summary = orderedErrors(errors, fields).map(([field, text]) => ({
    href: `#${fields.includes(field) ? id(field) : `${idPrefix}-summary`}`,
    text,
  }));

  return {
    values,
    errors,
    phase,
    sendError,
    enhanced,
    id,
    text: (field) => {
      const v = values[field];
      return typeof v === 'string' ? v : '';
    },
    list: (field) => {
      const v = values[field];
      return v === undefined ? [] : typeof v === 'string' ? (v === '' ? [] : [v]) : v;
    },
    set,
    onSubmit,
    confirm,
    back,
    summary,
    reviewHeadingRef,
    summaryRef,
  };
}

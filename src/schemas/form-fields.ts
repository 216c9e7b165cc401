/**
 * Field builders shared by the public form schemas (volunteer-form.ts, enrolment-form.ts,
 * report-form.ts, withdraw-form.ts). The same schemas run in the browser (Preact islands)
 * and on the server (API routes), so every message is a UI-string key (src/i18n/zh-CN.json,
 * prefix `forms.error.`) that each side translates: the browser bundle never carries the
 * whole string table.
 *
 * Every string is trimmed and length-bounded; nothing here is ever rendered as HTML.
 */
import { z } from 'zod';
import type { UiKey } from '../i18n/index.ts';

/** A UI-string key used as a validation message. */
export type FormMessageKey = Extract<UiKey, `forms.error.${string}`>;

/** Mainland China mobile number after normalisation: 11 digits starting 13–19. */
export const MOBILE_PATTERN = /^1[3-9]\d{9}$/;

/**
 * Accepts the ways people write a mobile number (spaces, hyphens, a +86 or 0086 prefix,
 * full-width digits) and returns the 11 digits, or the trimmed input when it is not one.
 */
export function normalizeMobile(input: string): string {
  const halfWidth = input.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
  const digits = halfWidth.replace(/[\s\-()（）]/g, '');
  const national = digits.replace(/^(?:\+86|0086|86)(?=1\d{10}$)/, '');
  return MOBILE_PATTERN.test(national) ? national : input.trim();
}

/** Characters that never belong in a short text field (control characters). */
// eslint-disable-next-line no-control-regex -- matching control characters is this pattern's whole job
const CONTROL_CHARS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/** Message for a missing value (undefined) versus a value of the wrong type. */
const typeError =
  (required: FormMessageKey, invalid: FormMessageKey = 'forms.error.invalid') =>
  (issue: { readonly input?: unknown }) =>
    issue.input === undefined || issue.input === null ? required : invalid;

/** A required single-line text: trimmed, 1..max characters, no control characters. */
export function requiredText(max: number, required: FormMessageKey, tooLong: FormMessageKey) {
  return z
    .string({ error: typeError(required) })
    .trim()
    .min(1, { error: required })
    .max(max, { error: tooLong })
    .refine((v) => !CONTROL_CHARS.test(v), { error: 'forms.error.invalid' satisfies FormMessageKey });
}

/**
 * An optional text: trimmed, at most `max` characters; an empty string (an empty form
 * field) counts as not given. `multiline` allows line breaks (textareas).
 */
export function optionalText(max: number, tooLong: FormMessageKey, multiline = false) {
  // eslint-disable-next-line no-control-regex -- matching control characters is this pattern's whole job
  const forbidden = multiline ? CONTROL_CHARS : /[\u0000-\u001f\u007f]/;
  return z
    .string({ error: 'forms.error.invalid' satisfies FormMessageKey })
    .transform((v) => v.replace(/\r\n?/g, '\n').trim())
    .pipe(
      z
        .string()
        .max(max, { error: tooLong })
        .refine((v) => !forbidden.test(v), { error: 'forms.error.invalid' satisfies FormMessageKey }),
    )
    .optional()
    .transform((v) => (v === '' ? undefined : v));
}

/** A required mainland mobile number, normalised to 11 digits. */
export function mobile(required: FormMessageKey, invalid: FormMessageKey) {
  return z
    .string({ error: typeError(required, invalid) })
    .trim()
    .min(1, { error: required })
    .max(32, { error: invalid })
    .transform(normalizeMobile)
    .pipe(z.string().regex(MOBILE_PATTERN, { error: invalid }));
}

/** Form checkboxes send "yes" (or "on"); JSON sends true. Anything else stays as it is. */
export const checkboxValue = (v: unknown) => (v === 'yes' || v === 'on' || v === 'true' ? true : v);

/** A box that must be ticked. */
export function mustTick(required: FormMessageKey) {
  return z.preprocess(checkboxValue, z.literal(true, { error: required }));
}

/** An optional box: missing or unticked is false. */
export function optionalTick() {
  return z
    .preprocess(checkboxValue, z.boolean({ error: 'forms.error.invalid' satisfies FormMessageKey }).optional())
    .transform((v) => v === true);
}

/** One value out of a fixed list. */
export function oneOf<const T extends readonly [string, ...string[]]>(values: T, required: FormMessageKey, invalid: FormMessageKey) {
  return z.preprocess(
    (v) => (typeof v === 'string' ? v.trim() : v),
    z
      .string({ error: typeError(required, invalid) })
      .min(1, { error: required })
      .pipe(z.enum(values, { error: invalid })),
  );
}

/**
 * Several values out of a fixed list (checkbox groups). A single form value arrives as a
 * string and is wrapped; repeats are dropped; at least one is required.
 */
export function someOf<const T extends readonly [string, ...string[]]>(values: T, required: FormMessageKey, invalid: FormMessageKey) {
  return z.preprocess(
    (v) => (typeof v === 'string' ? [v] : v),
    z
      .array(z.enum(values, { error: invalid }), { error: typeError(required, invalid) })
      .min(1, { error: required })
      .max(values.length, { error: invalid })
      .transform((list) => [...new Set(list)]),
  );
}

/**
 * An optional id that must be one of `known` (an empty form value counts as not given).
 * `known` is a function so a schema can be built before the list is loaded.
 */
export function optionalKnownId(known: () => ReadonlySet<string>, invalid: FormMessageKey) {
  return z
    .string({ error: invalid })
    .trim()
    .max(80, { error: invalid })
    .optional()
    .transform((v) => (v === '' ? undefined : v))
    .refine((v) => v === undefined || known().has(v), { error: invalid });
}

/** Field names of the anti-spam extras every form may carry (never stored). */
export const META_FIELDS = {
  /** Honeypot: hidden from people, filled in by naive bots. Must be empty. */
  honeypot: 'website',
  /** Milliseconds between showing the form and sending it, measured by the browser script. */
  elapsed: 'elapsedMs',
} as const;

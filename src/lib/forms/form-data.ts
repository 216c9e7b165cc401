/**
 * Turning submitted data into something a form schema can check, and zod issues into one
 * message per field. Pure; shared by the browser islands and the server.
 */
import type { z } from 'zod';
import { META_FIELDS, type FormMessageKey } from '../../schemas/form-fields.ts';

/** Field → message key, first problem per field, in the order zod reports them. */
export type FieldErrors = Record<string, FormMessageKey>;

/** Key used for a problem that belongs to no single field. */
export const FORM_LEVEL = '_form';

/**
 * URL-encoded form data as a plain object: a name sent once is a string, a name sent
 * several times (checkbox groups) is an array of strings.
 */
export function paramsToRecord(params: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = Object.create(null) as Record<string, string | string[]>;
  for (const [key, value] of params) {
    const seen = out[key];
    if (seen === undefined) out[key] = value;
    else out[key] = Array.isArray(seen) ? [...seen, value] : [seen, value];
  }
  return out;
}

/** What the anti-spam extras said, taken off the submitted fields. */
export interface MetaFields {
  /** The honeypot's value ('' when empty or absent). */
  readonly honeypot: string;
  /** Fill time reported by the browser script; undefined when absent; NaN when unreadable. */
  readonly elapsedMs: number | undefined;
}

/** Separates the anti-spam extras from the real fields (the extras are never stored). */
export function splitMeta(raw: Record<string, unknown>): { fields: Record<string, unknown>; meta: MetaFields } {
  const { [META_FIELDS.honeypot]: honeypot, [META_FIELDS.elapsed]: elapsed, ...fields } = raw;
  const hp = typeof honeypot === 'string' ? honeypot.trim() : honeypot === undefined || honeypot === null ? '' : '?';
  let elapsedMs: number | undefined;
  if (elapsed === undefined || elapsed === null || elapsed === '') elapsedMs = undefined;
  else if (typeof elapsed === 'number') elapsedMs = elapsed;
  else if (typeof elapsed === 'string' && /^\s*\d{1,12}\s*$/.test(elapsed)) elapsedMs = Number(elapsed);
  else elapsedMs = Number.NaN;
  return { fields, meta: { honeypot: hp, elapsedMs } };
}

/**
 * True when the extras say a robot filled the form: the honeypot has text, or the browser
 * script reports less than `minFillMs` between showing and sending (or an unreadable time).
 * Submissions without a reported time (no JavaScript) are judged by the honeypot alone.
 */
export function looksAutomated(meta: MetaFields, minFillMs: number): boolean {
  return honeypotFilled(meta) || filledTooFast(meta, minFillMs);
}

/** The hidden honeypot field has text: no person sees it, so only a robot fills it. */
export function honeypotFilled(meta: MetaFields): boolean {
  return meta.honeypot !== '';
}

/**
 * The browser script reports less than `minFillMs` between showing and sending (or an
 * unreadable time). A robot, or a person with autofill: the server stores such a
 * submission for staff review rather than dropping it.
 */
export function filledTooFast(meta: MetaFields, minFillMs: number): boolean {
  if (meta.elapsedMs === undefined) return false;
  return !Number.isFinite(meta.elapsedMs) || meta.elapsedMs < minFillMs;
}

/** One message per field from a failed parse; unknown fields each get their own entry. */
export function issuesToErrors(issues: readonly z.core.$ZodIssue[]): FieldErrors {
  // Keyed by names the sender chose: without a prototype, `__proto__`, `constructor` or
  // `toString` are fields like any other (on a plain object they were never set).
  const errors = Object.create(null) as FieldErrors;
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) errors[key] ??= 'forms.error.unknownField';
      continue;
    }
    const head = issue.path[0];
    const field = typeof head === 'string' ? head : FORM_LEVEL;
    errors[field] ??= isMessageKey(issue.message) ? issue.message : 'forms.error.invalid';
  }
  return errors;
}

function isMessageKey(message: string): message is FormMessageKey {
  return message.startsWith('forms.error.');
}

/** Orders error entries by the form's field order (unknown names last), for summaries and focus. */
export function orderedErrors<V>(errors: Readonly<Record<string, V>>, fieldOrder: readonly string[]): [string, V][] {
  const rank = (k: string) => {
    const i = fieldOrder.indexOf(k);
    return i === -1 ? fieldOrder.length : i;
  };
  return Object.entries(errors).sort(([a], [b]) => rank(a) - rank(b));
}

/**
 * The one path every public form POST takes, whatever the form:
 *
 *   same-site check (403) → rate limit (429) → content type (415) → size (413) → parse
 *   → schema (400) → server-side checks (400) → honeypot? (same reply, nothing stored)
 *   → store (flagged for review when sent too fast) → 201 JSON { ok, id, … } or 303 to the thanks page.
 *
 * JSON clients get JSON; browsers posting the plain form get an outcome the route renders
 * as an HTML page: the form again with their values and a message beside each field
 * (400), or a short explanation (403/413/415/429).
 */
import type { z } from 'zod';
import { t } from '../i18n/index.ts';
import { FORM_LEVEL, filledTooFast, honeypotFilled, issuesToErrors, splitMeta, type FieldErrors } from '../lib/forms/form-data.ts';
import type { FormMessageKey } from '../schemas/form-fields.ts';
import { formsConfig } from './config.ts';
import { sharedDb } from './db/connect.ts';
import { hitCounter, sweepCounters } from './db/counters.ts';
import { clientKey } from './rate-limit.ts';
import { clientAddress, isCrossSite, readBody, wantsHtml } from './request.ts';
import { jsonResponse, seeOther } from './responses.ts';
import type { ReviewReason } from './submissions/consent.ts';

/** What a successful (or pretended) submission answers. */
export interface Stored {
  /** Reference code (JSON `id`); absent for withdrawals. */
  readonly id?: string;
  /** More JSON fields, e.g. the enrolment status. */
  readonly extra?: Readonly<Record<string, unknown>>;
  /** Where a browser goes next (303). */
  readonly thanks: string;
  /** JSON status; default 201 Created. */
  readonly status?: 200 | 201;
}

export interface FormSpec<T> {
  readonly schema: z.ZodType<T>;
  /** Checks that need the server's data (e.g. that a session is open). */
  readonly check?: (data: T) => Promise<FieldErrors | undefined> | FieldErrors | undefined;
  /**
   * Stores the submission; may still refuse with field errors (e.g. nothing to withdraw).
   * @param review set when staff should check it first (sent faster than MIN_FILL_MS)
   */
  readonly store: (
    data: T,
    now: Date,
    review: ReviewReason | undefined,
  ) => Promise<Stored | { readonly errors: FieldErrors }> | Stored | { readonly errors: FieldErrors };
  /**
   * The reply a stored submission would get, for a filled honeypot (never stored). A form
   * without it (the withdrawal) ignores the anti-spam extras: it only ever deletes what its
   * sender proves is theirs, and must never answer a deletion that did not happen.
   */
  readonly pretend?: (data: T) => Promise<Stored> | Stored;
}

export type FormOutcome =
  /** A finished response (JSON replies, redirects). */
  | { readonly kind: 'done'; readonly response: Response }
  /** Render the form again with the person's values and these messages. */
  | {
      readonly kind: 'invalid';
      readonly status: 400 | 500;
      readonly values: Readonly<Record<string, unknown>>;
      readonly errors: FieldErrors;
    }
  /** Render a short explanation page. */
  | {
      readonly kind: 'problem';
      readonly status: 400 | 403 | 413 | 415 | 429;
      readonly message: string;
      readonly headers: Readonly<Record<string, string>>;
    };

/**
 * Counts the request in the database, so every server node shares the one limit
 * (db/counters.ts). If the database cannot be reached the request goes on: storing will
 * then fail with the form's own message and the person's values kept, rather than a
 * bare error page here.
 */
async function formRate(client: string, perMinute: number) {
  try {
    const db = await sharedDb();
    const rate = await hitCounter(db, 'forms', client, perMinute, 60_000);
    void sweepCounters(db, 'forms', 60_000).catch(() => undefined);
    return rate;
  } catch (error) {
    console.error(`[forms] 无法计数请求频率：${error instanceof Error ? error.message : String(error)}`);
    return { allowed: true, retryAfterSeconds: 0 };
  }
}

const translate = (errors: FieldErrors) => Object.fromEntries(Object.entries(errors).map(([field, key]) => [field, t(key)]));

function problem(
  html: boolean,
  status: 400 | 403 | 413 | 415 | 429,
  code: string,
  message: string,
  headers: Record<string, string> = {},
): FormOutcome {
  if (html) return { kind: 'problem', status, message, headers };
  return { kind: 'done', response: jsonResponse(status, { ok: false, error: code, message }, headers) };
}

function invalid(html: boolean, status: 400 | 500, values: Record<string, unknown>, errors: FieldErrors): FormOutcome {
  if (html) return { kind: 'invalid', status, values, errors };
  return { kind: 'done', response: jsonResponse(status, { ok: false, errors: translate(errors) }) };
}

function success(html: boolean, stored: Stored): FormOutcome {
  if (html) return { kind: 'done', response: seeOther(stored.thanks) };
  const body = { ok: true, ...(stored.id === undefined ? {} : { id: stored.id }), ...stored.extra };
  return { kind: 'done', response: jsonResponse(stored.status ?? 201, body) };
}

/**
 * Runs a form POST through the checks and the spec.
 * @param socketAddress the connection's peer address (Astro's clientAddress)
 */
export async function handleFormPost<T>(request: Request, socketAddress: string | undefined, spec: FormSpec<T>): Promise<FormOutcome> {
  const config = formsConfig();
  const html = wantsHtml(request);
  if (isCrossSite(request, config.siteOrigin, config.trustProxy)) return problem(html, 403, 'cross-site', t('forms.error.forbidden'));

  const client = clientKey(clientAddress(request, socketAddress, config.trustProxy));
  const rate = await formRate(client, config.rateLimitPerMinute);
  if (!rate.allowed) {
    const seconds = String(rate.retryAfterSeconds);
    return problem(html, 429, 'rate-limited', t('forms.error.rateLimited', { seconds }), { 'Retry-After': seconds });
  }

  const body = await readBody(request, config.maxBodyBytes);
  if (!body.ok) {
    if (body.status === 415) return problem(html, 415, body.reason, t('forms.error.unsupported'));
    if (body.status === 413) return problem(html, 413, body.reason, t('forms.error.tooLarge'));
    if (html) return problem(html, 400, body.reason, t('forms.error.badRequest'));
    return invalid(false, 400, {}, { [FORM_LEVEL]: 'forms.error.badJson' });
  }

  const { fields, meta } = splitMeta(body.data);
  // Invalid text is refused beside its field, never stored with U+FFFD in its place.
  if (body.illFormed.length > 0) {
    const badText: FormMessageKey = 'forms.error.badText';
    return invalid(html, 400, fields, Object.fromEntries(body.illFormed.map((name) => [name, badText])));
  }
  const parsed = spec.schema.safeParse(fields);
  if (!parsed.success) return invalid(html, 400, fields, issuesToErrors(parsed.error.issues));
  const refused = await spec.check?.(parsed.data);
  if (refused !== undefined && Object.keys(refused).length > 0) return invalid(html, 400, fields, refused);

  // Judged only now, so a robot gets exactly the reply a person with the same input would.
  // Only the honeypot, which no person sees, drops a submission; a fast one (autofill, a
  // quick typist) is stored and flagged for staff review, never answered with a pretence.
  if (spec.pretend !== undefined && honeypotFilled(meta)) return success(html, await spec.pretend(parsed.data));
  const review: ReviewReason | undefined = spec.pretend !== undefined && filledTooFast(meta, config.minFillMs) ? 'fast' : undefined;

  try {
    const stored = await spec.store(parsed.data, new Date(), review);
    if ('errors' in stored) return invalid(html, 400, fields, stored.errors);
    return success(html, stored);
  } catch (error) {
    // No personal data in the log: only what failed.
    console.error(`[forms] 保存失败：${new URL(request.url).pathname}：${error instanceof Error ? error.message : String(error)}`);
    const serverError: FormMessageKey = 'forms.error.server';
    return invalid(html, 500, fields, { [FORM_LEVEL]: serverError });
  }
}

/**
 * The opening every form page under /api/ shares (volunteers, withdraw, reports, enrollments):
 * only POST, the post through handleFormPost, and the finished reply (JSON, redirect) when
 * there is one. Otherwise the page's status, reason phrase and headers are set and what is
 * left to render comes back: the form again with the person's values and messages, or a
 * short explanation. FormReply.astro renders it around the page's own form.
 */
import type { AstroGlobal } from 'astro';
import type { FieldErrors } from '../../lib/forms/form-data.ts';
import { handleFormPost, type FormSpec } from '../form-endpoint.ts';
import { STATUS_TEXT, methodNotAllowed, peerAddress } from '../responses.ts';
import { NO_STORE_HEADERS } from '../security-headers.ts';

/** What a form page renders when the post is not done. */
export interface FormPageReply {
  /** Why the post was refused before its fields were read; undefined when the form is shown again. */
  readonly problem: string | undefined;
  /** The person's values, to fill the form again (empty for a refused post). */
  readonly values: Readonly<Record<string, unknown>>;
  /** The message keys beside the fields (empty for a refused post). */
  readonly errors: FieldErrors;
}

/**
 * Runs the page's request through the form's spec.
 * @param page the page's `Astro`
 * @param allow the methods the route answers, for the 405 to anything but POST
 *   (a route that also answers GET handles it before calling this)
 * @returns the Response to return from the page, or what to render
 */
export async function handleFormPage<T>(
  page: Pick<AstroGlobal, 'request' | 'clientAddress' | 'response'>,
  spec: FormSpec<T>,
  allow = 'POST',
): Promise<Response | FormPageReply> {
  if (page.request.method !== 'POST') return methodNotAllowed(allow);
  const outcome = await handleFormPost(
    page.request,
    peerAddress(() => page.clientAddress),
    spec,
  );
  if (outcome.kind === 'done') return outcome.response;
  page.response.status = outcome.status;
  page.response.statusText = STATUS_TEXT[outcome.status] ?? '';
  for (const [name, value] of Object.entries({ ...NO_STORE_HEADERS, ...(outcome.kind === 'problem' ? outcome.headers : {}) }))
    page.response.headers.set(name, value);
  if (outcome.kind === 'problem') return { problem: outcome.message, values: {}, errors: {} };
  return { problem: undefined, values: outcome.values, errors: outcome.errors };
}

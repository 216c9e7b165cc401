/**
 * JavaScript budgets of the form pages, checked by tests/e2e/forms-browser.spec.ts.
 * Gzip-compressed bytes of every script the page loads once its form is on screen.
 * Most of it is zod (the same schemas as the server, about 27 KB) and Preact.
 * Raise a number only with a reason written next to it.
 */
export const FORMS_BUDGET = {
  /** /volunteer/ with the sign-up island loaded. */
  volunteerJsGzip: 42 * 1024,
  /** /report/ with the report island loaded. */
  reportJsGzip: 40 * 1024,
} as const;

/**
 * UI strings inside the form islands. The server picks the few keys a form needs from
 * src/i18n/zh-CN.json and passes them as a prop, so the browser never downloads the whole
 * string table.
 */
export type Strings = Readonly<Record<string, string>>;

/** Looks up `key` and fills `{name}` placeholders; an unknown key shows itself (easy to spot). */
export function fmt(strings: Strings, key: string, vars: Record<string, string | number> = {}): string {
  const text = strings[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (vars[name] === undefined ? whole : String(vars[name])));
}

/** Keys every form island uses. */
export const COMMON_KEYS = [
  'forms.optional',
  'forms.errorSummary.title',
  'forms.errorSummary.intro',
  'forms.review.title',
  'forms.review.hint',
  'forms.review.confirm',
  'forms.review.back',
  'forms.review.empty',
  'forms.sending',
  'forms.next',
  'forms.honeypot.label',
  'forms.consent.legend',
  'forms.consent.readNotice',
  'forms.consent.label',
  'forms.error.invalid',
  'forms.error.unknownField',
  'forms.error.network',
  'forms.error.server',
  'forms.error.rateLimited',
  'forms.error.tooLarge',
  'forms.error.forbidden',
  'forms.error.unsupported',
  'forms.error.badJson',
] as const;

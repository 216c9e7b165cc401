/**
 * Reference codes given to people after they submit a form, e.g. V-7K3M9Q2P. The letter
 * says what was submitted; eight characters from an alphabet without look-alikes
 * (no 0/O, 1/I/L) make about 8.5 × 10¹¹ codes, so with the rate limit a code cannot be
 * guessed. Pure: runs in the browser and on the server. New codes: src/lib/forms/ref-code.ts.
 */

/**
 * V = volunteer sign-up, E = course enrolment, R = error report, C = consultation request
 * (followed on its own status page, never by the volunteer withdrawal: REF_PATTERN is the
 * three submission kinds only; the consultation's code is CONSULTATION_REF in consultation-form.ts).
 */
export const REF_KINDS = { volunteer: 'V', enrolment: 'E', report: 'R', consultation: 'C' } as const;
export type RefKind = keyof typeof REF_KINDS;

export const REF_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const REF_PATTERN = /^[VER]-[2-9A-HJKMNP-Z]{8}$/;

/**
 * Reads a code the way people type it back: any case, with spaces, without or with a
 * different dash. Returns the canonical form, or the trimmed input when it is not a code.
 */
export function normalizeRefCode(input: string): string {
  const compact = input.toUpperCase().replace(/[\s\-‐-―－_]/g, '');
  const canonical = compact.length === 9 ? `${compact[0]}-${compact.slice(1)}` : compact;
  return REF_PATTERN.test(canonical) ? canonical : input.trim();
}

/** The kind a canonical code belongs to. */
export function refKind(code: string): RefKind | undefined {
  const letter = code[0];
  return (Object.keys(REF_KINDS) as RefKind[]).find((k) => REF_KINDS[k] === letter);
}

/**
 * What a staff username, mobile number and password must look like: pure rules shared by
 * the sign-in and invitation pages, the staff:add script and the authentication library's
 * own username check.
 */

export const USERNAME_MIN_LENGTH = 2;
export const USERNAME_MAX_LENGTH = 30;
/** NIST SP 800-63B asks for at least 8; 12 because staff accounts open personal data. */
export const PASSWORD_MIN_LENGTH = 12;
/** Long enough for any pass phrase, short enough that hashing it is cheap. */
export const PASSWORD_MAX_LENGTH = 128;

/**
 * A username as stored and compared: full-width letters and digits (a Chinese input method's
 * ＡＢＣ１２３) made ordinary, surrounding spaces dropped, Latin letters lower-cased.
 */
export function normalizeUsername(text: string): string {
  return text.normalize('NFKC').trim().toLowerCase();
}

/**
 * Letters of any script (Chinese names included), digits, and _ . - inside; 2 to 30
 * characters. No spaces or symbols, so a username cannot be mistaken for a mobile number
 * or an email address, and reads the same wherever it is shown.
 */
export function isValidUsername(normalized: string): boolean {
  const length = [...normalized].length;
  if (length < USERNAME_MIN_LENGTH || length > USERNAME_MAX_LENGTH) return false;
  return /^[\p{L}\p{Nd}][\p{L}\p{Nd}_.-]*$/u.test(normalized) && !isMobile(normalized);
}

/** A mainland mobile number, written with or without spaces or dashes and an optional +86. */
export function normalizeMobile(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\s-]/g, '')
    .replace(/^\+?86(?=1\d{10}$)/, '');
}

export function isMobile(normalized: string): boolean {
  return /^1[3-9]\d{9}$/.test(normalized);
}

/** Why a new password is refused, or undefined when it is fine. */
export function passwordProblem(password: string, username?: string): 'too-short' | 'too-long' | 'is-username' | undefined {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) return 'too-short';
  if (length > PASSWORD_MAX_LENGTH) return 'too-long';
  if (username !== undefined && normalizeUsername(password).includes(normalizeUsername(username)) && username.length >= 4)
    return 'is-username';
  return undefined;
}

/** Display names: what colleagues see; 1 to 40 characters, no line breaks. */
export function cleanDisplayName(text: string): string | undefined {
  const name = text.normalize('NFKC').replace(/\s+/g, ' ').trim();
  const length = [...name].length;
  return length >= 1 && length <= 40 ? name : undefined;
}

/**
 * What a person types or scans to add the site to an authenticator app: the secret in
 * Base32 (RFC 4648, as every app expects), shown in groups of four, and the otpauth:// link
 * (Google Authenticator's key URI format) named after the site and the username.
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** RFC 4648 Base32 without padding. */
export function base32(bytes: Uint8Array): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
    buffer &= (1 << bits) - 1;
  }
  if (bits > 0) out += ALPHABET[(buffer << (5 - bits)) & 31];
  return out;
}

/** ABCD EFGH …: easier to copy by eye, and apps ignore the spaces. */
export function groupSecret(secret: string): string {
  return (secret.match(/.{1,4}/g) ?? []).join(' ');
}

/** The otpauth://totp/ link for a Base32 secret (6 digits, 30 seconds, SHA-1: what every app supports). */
export function otpauthUri(issuer: string, account: string, secretBase32: string): string {
  const params = new URLSearchParams({ secret: secretBase32, issuer, digits: '6', period: '30' });
  return `otpauth://totp/${encodeURIComponent(issuer)}:${encodeURIComponent(account)}?${params.toString()}`;
}

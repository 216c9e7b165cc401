/** New reference codes (the format is src/schemas/ref-code.ts). */
import { REF_ALPHABET, REF_KINDS, type RefKind } from '../../schemas/ref-code.ts';

/** A new random code for `kind`, using the platform's cryptographic random source. */
export function newRefCode(kind: RefKind): string {
  const bytes = new Uint8Array(8);
  let out = '';
  while (out.length < 8) {
    crypto.getRandomValues(bytes);
    for (const b of bytes) {
      // 248 = 8 × 31: dropping bytes ≥ 248 keeps every character equally likely.
      if (b < 248 && out.length < 8) out += REF_ALPHABET[b % 31];
    }
  }
  return `${REF_KINDS[kind]}-${out}`;
}

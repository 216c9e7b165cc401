/**
 * What a referral's storage needs from DATA_KEY: the sealer for its sensitive fields, and a
 * keyed hash of the patient's identity, so "one open referral per patient per direction"
 * holds without the name or phone in clear. The hash key is derived from DATA_KEY with HKDF
 * for this one use; without DATA_KEY nobody can test a guessed name and phone against the
 * stored hashes. After a key change, hashes of referrals opened before it no longer match:
 * the rule may let one duplicate through while those are open (docs/staff.md).
 */
import { createHmac, hkdfSync } from 'node:crypto';
import { parseDataKey, requireSealer, sealerFor, type Sealer } from '../crypto/sealed.ts';

export interface ReferralCrypto {
  readonly sealer: Sealer;
  /** A keyed hash (hex) of `identity` (src/lib/network/referral-form.ts patientIdentity). */
  patientKey(identity: string): string;
}

/** For a given 32-byte key (unit tests: randomBytes(32)). */
export function referralCryptoFor(key: Buffer): ReferralCrypto {
  const hmacKey = Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), 'anning-liaohu referral.patient-key', 32));
  return {
    sealer: sealerFor(key),
    patientKey: (identity) => createHmac('sha256', hmacKey).update(identity, 'utf8').digest('hex'),
  };
}

/** From DATA_KEY (and DATA_KEY_PREVIOUS for opening older values); throws a DataKeyError saying how to set it when missing. */
export function referralCryptoFromEnv(env: NodeJS.ProcessEnv = process.env): ReferralCrypto {
  const sealer = requireSealer(env);
  const key = parseDataKey(env['DATA_KEY']);
  if (key === null) throw new Error('unreachable: requireSealer checked DATA_KEY');
  const own = referralCryptoFor(key);
  return { sealer, patientKey: (identity) => own.patientKey(identity) };
}

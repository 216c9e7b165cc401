import { describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { DataKeyError, parseDataKey, requireSealer, sealerFor, sealerFromEnv } from '../../src/server/crypto/sealed.ts';

const key = randomBytes(32);
const sealer = sealerFor(key);

describe('sealed fields', () => {
  it('opens what it sealed, and the sealed text does not contain the clear text', () => {
    const sealed = sealer.seal('肿瘤，疼痛 7 分', 'referral.summary');
    expect(sealed).not.toContain('肿瘤');
    expect(sealed.startsWith('v1.')).toBe(true);
    expect(sealer.open(sealed, 'referral.summary')).toBe('肿瘤，疼痛 7 分');
  });

  it('seals the same text differently each time (fresh IV)', () => {
    expect(sealer.seal('x', 'a')).not.toBe(sealer.seal('x', 'a'));
  });

  it('refuses a value moved to another use, a changed value and a foreign key', () => {
    const sealed = sealer.seal('非肿瘤', 'consultation.illness');
    expect(() => sealer.open(sealed, 'consultation.note')).toThrow(DataKeyError);
    const parts = sealed.split('.');
    parts[3] = Buffer.from('tampered').toString('base64url');
    expect(() => sealer.open(parts.join('.'), 'consultation.illness')).toThrow(DataKeyError);
    expect(() => sealerFor(randomBytes(32)).open(sealed, 'consultation.illness')).toThrow(/另一把密钥/);
  });

  it('opens values sealed with the previous key after a key change', () => {
    const old = sealer.seal('旧值', 'x');
    const rotated = sealerFor(randomBytes(32), key);
    expect(rotated.open(old, 'x')).toBe('旧值');
  });

  it('reads DATA_KEY as base64 or hex, and says what is wrong with a short key', () => {
    expect(parseDataKey(key.toString('base64'))?.equals(key)).toBe(true);
    expect(parseDataKey(key.toString('hex'))?.equals(key)).toBe(true);
    expect(parseDataKey('  ')).toBeNull();
    expect(() => parseDataKey('c2hvcnQ=')).toThrow(/32 字节/);
    expect(sealerFromEnv({})).toBeNull();
    expect(() => requireSealer({})).toThrow(/没有设置 DATA_KEY/);
  });
});

/**
 * Sensitive fields (illness group, clinical summary, free-text notes) are sealed before
 * they reach the database, so a copied database file or a backup alone does not expose
 * them (《个人信息保护法》第五十一条: encryption as a security measure).
 *
 * AES-256-GCM with a key from DATA_KEY (32 bytes, base64 or 64 hex digits). Each use
 * ("consultation.note", "referral.summary" …) gets its own key derived with HKDF, and the
 * use is bound as additional data, so a sealed value copied into another column does not
 * open there. A sealed value reads `v1.<key id>.<iv>.<ciphertext>.<tag>` (base64url); the
 * key id (8 hex digits of the key's SHA-256) makes a wrong key a clear error rather than
 * a failed tag. DATA_KEY_PREVIOUS opens values sealed before a key change; new values are
 * always sealed with DATA_KEY.
 */
import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';

const VERSION = 'v1';
const IV_BYTES = 12;

export class DataKeyError extends Error {}

export interface Sealer {
  /** Seals `plain` for one use (a table and field, e.g. "referral.summary"). */
  seal(plain: string, use: string): string;
  /** Opens a value sealed for the same use; throws DataKeyError when no configured key opens it. */
  open(sealed: string, use: string): string;
}

/** Parses DATA_KEY's text (base64 of 32 bytes, or 64 hex digits); null when empty. */
export function parseDataKey(text: string | undefined, name = 'DATA_KEY'): Buffer | null {
  const value = (text ?? '').trim();
  if (value === '') return null;
  const key = /^[0-9a-f]{64}$/i.test(value) ? Buffer.from(value, 'hex') : Buffer.from(value, 'base64');
  if (key.length !== 32) {
    throw new DataKeyError(
      `${name} 应为 32 字节的密钥（base64 或 64 位十六进制），现在是 ${key.length} 字节。可用 openssl rand -base64 32 生成，见 docs/deploy.md。`,
    );
  }
  return key;
}

const keyId = (key: Buffer) => createHash('sha256').update(key).digest('hex').slice(0, 8);

function derive(key: Buffer, use: string): Buffer {
  return Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), `anning-liaohu ${use}`, 32));
}

/** A sealer over `current` (and `previous`, for opening only). */
export function sealerFor(current: Buffer, previous: Buffer | null = null): Sealer {
  const keys = new Map<string, Buffer>([[keyId(current), current]]);
  if (previous !== null) keys.set(keyId(previous), previous);
  const currentId = keyId(current);
  return {
    seal(plain, use) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', derive(current, use), iv);
      cipher.setAAD(Buffer.from(use));
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      const parts = [iv, body, cipher.getAuthTag()].map((b) => b.toString('base64url'));
      return [VERSION, currentId, ...parts].join('.');
    },
    open(sealed, use) {
      const [version, id, iv, body, tag] = sealed.split('.');
      if (version !== VERSION || id === undefined || iv === undefined || body === undefined || tag === undefined) {
        throw new DataKeyError('数据库里的加密字段格式不对，无法解密。');
      }
      const key = keys.get(id);
      if (key === undefined) {
        throw new DataKeyError(
          `加密字段用的是另一把密钥（编号 ${id}），现在的 DATA_KEY 打不开；换过密钥时请把旧密钥设为 DATA_KEY_PREVIOUS。`,
        );
      }
      try {
        const decipher = createDecipheriv('aes-256-gcm', derive(key, use), Buffer.from(iv, 'base64url'));
        decipher.setAAD(Buffer.from(use));
        decipher.setAuthTag(Buffer.from(tag, 'base64url'));
        return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
      } catch {
        throw new DataKeyError('加密字段无法解密：数据被改动过，或不是这个用途的字段。');
      }
    },
  };
}

/** The sealer configured by DATA_KEY (and DATA_KEY_PREVIOUS); null when DATA_KEY is unset. */
export function sealerFromEnv(env: NodeJS.ProcessEnv = process.env): Sealer | null {
  const current = parseDataKey(env['DATA_KEY']);
  if (current === null) return null;
  return sealerFor(current, parseDataKey(env['DATA_KEY_PREVIOUS'], 'DATA_KEY_PREVIOUS'));
}

/** The configured sealer, or a DataKeyError saying how to configure one (for features that hold sensitive fields). */
export function requireSealer(env: NodeJS.ProcessEnv = process.env): Sealer {
  const sealer = sealerFromEnv(env);
  if (sealer === null) {
    throw new DataKeyError(
      '没有设置 DATA_KEY：咨询申请和转介里的敏感信息必须加密保存。请设置 DATA_KEY（openssl rand -base64 32），见 docs/deploy.md。',
    );
  }
  return sealer;
}

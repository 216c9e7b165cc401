/**
 * The part of CBOR (RFC 8949) that Pagefind's index metadata uses: unsigned and negative
 * integers, byte and text strings, arrays and maps, all of definite length. Encoding is the
 * shortest form, as Pagefind's encoder (minicbor) writes it, so decoding and re-encoding a
 * file gives back its exact bytes (tests/unit/pagefind-meta.test.ts checks this on a real
 * index). Anything else (floats, tags, indefinite lengths) is refused, not guessed at.
 */

export type CborValue = number | bigint | string | Uint8Array | CborValue[] | Map<CborValue, CborValue>;

const UTF8 = new TextDecoder('utf-8', { fatal: true });
const ENCODE_UTF8 = new TextEncoder();

export function decodeCbor(bytes: Uint8Array): CborValue {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 0;

  const argument = (info: number): number | bigint => {
    if (info < 24) return info;
    if (info === 24) return view.getUint8(at++);
    if (info === 25) return ((at += 2), view.getUint16(at - 2));
    if (info === 26) return ((at += 4), view.getUint32(at - 4));
    if (info === 27) {
      at += 8;
      const big = view.getBigUint64(at - 8);
      return big <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(big) : big;
    }
    throw new Error(`CBOR: unsupported length or value form ${info} at byte ${at - 1}`);
  };
  const length = (info: number): number => {
    const n = argument(info);
    if (typeof n !== 'number') throw new Error(`CBOR: length out of range at byte ${at}`);
    return n;
  };

  const item = (): CborValue => {
    if (at >= bytes.length) throw new Error('CBOR: unexpected end of data');
    const head = view.getUint8(at++);
    const major = head >> 5;
    const info = head & 0x1f;
    switch (major) {
      case 0:
        return argument(info);
      case 1: {
        const n = argument(info);
        return typeof n === 'number' ? -1 - n : -1n - n;
      }
      case 2:
      case 3: {
        const n = length(info);
        if (at + n > bytes.length) throw new Error(`CBOR: string runs past the end at byte ${at}`);
        const slice = bytes.subarray(at, at + n);
        at += n;
        return major === 2 ? slice.slice() : UTF8.decode(slice);
      }
      case 4: {
        const n = length(info);
        const out: CborValue[] = [];
        for (let i = 0; i < n; i++) out.push(item());
        return out;
      }
      case 5: {
        const n = length(info);
        const out = new Map<CborValue, CborValue>();
        for (let i = 0; i < n; i++) out.set(item(), item());
        return out;
      }
      default:
        throw new Error(`CBOR: unsupported major type ${major} at byte ${at - 1}`);
    }
  };

  const value = item();
  if (at !== bytes.length) throw new Error(`CBOR: ${bytes.length - at} bytes left after the value`);
  return value;
}

export function encodeCbor(value: CborValue): Uint8Array {
  const parts: number[] = [];
  const head = (major: number, n: number | bigint): void => {
    const m = major << 5;
    if (typeof n === 'bigint' || n > 0xffffffff) {
      const big = BigInt(n);
      parts.push(m | 27);
      for (let shift = 56n; shift >= 0n; shift -= 8n) parts.push(Number((big >> shift) & 0xffn));
    } else if (n < 24) parts.push(m | n);
    else if (n <= 0xff) parts.push(m | 24, n);
    else if (n <= 0xffff) parts.push(m | 25, n >> 8, n & 0xff);
    else parts.push(m | 26, (n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff);
  };
  const bytesOf = (major: number, b: Uint8Array): void => {
    head(major, b.length);
    for (const byte of b) parts.push(byte);
  };
  const item = (v: CborValue): void => {
    if (typeof v === 'number') {
      if (!Number.isInteger(v)) throw new Error(`CBOR: only integers are supported, got ${v}`);
      if (v >= 0) head(0, v);
      else head(1, -1 - v);
    } else if (typeof v === 'bigint') {
      if (v >= 0n) head(0, v);
      else head(1, -1n - v);
    } else if (typeof v === 'string') bytesOf(3, ENCODE_UTF8.encode(v));
    else if (v instanceof Uint8Array) bytesOf(2, v);
    else if (Array.isArray(v)) {
      head(4, v.length);
      for (const x of v) item(x);
    } else {
      head(5, v.size);
      for (const [k, x] of v) {
        item(k);
        item(x);
      }
    }
  };
  item(value);
  return Uint8Array.from(parts);
}

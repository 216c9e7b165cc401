/**
 * A gzip body whose long beginning is compressed once and whose short end changes with
 * every answer: the availability feed is megabytes of statuses that change every few
 * seconds at most, followed by the time of the answer. Compressing the whole body for each
 * request cost one node most of its CPU (bench/availability.ts); this way a request
 * compresses a few dozen bytes.
 *
 * How: the beginning is raw DEFLATE ended with a sync flush (byte-aligned, no final
 * block), so a second, independent DEFLATE stream for the end can follow it directly
 * (it refers to nothing before it); the gzip trailer's CRC-32 continues from the
 * beginning's (zlib.crc32 takes the running value). One ordinary gzip member, which every
 * browser and `gunzip` reads (tests/unit/availability-gzip.test.ts).
 */
import { constants, crc32, deflateRawSync } from 'node:zlib';

/** The fixed beginning, compressed, with what the trailer needs. */
export interface GzipHead {
  /** The gzip header and the beginning as raw DEFLATE, ended by a sync flush. */
  readonly bytes: Buffer;
  readonly crc: number;
  /** Uncompressed length in bytes. */
  readonly length: number;
}

/** 10-byte gzip header: magic, DEFLATE, no flags, no time, no extra flags, OS "unknown". */
const HEADER = Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0, 0x00, 0xff]);

export function gzipHead(text: string): GzipHead {
  const raw = Buffer.from(text, 'utf8');
  const deflated = deflateRawSync(raw, { finishFlush: constants.Z_SYNC_FLUSH });
  return { bytes: Buffer.concat([HEADER, deflated]), crc: crc32(raw), length: raw.length };
}

/** The whole gzip body: the compressed beginning, then `tail` compressed on its own, then the trailer. */
export function gzipWith(head: GzipHead, tail: string): Buffer {
  const raw = Buffer.from(tail, 'utf8');
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crc32(raw, head.crc) >>> 0, 0);
  trailer.writeUInt32LE((head.length + raw.length) % 2 ** 32, 4);
  return Buffer.concat([head.bytes, deflateRawSync(raw), trailer]);
}

/** Whether an Accept-Encoding header takes gzip: gzip or x-gzip with a q above 0, else * with a q above 0. */
export function acceptsGzip(header: string | null): boolean {
  if (header === null) return false;
  const q = new Map<string, number>();
  for (const part of header.split(',')) {
    const [coding = '', ...params] = part.split(';').map((p) => p.trim().toLowerCase());
    const given = params.find((p) => p.startsWith('q='));
    q.set(coding, given === undefined ? 1 : Number(given.slice(2)));
  }
  const named = q.get('gzip') ?? q.get('x-gzip');
  return (named ?? q.get('*') ?? 0) > 0;
}

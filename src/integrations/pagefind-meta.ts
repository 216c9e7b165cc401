/**
 * Reading Pagefind's own files, and one repair to its index metadata.
 *
 * Every Pagefind file is gzip, then the signature "pagefind_dcd", then its data (JSON for a
 * fragment, CBOR for the metadata).
 *
 * The repair: a query word also finds the words that start with it (「房」 finds 房山区).
 * Pagefind picks the index chunks a word needs by the chunk's first and last word, and when
 * some chunk's range holds the query word it loads only those chunks (pagefind_web/src/lib.rs,
 * `request_indexes`). A word's extensions can start in the next chunk: with chunks ending at
 * 房子 and starting at 房安, 「房」 loaded only the first, never saw 房山区, and a search for
 * 房山区示例社区卫生服务中心 (the browser splits it 房|山区|…) found nothing. Setting each chunk's
 * first word to its first character makes every chunk holding an extension of a query word
 * match that word: if a chunk's first word starts with the query word, their first characters
 * are the same; if it does not, it sorts before the query word. The cost is a few chunks
 * loaded for words that merely sort near a chunk's start. Issue #20; reported upstream as
 * described in docs/search.md.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { decodeCbor, encodeCbor, type CborValue } from '../lib/search/cbor.ts';

const SIGNATURE = Buffer.from('pagefind_dcd', 'utf8');

/** A Pagefind file's data, after its gzip and signature. */
export function readPagefindFile(file: string): Buffer {
  const raw = gunzipSync(readFileSync(file));
  if (!raw.subarray(0, SIGNATURE.length).equals(SIGNATURE)) throw new Error(`Pagefind file ${file} has an unknown format`);
  return raw.subarray(SIGNATURE.length);
}

export function writePagefindFile(file: string, data: Uint8Array): void {
  writeFileSync(file, gzipSync(Buffer.concat([SIGNATURE, data]), { level: 9 }));
}

/** One index chunk as the metadata lists it: [first word, last word, file hash]. */
type ChunkEntry = [string, string, string];

/** The metadata's index chunk list (its third field), checked to be the shape Pagefind 1.x writes. */
export function chunkEntries(meta: CborValue, file: string): ChunkEntry[] {
  const chunks = Array.isArray(meta) ? meta[2] : undefined;
  if (!Array.isArray(chunks)) throw new Error(`Pagefind metadata ${file}: no index chunk list where Pagefind 1.x writes one`);
  for (const [i, chunk] of chunks.entries()) {
    if (!Array.isArray(chunk) || chunk.length !== 3 || chunk.some((field) => typeof field !== 'string'))
      throw new Error(`Pagefind metadata ${file}: index chunk ${i} is not [first word, last word, hash]`);
  }
  return chunks as ChunkEntry[];
}

/** Sets every chunk's first word to its first character (see above); returns how many changed. */
export function widenChunkStarts(chunks: ChunkEntry[]): number {
  let changed = 0;
  for (const chunk of chunks) {
    const first = String.fromCodePoint(chunk[0].codePointAt(0) ?? 0);
    if (chunk[0] !== '' && chunk[0] !== first) {
      chunk[0] = first;
      changed += 1;
    }
  }
  return changed;
}

export interface ChunkRepair {
  readonly chunks: number;
  readonly widened: number;
}

/**
 * Repairs the metadata of the index in `outputPath` in place. The file keeps its name (the
 * hash Pagefind gave it): the repair depends only on the file's content, so one name still
 * means one content.
 */
export function widenIndexChunks(outputPath: string): ChunkRepair {
  const metas = readdirSync(outputPath).filter((f) => f.endsWith('.pf_meta'));
  if (metas.length !== 1) throw new Error(`Pagefind wrote ${metas.length} metadata files in ${outputPath}; expected 1`);
  const file = path.join(outputPath, metas[0]!);
  const meta = decodeCbor(readPagefindFile(file));
  const chunks = chunkEntries(meta, file);
  const widened = widenChunkStarts(chunks);
  if (widened > 0) writePagefindFile(file, encodeCbor(meta));
  return { chunks: chunks.length, widened };
}

/**
 * Brotli copies of the Pagefind files every first search fetches whole: the WebAssembly, each
 * index's metadata and its filters (issue #20: a first query's bytes). Pagefind writes them
 * gzip; brotli at its highest quality makes them 15–40 % smaller. The copy holds the file
 * unpacked (Pagefind's script sees its signature and skips its own gunzip), compressed for
 * the HTTP layer: src/server/precompressed.ts sends it as `Content-Encoding: br` to browsers
 * that accept brotli, and the original to any other. The word chunks and fragments (thousands
 * of files at national scale) stay gzip only: compressing them too would cost the build a
 * minute at 50 000 institutions for a few KB per query.
 */
import { readdirSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gunzipSync } from 'node:zlib';
import { BROTLI_SUFFIX } from '../lib/brotli-copies.ts';

/** The files of one index folder that get a copy: the WebAssembly and metadata beside it, and its filters. */
function copiedFiles(outputPath: string): string[] {
  const top = readdirSync(outputPath)
    .filter((f) => f.endsWith('.pf_meta') || /^wasm\.[^/]+\.pagefind$/u.test(f))
    .map((f) => path.join(outputPath, f));
  const filterDir = path.join(outputPath, 'filter');
  let filters: string[] = [];
  try {
    filters = readdirSync(filterDir)
      .filter((f) => f.endsWith('.pf_filter'))
      .map((f) => path.join(filterDir, f));
  } catch {
    // An index without filters has no folder for them.
  }
  return [...top, ...filters];
}

export interface BrotliSummary {
  readonly files: number;
  /** Bytes the copies save over the gzip files, summed. */
  readonly saved: number;
}

const compress = promisify(brotliCompress);

/**
 * Writes `<file>.br` beside each such file where it is smaller than the gzip one. The files
 * are compressed at once: zlib works on its own threads, so both cores take part.
 */
export async function writeBrotliCopies(outputPath: string): Promise<BrotliSummary> {
  const sizes = await Promise.all(
    copiedFiles(outputPath).map(async (file) => {
      const gzip = await readFile(file);
      const unpacked = gunzipSync(gzip);
      const brotli = await compress(unpacked, {
        params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY, [constants.BROTLI_PARAM_SIZE_HINT]: unpacked.length },
      });
      if (brotli.length >= gzip.length) return 0;
      await writeFile(`${file}${BROTLI_SUFFIX}`, brotli);
      return gzip.length - brotli.length;
    }),
  );
  return { files: sizes.filter((n) => n > 0).length, saved: sizes.reduce((a, b) => a + b, 0) };
}

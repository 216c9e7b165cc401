/**
 * Brotli copies of built files: where they are and who gets them. Written at build time by
 * src/integrations/pagefind-brotli.ts, served by src/server/precompressed.ts (and by nginx's
 * brotli_static, docs/deploy.md).
 */

/** A copy is the file's name plus this. */
export const BROTLI_SUFFIX = '.br';

/** True when the request's Accept-Encoding allows brotli (`br`, not `br;q=0`). */
export function acceptsBrotli(header: string | string[] | undefined): boolean {
  const text = Array.isArray(header) ? header.join(',') : (header ?? '');
  return text.split(',').some((part) => {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (name !== 'br') return false;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return q === undefined || Number(q.slice(2)) > 0;
  });
}

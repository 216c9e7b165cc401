import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { acceptsBrotli } from '../../src/lib/brotli-copies.ts';
import { brotliCopy } from '../../src/server/precompressed.ts';

const client = mkdtempSync(path.join(tmpdir(), 'anning-br-'));
afterAll(() => rmSync(client, { recursive: true, force: true }));
mkdirSync(path.join(client, 'pagefind', 'filter'), { recursive: true });
writeFileSync(path.join(client, 'pagefind', 'wasm.unknown.pagefind'), 'gzip');
writeFileSync(path.join(client, 'pagefind', 'wasm.unknown.pagefind.br'), 'brotli');
writeFileSync(path.join(client, 'pagefind', 'filter', 'zh-cn_1.pf_filter'), 'gzip');
writeFileSync(path.join(client, 'secret.br'), 'not search');

describe('brotli copies of search files', () => {
  it('are sent only to browsers that accept brotli', () => {
    expect(acceptsBrotli('gzip, deflate, br, zstd')).toBe(true);
    expect(acceptsBrotli('br;q=0.5, gzip')).toBe(true);
    expect(acceptsBrotli('gzip, br;q=0')).toBe(false);
    expect(acceptsBrotli('gzip, deflate')).toBe(false);
    expect(acceptsBrotli(undefined)).toBe(false);
  });

  it('are found beside the Pagefind file asked for, and only there', () => {
    expect(brotliCopy(client, '/pagefind/wasm.unknown.pagefind')).toBe(path.join(client, 'pagefind', 'wasm.unknown.pagefind.br'));
    // No copy written: the original is served.
    expect(brotliCopy(client, '/pagefind/filter/zh-cn_1.pf_filter')).toBeUndefined();
    // Outside Pagefind's folder, by path or by "..": never.
    expect(brotliCopy(client, '/secret')).toBeUndefined();
    expect(brotliCopy(client, '/pagefind/../secret')).toBeUndefined();
    expect(brotliCopy(client, '/pagefind/%2e%2e/secret')).toBeUndefined();
    expect(brotliCopy(client, '/pagefind/%E0%A4%A')).toBeUndefined(); // not valid percent-encoding
    // Asking for the copy itself is left to the site's handler.
    expect(brotliCopy(client, '/pagefind/wasm.unknown.pagefind.br')).toBeUndefined();
  });
});

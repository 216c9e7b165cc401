import { mkdtempSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { INDEX_CHUNK_POSITIONS, indexSite } from '../../src/integrations/pagefind.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'anning-chunks-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const quiet = { info: () => {}, warn: () => {}, error: (m: string) => console.error(m) } as never;

describe('the search index is cut into small chunks (issue #20)', () => {
  it('writes a chunk per ~2 000 word positions, so a query word loads a few KB, not 33', async () => {
    // 40 pages of 300 words each: 12 000 positions, one chunk at Pagefind's default of 20 000.
    const pages = 40;
    const words = 300;
    for (let p = 0; p < pages; p++) {
      const body = Array.from({ length: words }, (_, w) => `词${p}x${w}`).join(' ');
      mkdirSync(path.join(dir, `p${p}`), { recursive: true });
      writeFileSync(
        path.join(dir, `p${p}`, 'index.html'),
        `<!doctype html><html lang="zh-CN"><head><title>第${p}页</title></head><body><main data-pagefind-body><h1>第${p}页</h1><p>${body}</p></main></body></html>`,
      );
    }
    const summary = await indexSite({ dir: pathToFileURL(`${dir}/`), logger: quiet, synonyms: { groups: [], traditional: [] } });
    expect(summary.pages).toBe(pages);
    const chunks = readdirSync(path.join(dir, 'pagefind', 'index')).filter((f) => f.endsWith('.pf_index'));
    // Pagefind counts each word on a page as its positions plus one (here 2), and closes a
    // chunk once it reaches the size: 24 000 → 12 chunks at 2 000, 2 at the default.
    expect(chunks.length).toBeGreaterThanOrEqual((pages * words * 2) / INDEX_CHUNK_POSITIONS - 1);
  }, 60_000);
});

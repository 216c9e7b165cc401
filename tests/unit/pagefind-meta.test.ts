/**
 * The repaired index metadata (src/integrations/pagefind-meta.ts), checked with Pagefind's own
 * search running in Node against two indexes of the same pages: one cut into many small
 * chunks (where a word's extensions often start in the next chunk), one in a single chunk
 * (where they cannot). Every query must find the same pages in both.
 */
import { mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { indexSite } from '../../src/integrations/pagefind.ts';
import { readPagefindFile } from '../../src/integrations/pagefind-meta.ts';
import { decodeCbor, encodeCbor } from '../../src/lib/search/cbor.ts';
import { thrown } from './thrown.ts';

const root = mkdtempSync(path.join(tmpdir(), 'anning-meta-'));
const quiet = { info: () => {}, warn: () => {}, error: (m: string) => console.error(m) } as never;
const CHUNK_SIZE_VARIABLE = 'PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE';

interface Region {
  name: string;
  level: string;
}
/** Real county names: many share a first character (房山区, 房县), so they straddle chunk ends. */
const counties = (JSON.parse(readFileSync('content/regions.json', 'utf8')) as Region[])
  .filter((r) => r.level === 'county')
  .map((r) => r.name);
const PAGES = 48;
const PER_PAGE = 40;

function writePages(dir: string): void {
  for (let p = 0; p < PAGES; p++) {
    const words = Array.from({ length: PER_PAGE }, (_, w) => counties[(p * 131 + w * 17) % counties.length]);
    mkdirSync(path.join(dir, `p${p}`), { recursive: true });
    writeFileSync(
      path.join(dir, `p${p}`, 'index.html'),
      `<!doctype html><html lang="zh-CN"><head><title>第${p}页</title></head><body><main data-pagefind-body><h1>第${p}页</h1><p>${words.join('，')}</p></main></body></html>`,
    );
  }
}

async function buildIndex(name: string, chunkPositions: number): Promise<string> {
  const dir = path.join(root, name);
  writePages(dir);
  const before = process.env[CHUNK_SIZE_VARIABLE];
  process.env[CHUNK_SIZE_VARIABLE] = String(chunkPositions);
  try {
    await indexSite({ dir: pathToFileURL(`${dir}/`), logger: quiet, synonyms: { groups: [], traditional: [] } });
  } finally {
    if (before === undefined) delete process.env[CHUNK_SIZE_VARIABLE];
    else process.env[CHUNK_SIZE_VARIABLE] = before;
  }
  return path.join(dir, 'pagefind');
}

let server: Server;
let base = '';
let small = '';
let whole = '';

beforeAll(async () => {
  small = await buildIndex('small', 60);
  whole = await buildIndex('whole', 100_000_000);
  server = createServer((req, res) => {
    const file = path.join(root, decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
    try {
      res.end(readFileSync(file));
    } catch {
      res.statusCode = 404;
      res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
}, 120_000);

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  rmSync(root, { recursive: true, force: true });
});

interface Instance {
  search(term: string): Promise<{ results: { id: string }[] }>;
}
interface PagefindModule {
  createInstance(options: { basePath: string }): Instance;
}

async function instanceAt(folder: string): Promise<Instance> {
  const module = (await import(pathToFileURL(path.join(folder, 'pagefind.js')).href)) as PagefindModule;
  return module.createInstance({ basePath: `${base}/${path.relative(root, folder)}/` });
}

describe('Pagefind index metadata', () => {
  it('decodes and re-encodes a real metadata file to the same bytes', () => {
    const file = readdirSync(small).find((f) => f.endsWith('.pf_meta'))!;
    const data = readPagefindFile(path.join(small, file));
    expect(Buffer.from(encodeCbor(decodeCbor(data))).equals(data)).toBe(true);
  });

  it('refuses CBOR it does not know rather than guessing', () => {
    expect(thrown(() => decodeCbor(Uint8Array.of(0xf9, 0x3c, 0x00))).message).toMatch(/unsupported major type 7/u); // a half float
    expect(thrown(() => decodeCbor(Uint8Array.of(0x9f, 0x01, 0xff))).message).toMatch(/unsupported length/u); // an indefinite array
    expect(thrown(() => decodeCbor(Uint8Array.of(0x62, 0x61))).message).toMatch(/past the end/u);
  });

  it('cut into small chunks, finds the same pages as one chunk for every word and every first character', async () => {
    const chunks = readdirSync(path.join(small, 'index')).length;
    expect(chunks).toBeGreaterThan(20); // the boundaries this test is about
    const cut = await instanceAt(small);
    const one = await instanceAt(whole);
    const words = [...new Set(counties.slice(0, 2000))];
    const queries = [...new Set([...words.map((w) => [...w][0]!), ...words.slice(0, 300)])];
    const differ: string[] = [];
    let found = 0;
    for (const q of queries) {
      const a = await cut.search(q);
      const b = await one.search(q);
      const ids = (r: { results: { id: string }[] }) =>
        r.results
          .map((x) => x.id)
          .sort()
          .join(',');
      if (ids(a) !== ids(b)) differ.push(`${q}: ${a.results.length} vs ${b.results.length}`);
      if (b.results.length > 0) found += 1;
    }
    expect(found).toBeGreaterThan(queries.length / 2); // the queries do find pages
    expect(differ).toEqual([]);
  }, 120_000);
});

/**
 * The feed's gzip body made of a beginning compressed once and an end compressed per
 * answer (src/server/network/gzip-parts.ts): it must be one ordinary gzip stream that
 * unpacks to exactly the text, whatever the text.
 */
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { acceptsGzip, gzipHead, gzipWith } from '../../src/server/network/gzip-parts.ts';
import { mulberry32 } from '../../scripts/lib/seeded-random.ts';

describe('a gzip body from a fixed beginning and a changing end', () => {
  it('unpacks to the beginning and the end, for short, empty, Chinese and long texts', () => {
    const rand = mulberry32(7);
    const long = Array.from({ length: 20_000 }, (_, i) => `{"id":"zj-${i}","status":"${rand() < 0.5 ? '有空位' : '已满可登记等候'}"}`).join(
      ',',
    );
    for (const [head, tail] of [
      ['{"institutions":{},"generatedAt":', '"2026-12-05T02:00:00.000Z"}'],
      ['', ''],
      ['', '"x"}'],
      ['床位和服务状态：', '请致电确认 𠀀'],
      [`{"institutions":[${long}],"generatedAt":`, '"2026-12-05T02:00:00.000Z"}'],
    ] as const) {
      const body = gzipWith(gzipHead(head), tail);
      expect(gunzipSync(body).toString('utf8')).toBe(head + tail);
    }
  });

  it('reuses one compressed beginning for many ends', () => {
    const head = gzipHead('{"a":1,"generatedAt":');
    for (const t of ['"1"}', '"2"}', '"3"}']) expect(gunzipSync(gzipWith(head, t)).toString()).toBe(`{"a":1,"generatedAt":${t}`);
  });
});

describe('Accept-Encoding', () => {
  it('takes gzip when the browser says so, and not when it refuses it', () => {
    for (const yes of ['gzip', 'gzip, deflate, br, zstd', 'br;q=1.0, gzip;q=0.8', 'x-gzip', '*', 'GZIP'])
      expect(acceptsGzip(yes), yes).toBe(true);
    for (const no of [null, '', 'identity', 'br', 'gzip;q=0', 'gzip;q=0, *', 'deflate, *;q=0'])
      expect(acceptsGzip(no), String(no)).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { PreparedSearches, preparedKey } from '../../src/lib/search/prepared.ts';

describe('searches prepared while a person types (issue #20)', () => {
  it('Enter on the words already searched gets that run, not a second one', async () => {
    const prepared = new PreparedSearches<string>();
    let runs = 0;
    const start = () => Promise.resolve(`run ${++runs}`);
    const key = preparedKey({ q: '止痛', type: '', city: '', province: '' }, '');
    const typing = prepared.get(key, start);
    const enter = prepared.get(key, start);
    expect(enter).toBe(typing);
    expect(await enter).toBe('run 1');
    expect(runs).toBe(1);
  });

  it('anything the outcome depends on makes another search: words, filters, province', () => {
    const base = { q: '居家', type: '', city: '' };
    const keys = new Set([
      preparedKey(base, ''),
      preparedKey({ ...base, q: '居家 护理' }, ''),
      preparedKey({ ...base, type: '指南' }, ''),
      preparedKey({ ...base, city: '杭州市' }, ''),
      preparedKey(base, '330000'),
    ]);
    expect(keys.size).toBe(5);
    // Spaces around the words change nothing the search does.
    expect(preparedKey({ ...base, q: ' 居家 ' }, '')).toBe(preparedKey(base, ''));
  });

  it('a failed run is forgotten, so asking again tries again', async () => {
    const prepared = new PreparedSearches<string>();
    const key = preparedKey({ q: '医保', type: '', city: '' }, '');
    await expect(prepared.get(key, () => Promise.reject(new Error('offline')))).rejects.toThrow('offline');
    expect(prepared.has(key)).toBe(false);
    await expect(prepared.get(key, () => Promise.resolve('ok'))).resolves.toBe('ok');
  });

  it('keeps only the last few searches, the most recently asked for last to go', () => {
    const prepared = new PreparedSearches<number>(2);
    const key = (q: string) => preparedKey({ q, type: '', city: '' }, '');
    void prepared.get(key('甲'), () => Promise.resolve(1));
    void prepared.get(key('乙'), () => Promise.resolve(2));
    void prepared.get(key('甲'), () => Promise.resolve(3)); // asked again: now the newest
    void prepared.get(key('丙'), () => Promise.resolve(4));
    expect(prepared.has(key('甲'))).toBe(true);
    expect(prepared.has(key('乙'))).toBe(false);
    expect(prepared.has(key('丙'))).toBe(true);
  });
});

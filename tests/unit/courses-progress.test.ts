import { describe, expect, it } from 'vitest';
import { countDone, isDone, parseProgress, setDone } from '../../src/lib/courses/course-progress.ts';

describe('course progress on the device', () => {
  it('treats missing, broken or oddly shaped storage as no progress', () => {
    expect(parseProgress(null)).toEqual({});
    expect(parseProgress('not json')).toEqual({});
    expect(parseProgress('[1,2]')).toEqual({});
    expect(parseProgress('{"c":"01-a","d":["01-a",2,"01-a"]}')).toEqual({ d: ['01-a'] });
  });

  it('marks and unmarks lessons without touching other courses', () => {
    let p = setDone({ other: ['01-x'] }, 'c', '01-a', true);
    p = setDone(p, 'c', '02-b', true);
    p = setDone(p, 'c', '02-b', true);
    expect(p).toEqual({ other: ['01-x'], c: ['01-a', '02-b'] });
    expect(isDone(p, 'c', '02-b')).toBe(true);
    p = setDone(setDone(p, 'c', '01-a', false), 'c', '02-b', false);
    expect(p).toEqual({ other: ['01-x'] });
    expect(isDone(p, 'c', '01-a')).toBe(false);
  });

  it('counts only lessons the course still has', () => {
    const p = parseProgress(JSON.stringify({ c: ['01-a', 'removed-lesson'] }));
    expect(countDone(p, 'c', ['01-a', '02-b', '03-c'])).toBe(1);
    expect(countDone(p, 'unknown', ['01-a'])).toBe(0);
  });

  it('round-trips through JSON', () => {
    const p = setDone({}, 'c', '01-a', true);
    expect(parseProgress(JSON.stringify(p))).toEqual(p);
  });
});

/**
 * The finder writes its address after the update (src/islands/finder/url-writer.ts): the
 * history entries must be the ones immediate pushState / replaceState calls would have made.
 */
import { describe, expect, it } from 'vitest';
import { createUrlWriter } from '../../src/islands/finder/url-writer.ts';

/** A session history (entries, current index) that records each call, and a hand-run scheduler. */
function fakeHistory(start: string) {
  const entries = [start];
  let at = 0;
  const calls: string[] = [];
  const history = {
    pushState(_data: unknown, _title: string, url?: string | URL | null) {
      entries.splice(at + 1, Infinity, String(url));
      at += 1;
      calls.push(`push ${String(url)}`);
    },
    replaceState(_data: unknown, _title: string, url?: string | URL | null) {
      entries[at] = String(url);
      calls.push(`replace ${String(url)}`);
    },
  };
  const pending: (() => void)[] = [];
  const writer = createUrlWriter(
    history,
    () => entries[at] ?? '',
    (flush) => pending.push(flush),
  );
  const runScheduled = () => {
    for (const flush of pending.splice(0)) flush();
  };
  const back = () => {
    at -= 1;
  };
  return { writer, calls, runScheduled, back, entries: () => entries.slice(), current: () => entries[at] };
}

describe('finder address writer', () => {
  it('writes nothing until the scheduled flush, then the same entries as immediate calls', () => {
    const h = fakeHistory('/services/?county=330106');
    h.writer.write('/services/?county=330106&mode=住院', 'push');
    expect(h.calls).toEqual([]);
    h.runScheduled();
    expect(h.calls).toEqual(['push /services/?county=330106&mode=住院']);
    expect(h.entries()).toEqual(['/services/?county=330106', '/services/?county=330106&mode=住院']);
  });

  it('keeps one entry per push when several changes come before the flush, so Back undoes each', () => {
    const h = fakeHistory('/services/');
    h.writer.write('/services/?mode=住院', 'push');
    h.writer.write('/services/?mode=住院&verified=1', 'push');
    h.runScheduled();
    expect(h.entries()).toEqual(['/services/', '/services/?mode=住院', '/services/?mode=住院&verified=1']);
    expect(h.current()).toBe('/services/?mode=住院&verified=1');
  });

  it('folds typing (replace) into the entry it follows', () => {
    const h = fakeHistory('/services/');
    h.writer.write('/services/?q=浙', 'replace');
    h.writer.write('/services/?q=浙江', 'replace');
    h.runScheduled();
    expect(h.calls).toEqual(['replace /services/?q=浙江']);

    const p = fakeHistory('/services/');
    p.writer.write('/services/?mode=住院', 'push');
    p.writer.write('/services/?mode=住院&q=浙', 'replace');
    p.runScheduled();
    expect(p.entries()).toEqual(['/services/', '/services/?mode=住院&q=浙']);
  });

  it('skips an address that is already the current one, and one already queued', () => {
    const h = fakeHistory('/services/?county=330106');
    h.writer.write('/services/?county=330106', 'push');
    h.runScheduled();
    expect(h.calls).toEqual([]);
    h.writer.write('/services/?map=1', 'push');
    h.writer.write('/services/?map=1', 'push');
    h.runScheduled();
    expect(h.calls).toEqual(['push /services/?map=1']);
  });

  it('drops what is queued when the person goes Back before it is written', () => {
    const h = fakeHistory('/services/');
    h.writer.write('/services/?mode=住院', 'push');
    h.runScheduled();
    h.writer.write('/services/?mode=住院&verified=1', 'push');
    h.back();
    h.writer.drop();
    h.runScheduled();
    expect(h.current()).toBe('/services/');
    // Forward still leads to the entry that was written.
    expect(h.entries()).toEqual(['/services/', '/services/?mode=住院']);
    // Later changes compare with the real address again.
    h.writer.write('/services/', 'push');
    h.runScheduled();
    expect(h.calls).toEqual(['push /services/?mode=住院']);
  });
});

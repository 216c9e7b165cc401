/**
 * The "when to call 120" advice must say the same thing everywhere a family reads it:
 * the pathway helper (content/pathway-rules.json), its UI strings and the guides.
 * An unconditional 「叫不醒 → 120」 can send a family to 120 at an expected death, so
 * only a *sudden* failure to wake is a 120 sign, and the expected, gradual drowsiness near
 * death (with a plan agreed with the team) is named as the exception. 「拿不准时拨打120」 stays.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadPathwayRules } from '../../src/lib/pathway/data.ts';

const config = loadPathwayRules();
const strings = JSON.parse(readFileSync('src/i18n/zh-CN.json', 'utf8')) as Record<string, string>;
const guides = Object.fromEntries(
  readdirSync('content/guides')
    .filter((f) => f.endsWith('.mdx'))
    .map((f) => [f, readFileSync(`content/guides/${f}`, 'utf8')]),
);

/** Every text of the pathway helper a family reads. */
function pathwayTexts(): string[] {
  return [
    ...config.questions.flatMap((q) => [q.question, q.hint ?? '']),
    ...config.rules.flatMap((r) => [r.title, ...r.next, ...r.modes.map((m) => m.why)]),
    config.emergency.title,
    config.emergency.intro,
    ...config.emergency.signs,
    config.emergency.after,
  ];
}

/** 「叫不醒」 not preceded by 「突然」 (「突然叫不醒」 is the 120 sign; anything else is unconditional). */
const unconditional = /(?<!突然)叫不醒/;

describe('when to call 120: not waking up', () => {
  it('the pathway helper calls only a sudden failure to wake a 120 sign', () => {
    expect(pathwayTexts().filter((t) => unconditional.test(t) && !t.includes('逐渐'))).toEqual([]);
  });

  it('the UI strings call only a sudden failure to wake a 120 sign', () => {
    expect(
      Object.entries(strings)
        .filter(([, v]) => unconditional.test(v))
        .map(([k]) => k),
    ).toEqual([]);
  });

  it('the 120 box names the expected, gradual drowsiness near death as the exception, and keeps 拿不准 → 120', () => {
    const after = config.emergency.after;
    expect(after).toMatch(/逐渐/);
    expect(after).toMatch(/照护计划/);
    expect(after).toMatch(/拿不准[^。]*120/);
  });

  it('the home-care guide gives the same rule, and the grief guide does not contradict it', () => {
    const home = guides['home-care.mdx'] ?? '';
    expect(home).toContain('突然叫不醒');
    expect(home).toMatch(/逐渐[^。]*叫不醒|越睡越多/);
    expect(home).toMatch(/拿不准[^。]*120/);
    const grief = guides['grief-and-farewell.mdx'] ?? '';
    expect(grief).toMatch(/越来越多[\s\S]{0,200}突然[^。]*120/);
  });

  it('the guides list sudden severe breathlessness as a 120 sign, with the agreed-plan exception', () => {
    const home = guides['home-care.mdx'] ?? '';
    expect(home).toMatch(/突然出现严重的呼吸困难/);
    expect(home).toMatch(/提前和团队商量/);
  });
});

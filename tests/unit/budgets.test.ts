import { describe, expect, it } from 'vitest';
import { budgetsSchema, readBudgets } from '../../scripts/lib/budgets.ts';
import { checkFigures } from '../../bench/lib/budgets.ts';

describe('bench/budgets.json', () => {
  it('passes its schema', () => {
    const budgets = readBudgets();
    expect(budgets.pageWeight.types['search']?.jsGzip).toBeGreaterThan(0);
    expect(budgets.browser.formsJsGzip.volunteer).toBeGreaterThan(0);
  });

  it('rejects a misspelt figure and a budget that is not a number of bytes', () => {
    const budgets = readBudgets();
    const typo = { ...budgets, pageWeight: { ...budgets.pageWeight, types: { home: { htmlGzp: 14336 } } } };
    expect(budgetsSchema.safeParse(typo).success).toBe(false);
    const text = { ...budgets, browser: { ...budgets.browser, searchFirstQueryBytes: '300 KB' } };
    expect(budgetsSchema.safeParse(text).success).toBe(false);
  });

  it('checks the scale budgets at 10 000 and at 50 000, and that the build grows no worse than linearly', () => {
    const budgets = readBudgets();
    const checks = checkFigures(
      { 'build.10000.wallSeconds': 100, 'build.50000.wallSeconds': 560, 'ratio.50000to10000.wallSeconds': 5.6 },
      budgets,
    );
    const status = (key: string) => checks.find((c) => c.key === key)?.status;
    expect(status('build.10000.wallSeconds')).toBe('ok');
    expect(status('build.50000.wallSeconds')).toBe('ok');
    expect(status('ratio.50000to10000.wallSeconds')).toBe('over');
    expect(status('finder.50000.indexGzip')).toBe('missing');
    expect(status('search.50000.firstQueryBytes')).toBe('missing');
  });
});

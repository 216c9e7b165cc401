import { describe, expect, it } from 'vitest';
import { budgetsSchema, readBudgets } from '../../scripts/lib/budgets.ts';

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
});

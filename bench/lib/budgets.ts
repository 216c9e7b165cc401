/**
 * bench/budgets.json (read and validated by scripts/lib/budgets.ts) against the figures of a
 * benchmark run (bench/results/latest.json): one check per budgeted figure. A budgeted figure
 * the run did not produce counts as failed.
 */
import type { Budgets } from '../../scripts/lib/budgets.ts';

export type Figures = Readonly<Record<string, unknown>>;

export interface Check {
  readonly key: string;
  readonly value: number | null;
  readonly limit: number;
  /** 'max': value must be ≤ limit; 'min': ≥ limit. */
  readonly kind: 'max' | 'min';
  readonly unit: 'bytes' | 'ms' | 's' | 'score' | 'ratio';
  /** 'ok', 'over' (outside the budget) or 'missing' (the run has no such figure). */
  readonly status: 'ok' | 'over' | 'missing';
}

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

function check(figures: Figures, key: string, limit: number, kind: Check['kind'], unit: Check['unit']): Check {
  const value = num(figures[key]);
  const status = value === null ? 'missing' : (kind === 'max' ? value <= limit : value >= limit) ? 'ok' : 'over';
  return { key, value, limit, kind, unit, status };
}

/** Every budget that applies to the figures: page weight for each build measured, scale at `at`, Lighthouse per page. */
export function checkFigures(figures: Figures, budgets: Budgets): Check[] {
  const checks: Check[] = [];
  const builds = new Set<string>(['shipped']);
  for (const key of Object.keys(figures)) {
    const pw = /^pageWeight\.([^.]+)\./u.exec(key);
    if (pw?.[1] !== undefined) builds.add(pw[1]);
  }
  for (const build of [...builds].sort()) {
    for (const [type, limits] of Object.entries(budgets.pageWeight.types)) {
      for (const [figure, limit] of Object.entries(limits)) {
        if (typeof limit === 'number') checks.push(check(figures, `pageWeight.${build}.${type}.${figure}`, limit, 'max', 'bytes'));
      }
    }
  }
  for (const at of budgets.scale.at) {
    checks.push(check(figures, `build.${at}.wallSeconds`, budgets.scale.buildSeconds, 'max', 's'));
    // The first finder data fetch from a county: the overview and that province's part (issue #20).
    checks.push(check(figures, `finder.${at}.indexGzip`, budgets.scale.finderIndexGzip, 'max', 'bytes'));
    checks.push(check(figures, `finder.${at}.filterUpdateMsP95`, budgets.scale.filterUpdateP95Ms, 'max', 'ms'));
    // The same frame budget with live availability statuses applied to every record (issue #17).
    checks.push(check(figures, `finder.${at}.filterUpdateLiveMsP95`, budgets.scale.filterUpdateP95Ms, 'max', 'ms'));
    checks.push(check(figures, `search.${at}.firstQueryBytes`, budgets.scale.searchFirstQueryBytes, 'max', 'bytes'));
    checks.push(check(figures, `search.${at}.queryMsP95`, budgets.scale.searchQueryP95Ms, 'max', 'ms'));
    for (const page of budgets.scale.lighthousePages)
      checks.push(check(figures, `lighthouse.${at}.${page}.performance`, budgets.lighthouse.performance, 'min', 'score'));
  }
  // Build time grows no worse than linearly between the two largest sizes.
  const [small, big] = [...budgets.scale.at].sort((a, b) => a - b).slice(-2);
  if (small !== undefined && big !== undefined && big > small)
    checks.push(check(figures, `ratio.${big}to${small}.wallSeconds`, budgets.scale.buildGrowthRatio, 'max', 'ratio'));
  for (const page of budgets.lighthouse.pages) {
    for (const category of ['performance', 'accessibility', 'best-practices', 'seo'] as const) {
      checks.push(check(figures, `lighthouse.${page}.${category}`, budgets.lighthouse[category], 'min', 'score'));
    }
  }
  return checks;
}

export function formatValue(value: number | null, unit: Check['unit'] | 'count' | 'MB' | 'ratio' | 'cls' | 'text'): string {
  if (value === null) return '—';
  switch (unit) {
    case 'bytes':
      return value >= 1024 * 1024 ? `${(value / 1024 / 1024).toFixed(2)} MB` : `${(value / 1024).toFixed(1)} KB`;
    case 'ms':
      return value >= 10_000 ? `${(value / 1000).toFixed(1)} s` : `${value.toFixed(value < 100 && !Number.isInteger(value) ? 1 : 0)} ms`;
    case 's':
      return value >= 120 ? `${(value / 60).toFixed(1)} min` : `${value.toFixed(1)} s`;
    case 'MB':
      return `${Math.round(value)} MB`;
    case 'ratio':
      return `${value.toFixed(2)}×`;
    case 'cls':
      return value.toFixed(3);
    case 'score':
    case 'count':
    case 'text':
      return String(Math.round(value * 10) / 10);
  }
}

/** A figure as text for a report line: numbers and strings as they are, anything else '?'. */
export function figureText(figures: Figures, key: string): string {
  const value = figures[key];
  return typeof value === 'number' || typeof value === 'string' ? String(value) : '?';
}

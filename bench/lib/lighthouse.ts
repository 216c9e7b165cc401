/**
 * Lighthouse (npm `lighthouse`, devDependency) on one page: default mobile configuration
 * (Moto G Power emulation, simulated slow 4G and 4× CPU slowdown), Debian Chromium
 * headless. Returns the four category scores (0–100) and LCP, TBT, CLS.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const LIGHTHOUSE_CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
export type Category = (typeof LIGHTHOUSE_CATEGORIES)[number];

export interface LighthouseFigures {
  readonly scores: Readonly<Record<Category, number | null>>;
  readonly lcpMs: number | null;
  readonly tbtMs: number | null;
  readonly cls: number | null;
  /** Audits that lost points (category/id: title (value)). */
  readonly failing: readonly string[];
  /** Elements that moved (Lighthouse's layout-shifts audit): "selector (score)". */
  readonly shifts: readonly string[];
}

interface Report {
  categories: Record<string, { score: number | null; auditRefs: { id: string; weight: number }[] }>;
  audits: Record<
    string,
    {
      numericValue?: number;
      score: number | null;
      title: string;
      scoreDisplayMode: string;
      details?: { items?: { score?: number; node?: { selector?: string } }[] };
    }
  >;
  runtimeError?: { code: string; message: string };
}

export function lighthouseCli(root: string): string | null {
  const cli = path.join(root, 'node_modules/lighthouse/cli/index.js');
  return existsSync(cli) ? cli : null;
}

/**
 * Lighthouse `runs` times; the run with the median performance score (its scores and metrics),
 * as Lighthouse's own advice on variability recommends.
 */
export async function runLighthouseMedian(
  root: string,
  url: string,
  chromePath: string,
  runs: number,
  onRetry?: (message: string) => void,
): Promise<LighthouseFigures & { readonly runs: readonly (number | null)[] }> {
  const results: LighthouseFigures[] = [];
  for (let i = 0; i < runs; i++) {
    // Lighthouse now and then fails to record a trace (NO_NAVSTART, NO_FCP) on a busy machine: up to three tries per run.
    for (let attempt = 1; ; attempt++) {
      try {
        results.push(await runLighthouse(root, url, chromePath));
        break;
      } catch (error) {
        if (attempt >= 3) throw error;
        onRetry?.(error instanceof Error ? (error.message.split('\n')[0] ?? '').slice(0, 200) : String(error));
      }
    }
  }
  const sorted = [...results].sort((a, b) => (a.scores.performance ?? -1) - (b.scores.performance ?? -1));
  const median = sorted[Math.floor((sorted.length - 1) / 2)] ?? results[0];
  if (median === undefined) throw new Error('no Lighthouse run');
  return { ...median, runs: results.map((r) => r.scores.performance) };
}

export async function runLighthouse(root: string, url: string, chromePath: string, timeoutMs = 240_000): Promise<LighthouseFigures> {
  const cli = lighthouseCli(root);
  if (cli === null) throw new Error('lighthouse is not installed (npm install -D lighthouse)');
  const dir = mkdtempSync(path.join(tmpdir(), 'anning-lh-'));
  const out = path.join(dir, 'report.json');
  try {
    const child = spawn(
      process.execPath,
      [
        cli,
        url,
        '--output=json',
        `--output-path=${out}`,
        `--only-categories=${LIGHTHOUSE_CATEGORIES.join(',')}`,
        '--form-factor=mobile',
        '--chrome-flags=--headless --no-sandbox --disable-gpu',
        '--quiet',
        '--max-wait-for-load=60000',
      ],
      { cwd: root, env: { ...process.env, CHROME_PATH: chromePath }, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let errors = '';
    child.stderr.on('data', (d: Buffer) => (errors += d.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    const code = await new Promise<number>((resolve) => child.on('close', (c) => resolve(c ?? 1)));
    clearTimeout(timer);
    if (code !== 0 || !existsSync(out)) throw new Error(`lighthouse ${url} exited ${code}: ${errors.slice(-1500)}`);
    const report = JSON.parse(readFileSync(out, 'utf8')) as Report;
    if (report.runtimeError !== undefined) throw new Error(`lighthouse ${url}: ${report.runtimeError.code} ${report.runtimeError.message}`);
    const score = (c: Category) => {
      const s = report.categories[c]?.score;
      return s === null || s === undefined ? null : Math.round(s * 100);
    };
    const num = (id: string) => report.audits[id]?.numericValue ?? null;
    const failing: string[] = [];
    for (const c of LIGHTHOUSE_CATEGORIES) {
      for (const ref of report.categories[c]?.auditRefs ?? []) {
        const a = report.audits[ref.id];
        if (
          a !== undefined &&
          ref.weight > 0 &&
          a.score !== null &&
          a.score < 1 &&
          (a.scoreDisplayMode === 'binary' || a.scoreDisplayMode === 'numeric' || a.scoreDisplayMode === 'metricSavings')
        ) {
          failing.push(
            `${c}/${ref.id}: ${a.title}${a.numericValue !== undefined ? ` (${a.numericValue < 10 ? a.numericValue.toFixed(3) : Math.round(a.numericValue)})` : ''}`,
          );
        }
      }
    }
    return {
      scores: {
        performance: score('performance'),
        accessibility: score('accessibility'),
        'best-practices': score('best-practices'),
        seo: score('seo'),
      },
      lcpMs: num('largest-contentful-paint'),
      tbtMs: num('total-blocking-time'),
      cls: num('cumulative-layout-shift'),
      failing,
      shifts: (report.audits['layout-shifts']?.details?.items ?? [])
        .slice(0, 3)
        .map((i) => `${i.node?.selector ?? '?'} (${(i.score ?? 0).toFixed(3)})`),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

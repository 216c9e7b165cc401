/**
 * `npm test`: every quality gate, in order, each announced in the output:
 * formatting, type check, lint and import boundaries, unit tests, production build, HTML
 * validation (with each page's CSP), link check, page-weight budgets, then the
 * end-to-end, accessibility and journey tests in Chromium against the real server. Storage
 * tests run on SQLite and on a real PostgreSQL: TEST_DATABASE_URL, or a throwaway cluster the
 * test runners start themselves (tests/setup/postgres.ts, tests/e2e/postgres-setup.ts).
 * Stops at the first failing step and exits with its code.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { ensureChromium } from './find-chromium.ts';
import { ensurePostgresServer } from './lib/postgres.ts';

const root = path.resolve(import.meta.dirname, '..');
const bin = (name: string) => path.join(root, 'node_modules/.bin', name);
const node = process.execPath;

const steps: { title: string; cmd: string; args: string[] }[] = [
  { title: '代码格式（Prettier）', cmd: bin('prettier'), args: ['--check', '--log-level', 'warn', '.'] },
  { title: '类型检查（astro check）', cmd: bin('astro'), args: ['check'] },
  // After astro check: it writes .astro/types.d.ts, without which type-aware lint sees astro:content as unknown.
  { title: '代码检查与导入边界（ESLint）', cmd: bin('eslint'), args: ['--max-warnings', '0', '.'] },
  { title: '单元测试（Vitest）', cmd: bin('vitest'), args: ['run'] },
  { title: '生产构建（astro build）', cmd: bin('astro'), args: ['build'] },
  { title: 'HTML 校验（html-validate）', cmd: node, args: ['scripts/check-html.ts'] },
  { title: '站内链接检查', cmd: node, args: ['scripts/check-links.ts'] },
  { title: '页面重量预算（bench/budgets.json）', cmd: node, args: ['scripts/check-page-weight.ts'] },
  { title: '端到端、无障碍与页面重量测试（Playwright + axe）', cmd: bin('playwright'), args: ['test'] },
];

// The unit and browser tests start a throwaway PostgreSQL unless TEST_DATABASE_URL names one:
// install it now (root) or stop with one line (anyone else), before minutes of other steps.
if ((process.env.TEST_DATABASE_URL ?? '').trim() === '') ensurePostgresServer();

for (const [i, step] of steps.entries()) {
  if (step.cmd === bin('playwright')) process.env.PLAYWRIGHT_CHROMIUM_PATH = ensureChromium();
  console.log(`\n=== ${i + 1}/${steps.length} ${step.title} ===`);
  const started = Date.now();
  const run = spawnSync(step.cmd, step.args, { cwd: root, stdio: 'inherit', env: process.env });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (run.status !== 0) {
    console.error(`\n✗ ${step.title} 失败（${seconds} 秒）`);
    process.exit(run.status ?? 1);
  }
  console.log(`✓ ${step.title} 通过（${seconds} 秒）`);
}
console.log('\n全部检查通过。');

/**
 * Validates every built HTML page with html-validate (rules in .htmlvalidate.json, plus
 * our own in scripts/lib/html-rules.ts for what the W3C Nu validator checks).
 * Also checks that the page's own CSP <meta> allows each of its inline scripts and styles
 * (the policy is cut down to the page's own hashes by src/lib/html/csp-hashes.ts).
 * Prints each error with its file and line; exits 1 if there is any.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { formatterFactory } from 'html-validate';
import { blockedInline } from '../src/lib/html/csp-hashes.ts';
import { siteValidator } from './lib/html-rules.ts';
import { filesUnder } from './lib/walk.ts';

const root = path.resolve(import.meta.dirname, '..');
const clientDir = path.join(path.resolve(root, process.env.DIST_DIR ?? 'dist'), 'client');
const validator = siteValidator();
const format = formatterFactory('text');

const files = filesUnder(clientDir, '.html').filter((f) => !f.includes(`${path.sep}pagefind${path.sep}`));
let errorCount = 0;
const failed = [];
const blockedByCsp: string[] = [];
for (const file of files) {
  const html = await readFile(file, 'utf8');
  for (const what of blockedInline(html))
    blockedByCsp.push(`${path.relative(clientDir, file)}: inline ${what} is not in the page's Content-Security-Policy`);
  const report = await validator.validateString(html, file);
  if (!report.valid) {
    errorCount += report.errorCount;
    failed.push(...report.results);
  }
}
if (failed.length > 0) console.log(format(failed));
for (const line of blockedByCsp) console.log(line);
errorCount += blockedByCsp.length;
console.log(`html-validate：检查了 ${files.length} 个页面，${errorCount} 个错误。`);
process.exit(errorCount > 0 ? 1 : 0);

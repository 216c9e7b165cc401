/**
 * Validates every built HTML page with html-validate (rules in .htmlvalidate.json, plus
 * our own in scripts/lib/html-rules.ts for what the W3C Nu validator checks).
 * Prints each error with its file and line; exits 1 if there is any.
 */
import path from 'node:path';
import { formatterFactory } from 'html-validate';
import { siteValidator } from './lib/html-rules.ts';
import { filesUnder } from './lib/walk.ts';

const root = path.resolve(import.meta.dirname, '..');
const clientDir = path.join(path.resolve(root, process.env.DIST_DIR ?? 'dist'), 'client');
const validator = siteValidator();
const format = formatterFactory('text');

const files = filesUnder(clientDir, '.html').filter((f) => !f.includes(`${path.sep}pagefind${path.sep}`));
let errorCount = 0;
const failed = [];
for (const file of files) {
  const report = await validator.validateFile(file);
  if (!report.valid) {
    errorCount += report.errorCount;
    failed.push(...report.results);
  }
}
if (failed.length > 0) console.log(format(failed));
console.log(`html-validate：检查了 ${files.length} 个页面，${errorCount} 个错误。`);
process.exit(errorCount > 0 ? 1 : 0);

/**
 * Whether this site shows sample (invented) records: institutions, course sessions and
 * events. One rule, read where the registry and the course sessions are loaded
 * (src/lib/registry/load.ts, src/lib/forms/reference-data.ts, src/content.config.ts), so
 * every page, export and API sees the same records.
 *
 * - A site with an operator (PRIVACY_CONTROLLER_NAME and PRIVACY_CONTACT set) is a real
 *   service: families act on what it lists, so invented records are hidden unless the
 *   operator asks for them with SHOW_SAMPLES=1 (e.g. a training copy).
 * - A site without an operator is a demonstration (the forms say so): samples are what
 *   make it useful, so they are shown unless SHOW_SAMPLES=0 (e.g. to preview the site
 *   as it will look with the real records only).
 *
 * Read at build time (pages, open data) and at run time (forms, API): set the same
 * values for both, as `npm start` does.
 */
import { privacySettings } from './privacy.ts';

/** True when sample records are shown (see above). */
export function showSamples(env: NodeJS.ProcessEnv = process.env): boolean {
  const flag = env['SHOW_SAMPLES']?.trim();
  if (flag === '1' || flag === 'true') return true;
  if (flag === '0' || flag === 'false') return false;
  return !privacySettings(env).configured;
}

/** True when no operator is configured: the site is a demonstration and nobody follows up forms. */
export function isDemonstration(env: NodeJS.ProcessEnv = process.env): boolean {
  return !privacySettings(env).configured;
}

/** `items` without the sample ones when samples are hidden. */
export function visibleSamples<T>(items: readonly T[], isSample: (item: T) => boolean, show: boolean = showSamples()): T[] {
  return show ? [...items] : items.filter((item) => !isSample(item));
}

/** Where the pathway helper's advice sends people: the service finder, preset to the county and the kind of care. */
import type { CareMode } from '../../schemas/service.ts';
import { finderUrl } from '../finder/url.ts';

/**
 * Address of the service finder with the county and mode already set:
 * /services/?county=<code>&mode=<mode>, built by the finder's own finderUrl().
 */
export function finderHref(county: string | undefined, mode?: CareMode): string {
  return finderUrl({
    ...(county !== undefined && /^\d{6}$/.test(county) ? { county } : {}),
    ...(mode !== undefined ? { modes: [mode] } : {}),
  });
}

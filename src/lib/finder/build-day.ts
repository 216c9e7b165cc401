/**
 * Server side: the day this build was made, in China (YYYY-MM-DD). Computed once per build
 * and handed to the finder, so pages and finder measure freshness from the same "now".
 */
import { todayInChina } from '../registry/load.ts';

export const BUILD_DAY: string = todayInChina();

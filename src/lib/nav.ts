import type { UiKey } from '../i18n/index.ts';
import * as routes from './routes.ts';

/** The main sections, in header order. `match` decides which one is the current section. */
export const MAIN_SECTIONS: readonly { href: string; label: UiKey }[] = [
  { href: routes.services, label: 'nav.services' },
  { href: routes.courses, label: 'nav.courses' },
  { href: routes.events, label: 'nav.events' },
  { href: routes.volunteer, label: 'nav.volunteer' },
  { href: routes.guides, label: 'nav.guides' },
  { href: routes.search, label: 'nav.search' },
];

/** True when `pathname` lies inside the section starting at `href`. */
export function isInSection(pathname: string, href: string): boolean {
  return pathname === href || pathname.startsWith(href);
}

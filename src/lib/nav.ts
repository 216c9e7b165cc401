import type { UiKey } from '../i18n/index.ts';

/** The main sections, in header order. `match` decides which one is the current section. */
export const MAIN_SECTIONS: readonly { href: string; label: UiKey }[] = [
  { href: '/services/', label: 'nav.services' },
  { href: '/courses/', label: 'nav.courses' },
  { href: '/volunteer/', label: 'nav.volunteer' },
  { href: '/guides/', label: 'nav.guides' },
  { href: '/search/', label: 'nav.search' },
];

/** True when `pathname` lies inside the section starting at `href`. */
export function isInSection(pathname: string, href: string): boolean {
  return pathname === href || pathname.startsWith(href);
}

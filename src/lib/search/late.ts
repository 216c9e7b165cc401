/**
 * The search page's no-JavaScript help is out of the layout from the first paint when
 * JavaScript is on (it used to vanish only when <anning-search> was defined, pulling the
 * footer up: Lighthouse measured a layout shift of 0.22 on a slow machine). So that it still
 * shows when the search script never arrives (a network failure), this inline script marks
 * <html data-search-late> if the element is not defined eight seconds after the page starts.
 * A constant string: its CSP hash is computed in astro.config.mjs and must match the page.
 */
export const SEARCH_LATE_SCRIPT = `setTimeout(function(){if(!customElements.get('anning-search'))document.documentElement.setAttribute('data-search-late','')},8000);`;

/**
 * Elder-mode display preferences (text size, high contrast).
 * They live in localStorage and are applied to <html> by a tiny inline script in <head>
 * before first paint, so a large-text reader never sees a flash of small text. The same script
 * marks <html data-js>, so controls that need JavaScript take their place from the first paint
 * instead of pushing the page down when their script arrives.
 */
export const DISPLAY_PREFS_KEY = 'anning.display';

export const TEXT_SIZES = ['standard', 'large', 'xlarge'] as const;
export type TextSize = (typeof TEXT_SIZES)[number];

/**
 * The inline pre-paint script. Kept as a constant string so its CSP hash can be computed
 * once (astro.config.mjs) and match what the layout prints byte for byte.
 */
export const DISPLAY_PREFS_INIT_SCRIPT =
  `var d=document.documentElement;d.setAttribute('data-js','');` +
  `try{var p=JSON.parse(localStorage.getItem('${DISPLAY_PREFS_KEY}')||'{}');` +
  `if(p.size==='large'||p.size==='xlarge')d.dataset.textSize=p.size;if(p.contrast===true)d.dataset.contrast='high';}catch(e){}`;

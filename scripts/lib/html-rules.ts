/**
 * Our own html-validate rules, for what the W3C Nu validator checks and html-validate does
 * not. The Nu validator allows a `<style>` in `<body>` only as the first child of a flow
 * content parent (whitespace before it is fine); html-validate knows only the older rule
 * ("metadata content") and .htmlvalidate.json relaxes it to flow content, so without this
 * rule a `<style>` anywhere in body passed (issue #13 item 11).
 */
import { readFile } from 'node:fs/promises';
import { FileSystemConfigLoader, HtmlValidate, Rule, type DOMReadyEvent, type HtmlElement, type Plugin, type Report } from 'html-validate';

export const STYLE_FIRST_CHILD = 'anning/style-first-child';

class StyleFirstChild extends Rule {
  override documentation() {
    return {
      description:
        'A `<style>` element in `<body>` must be the first child of its parent (W3C Nu validator). Put it in `<head>` or make it the first child.',
    };
  }

  override setup() {
    this.on('dom:ready', (event: DOMReadyEvent) => {
      for (const style of event.document.querySelectorAll('body style')) {
        if (!isFirstChild(style)) this.report(style, 'A "<style>" element in "<body>" must be the first child of its parent');
      }
    });
  }
}

/** True when nothing but whitespace comes before the element inside its parent. */
function isFirstChild(element: HtmlElement): boolean {
  const parent = element.parent;
  if (!parent) return true;
  for (const node of parent.childNodes) {
    if (node === element) return true;
    if (node.nodeType === 1 /* element */) return false;
    if (node.nodeType === 3 /* text */ && node.textContent.trim() !== '') return false;
  }
  return true;
}

export const siteRules: Plugin = { name: 'anning', rules: { [STYLE_FIRST_CHILD]: StyleFirstChild } };

/** Our rules, merged over whatever .htmlvalidate.json says for the file. */
const SITE_RULES_CONFIG = { plugins: [siteRules], rules: { [STYLE_FIRST_CHILD]: 'error' as const } };

/** What check-html.ts validates with: .htmlvalidate.json plus our rules. */
export interface SiteValidator {
  validateFile(file: string): Promise<Report>;
  validateString(html: string, file: string): Promise<Report>;
}

export function siteValidator(): SiteValidator {
  const validator = new HtmlValidate(new FileSystemConfigLoader());
  // html-validate merges a config override only through validateString.
  const validateString = (html: string, file: string) => validator.validateString(html, file, SITE_RULES_CONFIG);
  return { validateString, validateFile: async (file) => validateString(await readFile(file, 'utf8'), file) };
}

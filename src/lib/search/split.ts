/**
 * Site search split by province (issue #20). With a national registry one Pagefind index
 * makes every first query fetch the whole country's page list and filters (391 KB at
 * 10 000 institutions). Beyond ALL_AT_ONCE records, therefore, institution pages and the
 * city and county pages are indexed per province, in /pagefind/p/<province>/, and the
 * site-wide pages (guides, courses, lessons, events, stories, province pages …) stay in
 * /pagefind/. The search page loads the site index and merges the province the person is
 * looking in (Pagefind's mergeIndex shares the WebAssembly and script of the first index,
 * so a merged province costs only its own page list, filters and words).
 *
 * Which index a page belongs to is written in the page itself (SEARCH_PROVINCE_ATTRIBUTE on
 * <main>), so the decision is taken once, where the page is rendered, and the indexer only
 * follows the HTML. Pure.
 */
import { ALL_AT_ONCE, provinceOfCode } from '../finder/parts.ts';

/** Split when the registry has more records than this (the finder loads by place beyond the same size). */
export const SPLIT_ABOVE = ALL_AT_ONCE;

/** On <main>: the province (6-digit GB/T 2260 code) whose index holds this page. */
export const SEARCH_PROVINCE_ATTRIBUTE = 'data-search-province';

/** Where a province's index is written and read, below the site index's folder. */
export const provinceIndexPath = (province: string): string => `p/${province}/`;

/** A 6-digit province code (110000, 330000 …), or '' for anything else. */
export function provinceParam(value: string | null | undefined): string {
  const v = (value ?? '').trim();
  return /^[1-9]\d0000$/u.test(v) ? v : '';
}

/** The province a page's HTML names for its index, or undefined for the site index. */
export function provinceOfPage(html: string): string | undefined {
  const m = new RegExp(`<main\\b[^>]*\\s${SEARCH_PROVINCE_ATTRIBUTE}="(\\d{6})"`, 'u').exec(html);
  return m?.[1];
}

/** Place names the search page can recognise in a query, per province: province and city names. */
export type PlaceNames = Readonly<Record<string, readonly string[]>>;

/**
 * The province a query names (浙江, 杭州, 宁波市 …), when it names exactly one; the longest
 * name wins, so 吉林市 is read before 吉林. undefined when it names none or several.
 */
export function provinceInQuery(query: string, places: PlaceNames): string | undefined {
  const found = new Set<string>();
  let longest = 0;
  for (const [province, names] of Object.entries(places))
    for (const name of names) {
      if (!query.includes(name)) continue;
      if (name.length > longest) {
        longest = name.length;
        found.clear();
      }
      if (name.length === longest) found.add(province);
    }
  return found.size === 1 ? [...found][0] : undefined;
}

/** A place name without its administrative suffix, as people type it: 浙江省 → 浙江, 杭州市 → 杭州, 广西壮族自治区 → 广西. */
export function commonPlaceName(name: string): string {
  const short = name.replace(
    /(?:壮族|回族|维吾尔|藏族|蒙古族|朝鲜族|土家族|苗族|彝族|哈尼族|傣族|白族|布依族|侗族|黎族|羌族|傈僳族|景颇族|柯尔克孜|哈萨克)*(?:自治区|自治州|特别行政区|地区|省|市|盟)$/u,
    '',
  );
  return short.length >= 2 ? short : name;
}

/** Province and city names, full and common, per province code (the search page recognises them in a query). */
export function placeNames(
  regions: readonly { readonly code: string; readonly name: string; readonly level: string }[],
  provinces: ReadonlySet<string>,
): PlaceNames {
  const out: Record<string, string[]> = {};
  for (const r of regions) {
    if (r.level === 'county') continue;
    const province = provinceOfCode(r.code);
    if (!provinces.has(province)) continue;
    const names = (out[province] ??= []);
    for (const n of new Set([r.name, commonPlaceName(r.name)])) if (!names.includes(n)) names.push(n);
  }
  return out;
}

/**
 * Search synonyms (content/search-synonyms.json): words people type for the same thing,
 * and traditional-character spellings of the site's main terms. The build validates the
 * file; the search page receives a compact copy (terms only, no sources).
 */
import { z } from 'zod';

/** A search term: Chinese, Latin or digits, no spaces (a phrase would never match as one word). */
const term = () => z.string().regex(/^[^\s"'“”‘’「」『』]+$/u, { error: '词语不能为空，不能含空格或引号' });

export const synonymGroupSchema = z
  .strictObject({
    /** The word the site itself uses; every other spelling in the group is searched as this one. */
    canonical: term(),
    /** Other words people type for the same thing (simplified characters); may be empty when the group only lists traditional spellings. */
    variants: z.array(term()),
    /** Traditional-character spelling → its simplified form, which must be the canonical term or one of the variants. */
    traditional: z.record(term(), term()).default({}),
    /**
     * Optional: the part of the canonical word Pagefind is asked for instead of the whole
     * word, when Pagefind's word splitter cuts the canonical word into a distinctive piece
     * and single characters found on nearly every page (安宁疗护 → 安宁 疗 护): those
     * characters' page lists are what a first query would download, for no better match.
     * The build reports how many pages hold it outside the canonical word.
     */
    searchAs: term().optional(),
    /** Where the equivalence comes from: a plan clause, a guide on this site, a standard usage note. */
    source: z.string().trim().min(10, { error: '请写明出处（至少 10 个字）' }),
  })
  .superRefine((group, ctx) => {
    const simplified = [group.canonical, ...group.variants];
    const seen = new Set<string>();
    simplified.forEach((word, i) => {
      if (seen.has(word))
        ctx.addIssue({ code: 'custom', path: i === 0 ? ['canonical'] : ['variants', i - 1], message: `“${word}”在本组中重复` });
      seen.add(word);
    });
    if (
      group.searchAs !== undefined &&
      (group.searchAs === group.canonical || !group.canonical.includes(group.searchAs) || [...group.searchAs].length < 2)
    ) {
      ctx.addIssue({ code: 'custom', path: ['searchAs'], message: `“${group.searchAs}”须是“${group.canonical}”中至少两个字的一部分` });
    }
    for (const [trad, simp] of Object.entries(group.traditional)) {
      if (!seen.has(simp))
        ctx.addIssue({ code: 'custom', path: ['traditional', trad], message: `繁体“${trad}”对应的“${simp}”不是本组的词` });
      if ([...trad].length !== [...simp].length)
        ctx.addIssue({ code: 'custom', path: ['traditional', trad], message: `繁体“${trad}”和简体“${simp}”字数不同` });
    }
  });
export type SynonymGroup = z.infer<typeof synonymGroupSchema>;

export const synonymsFileSchema = z
  .strictObject({
    /** What the file is for and how it is used (for editors). */
    _comment: z.string().trim().min(1),
    /** The groups; a word may belong to one group only. */
    groups: z.array(synonymGroupSchema).min(1),
  })
  .superRefine((file, ctx) => {
    const owner = new Map<string, number>();
    file.groups.forEach((group, g) => {
      for (const word of [group.canonical, ...group.variants, ...Object.keys(group.traditional)]) {
        const other = owner.get(word);
        if (other !== undefined && other !== g)
          ctx.addIssue({ code: 'custom', path: ['groups', g], message: `“${word}”同时出现在第 ${other + 1} 组和第 ${g + 1} 组` });
        owner.set(word, g);
      }
    });
  });
export type SynonymsFile = z.infer<typeof synonymsFileSchema>;

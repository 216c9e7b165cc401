/**
 * The search-quality query set (used by search-quality.spec.ts): real Chinese queries and
 * the pages that must appear in the first five results. Relevance is written from the
 * content (registry records, course audiences, guide topics), never read off the results.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { loadRegistry } from '../../src/lib/registry/load.ts';
import type { Institution } from '../../src/schemas/institution.ts';

export const { records, regions } = loadRegistry();
export const institution = (r: Institution) => `/services/${r.id}/`;
/**
 * Real institutions only: sample records are invented, so they answer nobody's question,
 * and search ranks them after every real page (search-samples.spec.ts).
 */
const institutionsWhere = (pick: (r: Institution) => boolean) =>
  records.filter((r) => r.provenance.kind !== 'sample' && pick(r)).map(institution);
/** Every institution of a county, samples included (the county-code check takes any of them). */
export const inCounty = (code: string) => records.filter((r) => r.regionCode === code).map(institution);
/** A county's real institutions and its own region page, which lists all of them. */
const county = (code: string) => [...institutionsWhere((r) => r.regionCode === code), `/regions/${code}/`];
const inCity = (code: string) => (r: Institution) => regions.cityOf(r.regionCode)?.code === code;
const offers = (offer: string) => (r: Institution) => r.services.some((s) => (s.offers as readonly string[]).includes(offer));

/** Course pages by audience, read from the course files (content/courses/<slug>/index.mdx). */
function coursesFor(audience: string): string[] {
  const root = 'content/courses';
  return readdirSync(root)
    .filter((slug) => new RegExp(`^audience: \\[.*${audience}.*\\]$`, 'mu').test(readFileSync(path.join(root, slug, 'index.mdx'), 'utf8')))
    .map((slug) => `/courses/${slug}/`);
}

/** Pages that explain pain and its relief (the issue: a search for 止痛 must find the guides that answer it). */
const PAIN_PAGES = [
  '/guides/faq/',
  '/guides/home-care/',
  '/guides/what-is-hospice/',
  '/courses/hospice-how-to-access/01-what-hospice-offers/',
];

export interface Case {
  /** What a person types. */
  readonly q: string;
  /** Pages that must be in the first five (recall is over min(5, how many there are)). */
  readonly relevant: readonly string[];
  /** Why these pages. */
  readonly why: string;
}

export const CASES: readonly Case[] = [
  { q: '临终关怀', relevant: ['/guides/what-is-hospice/'], why: '旧称，指南《什么是安宁疗护》解释各种叫法' },
  { q: '什么是安宁疗护', relevant: ['/guides/what-is-hospice/'], why: '指南标题' },
  { q: '臨終關懷', relevant: ['/guides/what-is-hospice/'], why: '繁体写法的旧称' },
  { q: '舒缓疗护', relevant: ['/guides/what-is-hospice/'], why: '上海等地的叫法' },
  { q: '"缓和医疗"', relevant: ['/guides/what-is-hospice/', '/guides/faq/'], why: '带引号；两篇都解释缓和医疗与安宁疗护的区别' },
  { q: '医保 报销', relevant: ['/guides/costs-and-insurance/'], why: '费用与医保指南' },
  { q: '如何转介', relevant: ['/guides/how-to-get-care/'], why: '如何获得服务指南' },
  { q: '怎么转介', relevant: ['/guides/how-to-get-care/'], why: '口语问句' },
  { q: '上门', relevant: ['/guides/home-care/'], why: '居家照护的口语说法' },
  {
    q: '家庭病床',
    relevant: ['/guides/home-care/', ...institutionsWhere((r) => r.services.some((s) => s.homeCare?.types.includes('家庭病床') ?? false))],
    why: '居家照护指南和设家庭病床的机构',
  },
  { q: '中医', relevant: ['/guides/tcm-in-hospice/'], why: '中医药与安宁疗护指南' },
  { q: '悲伤', relevant: ['/guides/grief-and-farewell/'], why: '同义词：哀伤' },
  { q: '和家人谈心愿', relevant: ['/guides/talking-about-wishes/', '/courses/talking-about-wishes/'], why: '指南与同名课程' },
  {
    q: '疼痛',
    relevant: [...PAIN_PAGES, ...institutionsWhere(offers('疼痛及症状控制'))],
    why: '讲疼痛和止痛的指南、课时，和提供疼痛及症状控制的机构',
  },
  { q: '止痛', relevant: [...PAIN_PAGES, ...institutionsWhere(offers('疼痛及症状控制'))], why: '同义词：疼痛' },
  { q: '朝阳区', relevant: county('110105'), why: '北京的区名 → 该区机构（及该区县的地区页）' },
  { q: '海淀区', relevant: county('110108'), why: '北京的区名 → 该区机构（及该区县的地区页）' },
  { q: '丰台', relevant: county('110106'), why: '不带“区”的区名（及该区县的地区页）' },
  { q: '通州区', relevant: county('110112'), why: '北京的区名 → 该区机构（及该区县的地区页）' },
  { q: '110106', relevant: county('110106'), why: '6 位区划代码（该区机构及地区页）' },
  { q: '330213', relevant: county('330213'), why: '6 位区划代码（宁波市奉化区的机构及地区页）' },
  { q: '苍南县', relevant: county('330327'), why: '浙江的县名 → 该县机构（及该区县的地区页）' },
  { q: '协和医院', relevant: ['/services/bj-pumch/'], why: '机构简称（别名）' },
  { q: '清华长庚', relevant: ['/services/bj-tsinghua-changgung/'], why: '机构简称' },
  { q: '蒲黄榆', relevant: ['/services/bj-puhuangyu-chc/'], why: '地名 → 机构' },
  {
    q: '社区医院',
    relevant: [
      ...institutionsWhere((r) => r.kind === '社区卫生服务中心'),
      '/guides/how-to-get-care/',
      '/courses/hospice-how-to-access/02-getting-care-locally/',
    ],
    why: '同义词：社区卫生服务中心；真实的社区卫生服务中心，和讲怎样通过社区获得服务的指南、课时',
  },
  {
    q: '杭州 安宁疗护中心',
    relevant: [...institutionsWhere((r) => inCity('330100')(r) && r.kind === '安宁疗护中心'), '/regions/330100/'],
    why: '城市 + 机构类型（杭州市的地区页列出该市全部机构）',
  },
  { q: '老年大学 课程', relevant: [...coursesFor('老年大学'), '/courses/for/elder-university/'], why: '老年大学的课程' },
  { q: '老年学校', relevant: coursesFor('老年大学'), why: '同义词：老年大学' },
  { q: '小学 生命教育', relevant: coursesFor('小学'), why: '小学课程' },
  { q: '志愿者', relevant: ['/volunteer/'], why: '志愿服务页' },
  { q: '义工', relevant: ['/volunteer/'], why: '同义词：志愿者' },
  { q: '志愿者 培训', relevant: ['/courses/volunteer-basic-training/'], why: '志愿者基础培训课程' },
  { q: '倾听 陪伴', relevant: ['/courses/volunteer-basic-training/02-listening-and-presence/'], why: '课时主题' },
  { q: '边界 保密', relevant: ['/courses/volunteer-basic-training/03-boundaries-and-confidentiality/'], why: '课时主题' },
  { q: '优雅地老去', relevant: ['/courses/elder-life-wisdom/01-ageing-well/'], why: '课时标题' },
  { q: '照顾者 压力', relevant: ['/courses/home-care-for-family/04-caring-for-the-carer/'], why: '课时主题：照顾者也需要被照顾' },
  { q: '爷爷奶奶 生病', relevant: ['/courses/life-cycle-primary/02-caring-for-grandparents/'], why: '小学课时主题' },
  // Words families use (issue #13 item 14). Must-appear pages: the guide or lesson whose title or
  // heading answers the question (as for the queries above), not every page that mentions the word.
  {
    q: '生前预嘱',
    relevant: [
      '/guides/talking-about-wishes/',
      '/courses/elder-life-wisdom/03-my-wishes/',
      '/courses/life-dignity-senior/03-hospice-and-choices/',
    ],
    why: '口语说法；指南和课时讲预立医疗照护计划、把心愿写下来',
  },
  {
    q: '预立医疗照护计划',
    relevant: [
      '/guides/talking-about-wishes/',
      '/courses/elder-life-wisdom/03-my-wishes/',
      '/courses/life-dignity-senior/03-hospice-and-choices/',
    ],
    why: '指南和课时里的正式说法',
  },
  { q: '长护险', relevant: ['/guides/costs-and-insurance/'], why: '费用指南「长期护理保险」一节' },
  { q: '长期护理保险', relevant: ['/guides/costs-and-insurance/'], why: '费用指南的小标题' },
  { q: '医保报销', relevant: ['/guides/costs-and-insurance/'], why: '不加空格的连写' },
  { q: '多少钱', relevant: ['/guides/costs-and-insurance/'], why: '口语问费用' },
  { q: '丧亲', relevant: ['/guides/grief-and-farewell/'], why: '哀伤指南' },
  {
    q: '老伴走了',
    relevant: ['/courses/elder-life-wisdom/05-living-with-grief/', '/guides/grief-and-farewell/'],
    why: '口语说离世；课时《与哀伤共处》讲失去老伴之后，哀伤指南「哀伤，是爱的延续」',
  },
  {
    q: '最后的日子',
    relevant: ['/guides/grief-and-farewell/', '/courses/life-cycle-primary/04-what-is-hospice-care/'],
    why: '哀伤指南「生命最后阶段可能出现的变化」；课时标题《让生命最后的日子舒服一些》',
  },
  {
    q: '临终',
    relevant: ['/guides/grief-and-farewell/', '/courses/home-care-for-family/01-comfort-care-at-home/'],
    why: '哀伤指南「生命最后阶段可能出现的变化」；课时标题《在家照顾临终的亲人》',
  },
  {
    q: '后事怎么办',
    relevant: ['/guides/grief-and-farewell/', '/guides/faq/'],
    why: '哀伤指南「在家离世后，先联系谁」；常见问题「病人在家里离世，我们该怎么办？」',
  },
  { q: '吗啡', relevant: ['/guides/home-care/', '/guides/faq/'], why: '居家指南讲止痛药的特殊管理，常见问题讲止痛药物和夜里疼痛' },
  { q: '止痛药', relevant: ['/guides/home-care/', '/guides/faq/'], why: '同上' },
  {
    q: '护工',
    relevant: ['/guides/faq/', '/guides/costs-and-insurance/'],
    why: '常见问题「家属可以在病房陪夜吗？」讲陪护和护工；费用指南的问题清单问护工怎样收费',
  },
  {
    q: '家庭医生',
    relevant: ['/courses/home-care-for-family/03-who-to-call/', '/guides/how-to-get-care/'],
    why: '课时《什么时候找谁》（什么情况找家庭医生）；指南「谁可以帮你转介」',
  },
  {
    q: '吃不下饭',
    relevant: ['/guides/faq/', '/guides/home-care/'],
    why: '常见问题「病人吃得越来越少……」；居家指南「让病人舒服的日常照护」的饮食一条',
  },
  {
    q: '喘不上气',
    relevant: ['/guides/home-care/', '/courses/home-care-for-family/02-changes-to-notice/'],
    why: '居家指南「需要留意的变化」（呼吸费力、气喘）；课时《需要留意的变化》',
  },
  {
    q: '要不要插管',
    relevant: ['/guides/talking-about-wishes/', '/courses/talking-about-wishes/01-why-talk/', '/courses/elder-life-wisdom/03-my-wishes/'],
    why: '谈心愿时对抢救措施的想法',
  },
  { q: '社保卡', relevant: ['/guides/how-to-get-care/'], why: '如何获得服务：就诊要带医保卡（或社保卡）' },
];

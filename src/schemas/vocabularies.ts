/**
 * The registry's controlled vocabularies as plain lists, without zod, so the finder's
 * browser code can import them (src/lib/finder/vocab.ts) without shipping zod. The schemas
 * (service.ts, institution.ts) build their enums from the same lists. The order of each
 * list is the bit order of the finder index: add at the end.
 */

/** 住院病区/病床, 门诊, 居家 (家庭病床、巡诊), 会诊, 互联网+ (线上咨询/复诊). */
export const CARE_MODES = ['住院', '门诊', '居家', '会诊', '互联网'] as const;
export type CareMode = (typeof CARE_MODES)[number];

export const OFFERS = [
  '疼痛及症状控制',
  '舒适照护',
  '心理支持',
  '社会支持',
  '灵性关怀',
  '中医药',
  '营养支持',
  '康复',
  '哀伤辅导',
  '生命教育',
] as const;
export type Offer = (typeof OFFERS)[number];

export const PAYMENTS = ['医保', '按床日付费', '长护险', '商业保险', '自费'] as const;
export type Payment = (typeof PAYMENTS)[number];

export const HOME_CARE_TYPES = ['家庭病床', '巡诊'] as const;
export type HomeCareType = (typeof HOME_CARE_TYPES)[number];

export const INSTITUTION_KINDS = [
  '综合医院',
  '中医/中西医结合医院',
  '专科医院',
  '安宁疗护中心',
  '社区卫生服务中心',
  '乡镇卫生院',
  '护理院',
  '医养结合/养老机构',
] as const;
export type InstitutionKind = (typeof INSTITUTION_KINDS)[number];

export const DESIGNATION_TYPES = ['指导中心', '培训基地', '实践基地', '示范基地', '试点单位'] as const;
export type DesignationType = (typeof DESIGNATION_TYPES)[number];

/**
 * The registry's controlled vocabularies, as plain constants for the browser.
 *
 * The zod schemas in src/schemas/ hold the same lists, but importing them would ship zod
 * to every finder visitor. tests/unit/finder-vocab.test.ts checks that these lists equal
 * the schema enums, in the same order (the order is the bit order of the finder index).
 */
import type { DesignationType, InstitutionKind } from '../../schemas/institution.ts';
import type { CareMode, HomeCareType, Offer, Payment } from '../../schemas/service.ts';

export const MODES = ['住院', '门诊', '居家', '会诊', '互联网'] as const satisfies readonly CareMode[];
export const OFFER_LIST = [
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
] as const satisfies readonly Offer[];
export const PAYMENT_LIST = ['医保', '按床日付费', '长护险', '商业保险', '自费'] as const satisfies readonly Payment[];
export const KIND_LIST = [
  '综合医院',
  '中医/中西医结合医院',
  '专科医院',
  '安宁疗护中心',
  '社区卫生服务中心',
  '乡镇卫生院',
  '护理院',
  '医养结合/养老机构',
] as const satisfies readonly InstitutionKind[];
export const DESIGNATION_LIST = ['指导中心', '培训基地', '实践基地', '示范基地', '试点单位'] as const satisfies readonly DesignationType[];
export const HOME_CARE_TYPE_LIST = ['家庭病床', '巡诊'] as const satisfies readonly HomeCareType[];

export type { CareMode, DesignationType, HomeCareType, InstitutionKind, Offer, Payment };

/** Key suffix of each care mode's label in the UI strings (finder.mode.<key>). */
export const MODE_KEYS = {
  住院: 'inpatient',
  门诊: 'outpatient',
  居家: 'home',
  会诊: 'consult',
  互联网: 'online',
} as const satisfies Record<CareMode, string>;

/**
 * Words people (and other pages) use for a care mode in links, mapped to the registry
 * value: ?mode=家庭病床 and ?mode=线上咨询 work as well as ?mode=居家 and ?mode=互联网.
 */
export const MODE_SYNONYMS: Readonly<Record<string, CareMode>> = {
  住院: '住院',
  病房: '住院',
  门诊: '门诊',
  居家: '居家',
  家庭病床: '居家',
  巡诊: '居家',
  上门: '居家',
  会诊: '会诊',
  互联网: '互联网',
  '互联网+': '互联网',
  线上: '互联网',
  线上咨询: '互联网',
  inpatient: '住院',
  outpatient: '门诊',
  home: '居家',
  consult: '会诊',
  online: '互联网',
};

/** Index of `value` in `list`, or -1. */
export function indexIn<T extends string>(list: readonly T[], value: string): number {
  return (list as readonly string[]).indexOf(value);
}

/** True when `value` is one of `list`. */
export function isIn<T extends string>(list: readonly T[], value: string): value is T {
  return (list as readonly string[]).includes(value);
}

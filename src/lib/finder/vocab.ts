/**
 * The registry's controlled vocabularies under the finder's names, from the zod-free lists
 * the schemas use too (src/schemas/vocabularies.ts): one list each, no zod in the browser.
 * The order is the bit order of the finder index.
 */
import type { CareMode } from '../../schemas/vocabularies.ts';

export {
  CARE_MODES as MODES,
  DESIGNATION_TYPES as DESIGNATION_LIST,
  HOME_CARE_TYPES as HOME_CARE_TYPE_LIST,
  INSTITUTION_KINDS as KIND_LIST,
  OFFERS as OFFER_LIST,
  PAYMENTS as PAYMENT_LIST,
} from '../../schemas/vocabularies.ts';
export type { CareMode, DesignationType, HomeCareType, InstitutionKind, Offer, Payment } from '../../schemas/vocabularies.ts';

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

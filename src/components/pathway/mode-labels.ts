import type { UiKey } from '../../i18n/index.ts';
import type { CareMode } from '../../schemas/service.ts';

/** UI string of each care mode as the pathway helper names it. */
export const MODE_LABEL_KEYS = {
  住院: 'pathway.mode.inpatient',
  门诊: 'pathway.mode.outpatient',
  居家: 'pathway.mode.home',
  会诊: 'pathway.mode.consult',
  互联网: 'pathway.mode.online',
} as const satisfies Record<CareMode, UiKey>;

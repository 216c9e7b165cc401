/**
 * The privacy notice's configurable facts (《个人信息保护法》第十七条: who processes the
 * data and how to reach them, how long it is kept) and its version, which is recorded
 * with every consent. Read from environment variables: at build time for /privacy/ and
 * the forms, at run time for the consent record, so set them for both (`npm start`
 * builds and runs in the same environment).
 */

/** Days a submission is kept after its last change, unless RETENTION_DAYS says otherwise. */
export const DEFAULT_RETENTION_DAYS = 365;
/** Days a backup file is kept, unless BACKUP_RETENTION_DAYS says otherwise. */
export const DEFAULT_BACKUP_RETENTION_DAYS = 30;
/**
 * Days the audit log keeps each entry (who did what, never personal data). Three years,
 * well beyond the six months 《网络安全法》第二十一条 asks of network logs, so a question
 * about an old change can still be answered. Fixed in the database's own guard (migration
 * 0003): changing it takes a migration, not a setting.
 */
export const AUDIT_RETENTION_DAYS = 1095;
/**
 * Days the contact of an application to be listed (/join/) is kept after the application
 * was decided: long enough for the reviewer to call back and invite the institution's
 * manager, then deleted by data:purge (the application's registry facts stay).
 */
export const APPLICANT_RETENTION_DAYS = 90;

/**
 * Days a referral between institutions is kept after it ended (declined, withdrawn or
 * completed). By then the receiving institution holds the patient in its own records and
 * any question about the hand-over has been asked; the site's copy was only for passing the
 * patient on. Deleted by `npm run data:purge`.
 */
export const REFERRAL_RETENTION_DAYS = 90;

/**
 * Consultation requests (issue #18) are kept for a fixed, stated time rather than
 * RETENTION_DAYS: they hold health information, so less. A request whose every institution
 * has declined or closed it is deleted this many days after the last change; one never
 * closed, this many days after its last change too (CONSULTATION_MAX_DAYS). `npm run
 * data:purge` deletes them daily; the family may delete its own at any time.
 */
export const CLOSED_CONSULTATION_DAYS = 90;
export const CONSULTATION_MAX_DAYS = 180;
/** Notices sent to group robots (no personal data) are forgotten after this many days. */
export const NOTICE_RETENTION_DAYS = 30;

/** Date of the notice text; change it whenever /privacy/ changes in substance. */
export const NOTICE_DATE = '2026-12-03';

export interface PrivacySettings {
  /** Name of the personal-information processor (PRIVACY_CONTROLLER_NAME). */
  readonly controllerName: string | undefined;
  /** How to reach them about personal information (PRIVACY_CONTACT). */
  readonly contact: string | undefined;
  /**
   * Where the server and the data are, and whether anything goes abroad (PRIVACY_DATA_LOCATION).
   * A deployment fact only the operator can state: a transfer abroad brings in
   * 《个人信息保护法》 chapter III, so the notice never assumes it.
   */
  readonly dataLocation: string | undefined;
  /** Days submissions are kept after their last change (RETENTION_DAYS). */
  readonly retentionDays: number;
  /** Days backups are kept (BACKUP_RETENTION_DAYS). */
  readonly backupRetentionDays: number;
  /** False when the operator has not set the controller's name and contact. */
  readonly configured: boolean;
  /** NOTICE_DATE plus a digest of the settings above, e.g. 2026-11-22.3f9a1c. */
  readonly noticeVersion: string;
}

/** FNV-1a, 32 bit: a short, stable digest that needs no crypto module (runs anywhere). */
function digest(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0').slice(0, 6);
}

function clean(value: string | undefined): string | undefined {
  const v = value?.trim();
  return v === undefined || v === '' ? undefined : v;
}

function days(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return value !== undefined && Number.isInteger(n) && n >= 1 ? n : fallback;
}

export function privacySettings(env: NodeJS.ProcessEnv = process.env): PrivacySettings {
  const controllerName = clean(env['PRIVACY_CONTROLLER_NAME']);
  const contact = clean(env['PRIVACY_CONTACT']);
  const dataLocation = clean(env['PRIVACY_DATA_LOCATION']);
  const retentionDays = days(env['RETENTION_DAYS'], DEFAULT_RETENTION_DAYS);
  const backupRetentionDays = days(env['BACKUP_RETENTION_DAYS'], DEFAULT_BACKUP_RETENTION_DAYS);
  // The data location joins the digest only when set, so notices without it keep their version.
  const parts = [
    controllerName ?? '',
    contact ?? '',
    retentionDays,
    backupRetentionDays,
    ...(dataLocation === undefined ? [] : [dataLocation]),
    // Since the staff console (scoped access, the audit log) the notice says who sees what and for how long.
    `audit ${AUDIT_RETENTION_DAYS}`,
    // Since consultation requests: what they hold and how long.
    `consultations ${CLOSED_CONSULTATION_DAYS}/${CONSULTATION_MAX_DAYS}`,
  ];
  const noticeVersion = `${NOTICE_DATE}.${digest(parts.join('\u0000'))}`;
  return {
    controllerName,
    contact,
    dataLocation,
    retentionDays,
    backupRetentionDays,
    configured: controllerName !== undefined && contact !== undefined,
    noticeVersion,
  };
}
